/// One footer hint: the key label and its short text (`n` `new`).
public struct FooterItem: Hashable, Sendable {
    /// The key label, e.g. `^S`.
    public var key: String
    /// The short description, e.g. `save`.
    public var text: String
    /// Creates a footer item.
    public init(key: String, text: String) { self.key = key; self.text = text }
}

/// One section of the help screen: a context and group with its bindings' key labels and help.
public struct HelpSection: Hashable, Sendable {
    /// Section heading: `Context · Group` (just the context name when the group is "General").
    public var title: String
    /// `(keys, help)` rows.
    public var entries: [FooterItem]
    /// Creates a help section.
    public init(title: String, entries: [FooterItem]) { self.title = title; self.entries = entries }
}

/// The keymaps active right now, top first: `[dialog?] + [focused pane] + [global]`.
/// Resolution walks down the stack and the first binding wins; a blocking keymap (a modal) stops
/// the walk. The footer and the help screen are computed from the same walk.
public struct KeymapStack<Action: Sendable>: Sendable {
    /// The keymaps, top (most specific) first.
    public var layers: [Keymap<Action>]

    /// Creates a stack from keymaps listed top first.
    public init(_ layers: [Keymap<Action>]) { self.layers = layers }

    /// The keymaps that can currently receive keys: down to and including the first blocking one.
    public var reachableLayers: [Keymap<Action>] {
        var out: [Keymap<Action>] = []
        for layer in layers {
            out.append(layer)
            if layer.blocksFallThrough { break }
        }
        return out
    }

    /// The action bound to `key`, searching top first; nil when no reachable keymap binds it.
    public func resolve(_ key: Key) -> Action? {
        for layer in reachableLayers {
            if let b = layer.binding(for: key) { return b.action }
        }
        return nil
    }

    /// The bindings that are actually reachable, top first, without bindings whose every key is
    /// shadowed by a binding higher up.
    public func effectiveBindings() -> [(context: String, binding: KeyBinding<Action>)] {
        var taken = Set<Key>()
        var out: [(context: String, binding: KeyBinding<Action>)] = []
        for layer in reachableLayers {
            for b in layer.bindings {
                let live = b.keys.filter { !taken.contains($0) }
                if !live.isEmpty {
                    var shown = b
                    shown.keys = live
                    out.append((layer.name, shown))
                }
                for k in b.keys { taken.insert(k) }
            }
        }
        return out
    }

    /// The footer hints: reachable bindings marked `showInFooter`, primary key only, top first.
    public func footerItems() -> [FooterItem] {
        effectiveBindings().filter(\.binding.showInFooter).map {
            FooterItem(key: $0.binding.keys[0].label, text: $0.binding.footerText)
        }
    }

    /// The help screen's sections: every reachable binding, grouped by context then group.
    public func helpSections() -> [HelpSection] {
        var sections: [HelpSection] = []
        for (context, binding) in effectiveBindings() {
            let title = binding.group == "General" ? context : "\(context) · \(binding.group)"
            let entry = FooterItem(key: binding.keyLabel, text: binding.help)
            if let i = sections.firstIndex(where: { $0.title == title }) {
                sections[i].entries.append(entry)
            } else {
                sections.append(HelpSection(title: title, entries: [entry]))
            }
        }
        return sections
    }

    /// For each keymap, its keys bound more than once (empty when the tables are clean).
    public func duplicateKeysByContext() -> [String: [Key]] {
        var out: [String: [Key]] = [:]
        for layer in layers {
            let d = layer.duplicateKeys()
            if !d.isEmpty { out[layer.name] = d }
        }
        return out
    }
}
