import InfuseTUI
/// Renders a ``CellBuffer`` as an SVG picture of a terminal: a monospace grid with the cells'
/// colours, bold, dim, underline and reverse, so screenshots come from the real render path.
public enum CellBufferSVG {
    /// Pixel width of one cell.
    public static let cellWidth = 9.6
    /// Pixel height of one row.
    public static let cellHeight = 20.0
    /// Font size in pixels.
    public static let fontSize = 16.0
    /// Default foreground and background (a dark terminal).
    public static let defaultForeground = "#d8dee9"
    /// See ``defaultForeground``.
    public static let defaultBackground = "#1d2129"

    /// The hex colour of an ANSI colour; nil for the terminal default.
    public static func hex(_ color: Color) -> String? {
        switch color {
        case .default: nil
        case .black: "#2e3440"
        case .red: "#e06c75"
        case .green: "#98c379"
        case .yellow: "#e5c07b"
        case .blue: "#61afef"
        case .magenta: "#c678dd"
        case .cyan: "#56b6c2"
        case .white: "#e5e9f0"
        }
    }

    /// The SVG document for `buffer`, with `title` as its accessible title.
    public static func svg(_ buffer: CellBuffer, title: String) -> String {
        let padding = 12.0
        let width = Double(buffer.width) * cellWidth + 2 * padding
        let height = Double(buffer.height) * cellHeight + 2 * padding
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(fmt(width))" height="\(fmt(height))" viewBox="0 0 \(fmt(width)) \(fmt(height))">
            <title>\(escape(title))</title>
            <rect width="100%" height="100%" rx="6" fill="\(defaultBackground)"/>
            <g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="\(fmt(fontSize))" xml:space="preserve">

            """
        for y in 0..<buffer.height {
            var x = 0
            while x < buffer.width {
                let style = buffer[x, y].style
                var end = x
                while end + 1 < buffer.width, buffer[end + 1, y].style == style { end += 1 }
                let (fg, bg) = colors(style)
                let px = padding + Double(x) * cellWidth
                let py = padding + Double(y) * cellHeight
                if bg != defaultBackground {
                    out += "<rect x=\"\(fmt(px))\" y=\"\(fmt(py))\" width=\"\(fmt(Double(end - x + 1) * cellWidth))\" height=\"\(fmt(cellHeight))\" fill=\"\(bg)\"/>\n"
                }
                // One <text> per stretch of narrow cells (renderers honour only the first x of a
                // list), and one per wide character, each at its cell's column.
                var attributes = "y=\"\(fmt(py + cellHeight * 0.75))\" fill=\"\(fg)\""
                if style.bold { attributes += " font-weight=\"bold\"" }
                if style.dim { attributes += " fill-opacity=\"0.6\"" }
                if style.underline { attributes += " text-decoration=\"underline\"" }
                var glyphs = ""
                var segment = ""
                var segmentStart = x
                func flush(_ upTo: Int) {
                    let trimmed = segment.drop { $0 == " " }
                    let lead = segment.count - trimmed.count
                    let text = String(trimmed.reversed().drop { $0 == " " }.reversed())
                    if !text.isEmpty {
                        out += "<text x=\"\(fmt(padding + Double(segmentStart + lead) * cellWidth))\" \(attributes)>\(escape(text))</text>\n"
                        glyphs += text
                    }
                    segment = ""
                    segmentStart = upTo
                }
                for cx in x...end {
                    let cell = buffer[cx, y]
                    if cell.isContinuation { continue }
                    if cell.text.displayWidth >= 2 {
                        flush(cx)
                        out += "<text x=\"\(fmt(padding + Double(cx) * cellWidth))\" \(attributes)>\(escape(cell.text))</text>\n"
                        glyphs += cell.text
                        segmentStart = cx + 2
                    } else {
                        if segment.isEmpty { segmentStart = cx }
                        segment += cell.text
                    }
                }
                flush(end + 1)
                if style.underline && glyphs.isEmpty {
                    out += "<rect x=\"\(fmt(px))\" y=\"\(fmt(py + cellHeight - 3))\" width=\"\(fmt(Double(end - x + 1) * cellWidth))\" height=\"1\" fill=\"\(fg)\" fill-opacity=\"0.6\"/>\n"
                }
                x = end + 1
            }
        }
        out += "</g>\n</svg>\n"
        return out
    }

    static func colors(_ style: Style) -> (fg: String, bg: String) {
        let fg = hex(style.fg) ?? defaultForeground
        let bg = hex(style.bg) ?? defaultBackground
        return style.reverse ? (bg, fg) : (fg, bg)
    }

    static func fmt(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
