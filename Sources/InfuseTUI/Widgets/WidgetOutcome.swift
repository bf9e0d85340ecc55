/// What a widget did with a key.
public enum WidgetOutcome: Hashable, Sendable {
    /// The widget does not use this key; offer it to the keymaps.
    case ignored
    /// The key was consumed (cursor or selection moved, overlay opened); the value did not change.
    case handled
    /// The widget's value changed (text edited, box toggled, option chosen).
    case changed
    /// The user activated the widget (Enter on a list row, a button pressed).
    case activated
    /// The user backed out of something inside the widget (Esc closed a drop-down's overlay).
    case cancelled
}
