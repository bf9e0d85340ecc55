/// The key bindings of one context (a dialog, a pane, the whole app).
public struct Keymap<Action: Sendable>: Sendable {
    /// The context's name, used in the help screen and in error messages ("Data sources").
    public var name: String
    /// The bindings, in the order they are shown.
    public var bindings: [KeyBinding<Action>]
    /// When true (modal dialogs), keys this keymap does not bind do not fall through to the keymaps below it.
    public var blocksFallThrough: Bool

    /// Creates a keymap.
    public init(_ name: String, blocksFallThrough: Bool = false, _ bindings: [KeyBinding<Action>]) {
        self.name = name
        self.bindings = bindings
        self.blocksFallThrough = blocksFallThrough
    }

    /// The first binding containing `key`, if any.
    public func binding(for key: Key) -> KeyBinding<Action>? {
        bindings.first { $0.keys.contains(key) }
    }

    /// Keys bound more than once in this keymap (should be empty; tests assert it).
    public func duplicateKeys() -> [Key] {
        var seen = Set<Key>(), dups: [Key] = []
        for b in bindings {
            for k in b.keys {
                if !seen.insert(k).inserted, !dups.contains(k) { dups.append(k) }
            }
        }
        return dups
    }
}
