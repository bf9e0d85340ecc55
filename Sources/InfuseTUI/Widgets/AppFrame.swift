/// The frame every screen shares: an outer box whose top edge carries the title segments
/// (`Infuse ─ Data sources`) and a right-hand marker, then the body, a rule, the status line and
/// the footer.
public struct AppFrame: Hashable, Sendable {
    /// Title segments, joined by ` ─ `.
    public var titles: [String]
    /// Text at the right of the top edge (`sandbox · workspace ~/…`), or empty.
    public var rightTitle: String

    /// Creates a frame.
    public init(titles: [String], rightTitle: String = "") {
        self.titles = titles
        self.rightTitle = rightTitle
    }

    /// The rectangles a frame of `bounds` leaves for its parts.
    public struct Layout: Hashable, Sendable {
        /// The screen body, inside the border.
        public var body: Rect
        /// The status line.
        public var status: Rect
        /// The footer line.
        public var footer: Rect
    }

    /// Where the body, status line and footer go within `bounds`.
    public func layout(in bounds: Rect) -> Layout {
        let inner = bounds.interior
        let parts = inner.splitVertically([.fill, .fixed(1), .fixed(1), .fixed(1)])
        return Layout(body: parts[0], status: parts[2], footer: parts[3])
    }

    /// Draws the border, titles and the rule above the status line; returns the layout to fill in.
    @discardableResult
    public func render(into buffer: inout CellBuffer, bounds: Rect, theme: Theme) -> Layout {
        let l = layout(in: bounds)
        buffer.fill(bounds, style: theme.normal)
        buffer.box(bounds, style: theme.border)
        let title = " " + titles.joined(separator: " ─ ") + " "
        var rightWidth = 0
        if !rightTitle.isEmpty {
            let r = " " + rightTitle.truncated(toWidth: max(0, bounds.width / 2 - 4)) + " "
            rightWidth = r.displayWidth
            buffer.put(r, x: bounds.maxX - 2 - rightWidth, y: bounds.y, style: theme.dim)
        }
        buffer.put(title, x: bounds.x + 1, y: bounds.y, style: theme.title, maxWidth: max(0, bounds.width - 3 - rightWidth))
        if l.status.height > 0 { buffer.hrule(x: bounds.x, y: l.status.y - 1, width: bounds.width, style: theme.border) }
        return l
    }
}
