/// The glyphs of a box border.
public struct BorderGlyphs: Hashable, Sendable {
    /// Corners and edges, in the order top-left, top-right, bottom-left, bottom-right, horizontal, vertical.
    public let topLeft: String, topRight: String, bottomLeft: String, bottomRight: String
    /// Horizontal and vertical edge glyphs.
    public let horizontal: String, vertical: String

    /// Light lines `┌─┐│└┘`, for unfocused panes.
    public static let light = BorderGlyphs(topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
                                           horizontal: "─", vertical: "│")
    /// Heavy lines `┏━┓┃┗┛`, for the focused pane.
    public static let heavy = BorderGlyphs(topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛",
                                           horizontal: "━", vertical: "┃")
}

extension CellBuffer {
    /// Draws a Unicode box border around `rect` in `style`, with an optional `title` in the top edge
    /// (`┌ Title ───┐`, truncated with `…`). A focused box uses heavy lines and bold.
    public mutating func box(_ rect: Rect, style: Style = .plain, title: String? = nil, focused: Bool = false) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let g = focused ? BorderGlyphs.heavy : BorderGlyphs.light
        let s = focused ? style.bolded : style
        let horizontal = String(repeating: g.horizontal, count: rect.width - 2)
        put(g.topLeft + horizontal + g.topRight, x: rect.x, y: rect.y, style: s)
        put(g.bottomLeft + horizontal + g.bottomRight, x: rect.x, y: rect.maxY - 1, style: s)
        for yy in (rect.y + 1)..<(rect.maxY - 1) {
            put(g.vertical, x: rect.x, y: yy, style: s)
            put(g.vertical, x: rect.maxX - 1, y: yy, style: s)
        }
        if let title, !title.isEmpty, rect.width >= 6 {
            let text = " " + title.truncated(toWidth: rect.width - 4) + " "
            put(text, x: rect.x + 1, y: rect.y, style: s)
        }
    }

    /// Draws a horizontal rule across `rect.width` at row `y`, joining the box sides with `├ ┤`.
    public mutating func hrule(x: Int, y: Int, width w: Int, style: Style = .plain, joinEnds: Bool = true) {
        guard w > 0 else { return }
        var line = String(repeating: "─", count: w)
        if joinEnds, w >= 2 { line = "├" + String(repeating: "─", count: w - 2) + "┤" }
        put(line, x: x, y: y, style: style)
    }
}
