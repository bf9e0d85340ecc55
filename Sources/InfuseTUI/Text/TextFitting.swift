extension String {
    /// The text cut to at most `width` columns; when something had to go, the last column shows `…`.
    /// A wide character never gets split: it is dropped whole and the gap stays narrower.
    public func truncated(toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        if displayWidth <= width { return self }
        let budget = width - 1   // room for "…"
        var out = ""
        var used = 0
        for c in self {
            let w = c.displayWidth
            if used + w > budget { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// The text truncated to `width` columns and padded with spaces on the right to exactly `width`.
    public func padded(toWidth width: Int) -> String {
        let t = truncated(toWidth: width)
        return t + String(repeating: " ", count: max(0, width - t.displayWidth))
    }

    /// The text truncated to `width` columns and padded with spaces on the left to exactly `width`.
    public func leftPadded(toWidth width: Int) -> String {
        let t = truncated(toWidth: width)
        return String(repeating: " ", count: max(0, width - t.displayWidth)) + t
    }

    /// The text word-wrapped to lines of at most `width` columns; words longer than a line are
    /// broken by grapheme. Existing newlines start new lines.
    public func wrapped(toWidth width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var w = String(word)
                var ww = w.displayWidth
                if lineWidth > 0 && lineWidth + 1 + ww <= width {
                    line += " " + w
                    lineWidth += 1 + ww
                    continue
                }
                if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
                while ww > width {
                    var head = "", hw = 0
                    var rest = Substring(w)
                    while let c = rest.first, hw + c.displayWidth <= width { head.append(c); hw += c.displayWidth; rest = rest.dropFirst() }
                    if head.isEmpty { head = String(rest.prefix(1)); rest = rest.dropFirst() }
                    lines.append(head)
                    w = String(rest)
                    ww = w.displayWidth
                }
                line = w
                lineWidth = ww
            }
            lines.append(line)
        }
        return lines
    }
}

