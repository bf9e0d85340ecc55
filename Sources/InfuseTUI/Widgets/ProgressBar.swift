import InfuseApp
/// Draws a one-line progress bar.
public enum ProgressBar {
    /// The filled/empty bar of `width` cells for `done` of `total`.
    public static func bar(done: Int, total: Int, width: Int) -> String {
        guard width > 0 else { return "" }
        let fraction = total > 0 ? min(1, max(0, Double(done) / Double(total))) : 0
        let filled = Int((fraction * Double(width)).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    /// The text after the bar: `1,750/2,500 rows · page 2/3 · 0.8 s left`.
    public static func detail(_ info: ProgressInfo) -> String {
        var parts: [String] = []
        if let total = info.total {
            parts.append("\(NumberText.grouped(info.done))/\(NumberText.grouped(total)) \(info.unit)")
        } else {
            parts.append("\(NumberText.grouped(info.done)) \(info.unit)")
        }
        if let page = info.page {
            parts.append(info.pageCount.map { "page \(page)/\($0)" } ?? "page \(page)")
        }
        if let s = info.secondsLeft { parts.append("\(NumberText.duration(s)) left") }
        return parts.joined(separator: " · ")
    }

    /// The whole line as plain text.
    public static func text(_ info: ProgressInfo, barWidth: Int = 10) -> String {
        let bar = info.total.map { " " + Self.bar(done: info.done, total: $0, width: barWidth) } ?? ""
        return info.label + bar + " " + detail(info)
    }

    /// Draws the line on the first row of `area`, the bar's filled part in the progress style.
    public static func render(_ info: ProgressInfo, into buffer: inout CellBuffer, area: Rect, theme: Theme, barWidth: Int = 10) {
        guard !area.isEmpty else { return }
        var x = area.x
        x += buffer.put(info.label + " ", x: x, y: area.y, style: theme.normal, maxWidth: area.maxX - x)
        if let total = info.total {
            let bar = Self.bar(done: info.done, total: total, width: barWidth)
            let filled = bar.prefix { $0 == "█" }
            x += buffer.put(String(filled), x: x, y: area.y, style: theme.progressFill, maxWidth: area.maxX - x)
            x += buffer.put(String(bar.dropFirst(filled.count)) + " ", x: x, y: area.y, style: theme.dim, maxWidth: area.maxX - x)
        }
        buffer.put(detail(info), x: x, y: area.y, style: theme.normal, maxWidth: area.maxX - x)
    }
}
