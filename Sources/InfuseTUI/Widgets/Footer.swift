/// The footer line of key hints (`n new  e edit  ? help  q quit`), generated from a
/// ``KeymapStack``'s ``KeymapStack/footerItems()``. Hints that do not fit are left out whole.
public enum Footer {
    /// The footer as plain text for `width` columns.
    public static func text(_ items: [FooterItem], width: Int) -> String {
        var out = ""
        for item in items {
            let piece = (out.isEmpty ? "" : "  ") + item.key + " " + item.text
            if (" " + out + piece).displayWidth > width { break }
            out += piece
        }
        return " " + out
    }

    /// Draws the hints on the first row of `area`, keys in the accent style.
    public static func render(_ items: [FooterItem], into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: theme.normal)
        var x = area.x + 1
        for (i, item) in items.enumerated() {
            let gap = i == 0 ? 0 : 2
            let need = gap + item.key.displayWidth + 1 + item.text.displayWidth
            if x + need > area.maxX { break }
            x += gap
            x += buffer.put(item.key, x: x, y: area.y, style: theme.accent)
            x += buffer.put(" " + item.text, x: x, y: area.y, style: theme.normal)
        }
    }

    /// Convenience: the footer for the bindings reachable in `stack`.
    public static func render<A>(_ stack: KeymapStack<A>, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        render(stack.footerItems(), into: &buffer, area: area, theme: theme)
    }
}
