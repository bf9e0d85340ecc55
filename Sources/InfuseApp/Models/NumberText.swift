import Foundation

/// Number formatting for the CLI and the designer, independent of the process locale.
public enum NumberText {
    /// The integer with comma thousands separators: `1750` → `1,750`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// Seconds with one decimal below a minute (`0.8 s`), then `m`/`s` (`2 m 05 s`).
    public static func duration(_ seconds: Double) -> String {
        let s = max(0, seconds)
        if s < 60 {
            let tenths = Int((s * 10).rounded())
            return "\(tenths / 10).\(tenths % 10) s"
        }
        let whole = Int(s.rounded())
        let sec = whole % 60
        return "\(whole / 60) m \(sec < 10 ? "0" : "")\(sec) s"
    }
}
