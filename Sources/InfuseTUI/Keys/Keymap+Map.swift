extension KeyBinding {
    /// The same binding (keys, help, footer text) with its action transformed, e.g. a screen's
    /// own command wrapped into the app's ``AppCommand``.
    public func map<T: Sendable>(_ transform: (Action) -> T) -> KeyBinding<T> {
        KeyBinding<T>(keys, transform(action), help: help, group: group, showInFooter: showInFooter, footerText: footerText)
    }
}

extension Keymap {
    /// The same keymap (name, bindings in order, fall-through) with every action transformed.
    public func map<T: Sendable>(_ transform: (Action) -> T) -> Keymap<T> {
        Keymap<T>(name, blocksFallThrough: blocksFallThrough, bindings.map { $0.map(transform) })
    }
}
