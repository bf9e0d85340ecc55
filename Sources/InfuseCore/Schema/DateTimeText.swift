/// Recognises ISO 8601 dates and date-times in string bytes:
/// `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM`, `:SS`, a fraction, and a zone
/// `Z`, `±HH:MM`, `±HHMM` or `±HH` (Keap writes `2022-09-29T00:42:42.000+0000`).
enum DateTimeText {
    static func isDateTime(_ p: UnsafePointer<UInt8>, count n: Int) -> Bool {
        guard n >= 10, n <= 40 else { return false }
        @inline(__always) func digits(_ at: Int, _ length: Int) -> Int? {
            guard at + length <= n else { return nil }
            var v = 0
            for i in at..<(at + length) {
                let d = p[i] &- 48
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            return v
        }
        guard digits(0, 4) != nil, p[4] == UInt8(ascii: "-"), let month = digits(5, 2), p[7] == UInt8(ascii: "-"),
              let day = digits(8, 2), (1...12).contains(month), (1...31).contains(day) else { return false }
        if n == 10 { return true }
        guard p[10] == UInt8(ascii: "T") || p[10] == UInt8(ascii: " "),
              let hour = digits(11, 2), hour < 24, n > 13, p[13] == UInt8(ascii: ":"),
              let minute = digits(14, 2), minute < 60 else { return false }
        var i = 16
        if i < n && p[i] == UInt8(ascii: ":") {
            guard let second = digits(i + 1, 2), second <= 60 else { return false }
            i += 3
            if i < n && (p[i] == UInt8(ascii: ".") || p[i] == UInt8(ascii: ",")) {
                i += 1
                let start = i
                while i < n && isDigit(p[i]) { i += 1 }
                guard i > start else { return false }
            }
        }
        if i == n { return true }
        if p[i] == UInt8(ascii: "Z") { return i + 1 == n }
        guard p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-"), let zoneHour = digits(i + 1, 2), zoneHour < 24 else { return false }
        i += 3
        if i == n { return true }
        if p[i] == UInt8(ascii: ":") { i += 1 }
        guard let zoneMinute = digits(i, 2), zoneMinute < 60 else { return false }
        return i + 2 == n
    }
}
