/// The `?` help screen: every reachable binding of a ``KeymapStack``, grouped in sections, drawn in
/// a centred box. It is built from the same stack as the footer, so the two never disagree.
public enum HelpScreen {
    /// The help text lines (section headings, then `key  help` rows), before clipping.
    public static func lines(_ sections: [HelpSection]) -> [(text: String, isHeading: Bool)] {
        let keyWidth = sections.flatMap(\.entries).map { $0.key.displayWidth }.max() ?? 0
        var out: [(String, Bool)] = []
        for (i, section) in sections.enumerated() {
            if i > 0 { out.append(("", false)) }
            out.append((section.title, true))
            for e in section.entries { out.append(("  " + e.key.padded(toWidth: keyWidth) + "  " + e.text, false)) }
        }
        return out
    }

    /// Draws the help box over `bounds`, starting `scroll` lines down.
    public static func render(_ sections: [HelpSection], scroll: Int = 0, into buffer: inout CellBuffer,
                              bounds: Rect, theme: Theme) {
        let content = lines(sections)
        let widest = content.map { $0.text.displayWidth }.max() ?? 0
        let rect = bounds.centered(width: min(bounds.width - 2, max(40, widest + 4)),
                                   height: min(bounds.height - 2, content.count + 4))
        guard rect.width >= 6, rect.height >= 3 else { return }
        buffer.fill(rect, style: theme.dialog)
        buffer.box(rect, style: theme.focusedBorder, title: "Keys — Esc closes", focused: true)
        let inner = rect.interior.inset(dx: 1, dy: 1)
        let start = max(0, min(scroll, content.count - inner.height))
        for (offset, line) in content.dropFirst(start).prefix(inner.height).enumerated() {
            buffer.put(line.text, x: inner.x, y: inner.y + offset, style: line.isHeading ? theme.header : theme.dialog,
                       maxWidth: inner.width)
        }
        if start + inner.height < content.count {
            let more = " ↓ more "
            buffer.put(more, x: rect.maxX - 2 - more.displayWidth, y: rect.maxY - 1, style: theme.focusedBorder.bolded)
        }
    }

    /// Convenience: the help for the bindings reachable in `stack`.
    public static func render<A>(_ stack: KeymapStack<A>, scroll: Int = 0, into buffer: inout CellBuffer,
                                 bounds: Rect, theme: Theme) {
        render(stack.helpSections(), scroll: scroll, into: &buffer, bounds: bounds, theme: theme)
    }
}
