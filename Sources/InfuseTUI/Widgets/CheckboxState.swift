/// A checkbox with a label: `☐ Custom Url` / `☑ Custom Url` (`[ ]` / `[x]` without colour).
/// Space or Enter toggles.
public struct CheckboxState: Hashable, Sendable {
    /// The label after the box.
    public var label: String
    /// Whether the box is ticked.
    public var isOn: Bool

    /// Creates a checkbox.
    public init(label: String, isOn: Bool = false) {
        self.label = label
        self.isOn = isOn
    }

    /// Handles a key: Space/Enter toggle (`.changed`).
    public mutating func handle(_ key: Key) -> WidgetOutcome {
        switch key {
        case .char(" "), .enter: isOn.toggle(); return .changed
        default: return .ignored
        }
    }

    /// Draws the box and label on the first row of `area`; focused uses the focused-control style.
    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool) {
        guard !area.isEmpty else { return }
        let glyph = isOn ? theme.checkboxOn : theme.checkboxOff
        let style = focused ? theme.focusedControl : theme.control
        let used = buffer.put(glyph, x: area.x, y: area.y, style: style, maxWidth: area.width)
        buffer.put(" " + label, x: area.x + used, y: area.y, style: focused ? theme.normal.bolded : theme.normal,
                   maxWidth: area.width - used)
    }
}
