/// A push button drawn as `[ Label ]`; focused it is reversed (and `[>Label<]` without colour).
/// Enter or Space activates it.
public struct ButtonState: Hashable, Sendable {
    /// The caption.
    public var label: String

    /// Creates a button.
    public init(label: String) { self.label = label }

    /// The columns the button takes.
    public var width: Int { label.displayWidth + 4 }

    /// Handles a key: Enter/Space → `.activated`.
    public func handle(_ key: Key) -> WidgetOutcome {
        switch key {
        case .enter, .char(" "): return .activated
        default: return .ignored
        }
    }

    /// The button text for a theme and focus state.
    public func text(theme: Theme, focused: Bool) -> String {
        focused && !theme.usesColor ? "[>\(label)<]" : "[ \(label) ]"
    }

    /// Draws the button at the top-left of `area`.
    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool) {
        guard !area.isEmpty else { return }
        buffer.put(text(theme: theme, focused: focused), x: area.x, y: area.y,
                   style: focused ? theme.focusedControl : theme.control, maxWidth: area.width)
    }

    /// Draws `buttons` in a row centred in `area` with two spaces between them; `focusedIndex`
    /// marks the focused one. Returns the rectangles the buttons took.
    @discardableResult
    public static func renderRow(_ buttons: [ButtonState], focusedIndex: Int?, into buffer: inout CellBuffer,
                                 area: Rect, theme: Theme) -> [Rect] {
        let total = buttons.map(\.width).reduce(0, +) + max(0, buttons.count - 1) * 2
        var x = area.x + max(0, (area.width - total) / 2)
        var rects: [Rect] = []
        for (i, b) in buttons.enumerated() {
            let r = Rect(x: x, y: area.y, width: b.width, height: 1)
            b.render(into: &buffer, area: r.intersection(area), theme: theme, focused: i == focusedIndex)
            rects.append(r)
            x += b.width + 2
        }
        return rects
    }
}
