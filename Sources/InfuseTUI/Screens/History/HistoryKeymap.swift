import InfuseApp

/// History's commands.
public enum HistoryCommand: Hashable, Sendable {
    /// Select a run; go back.
    case navigate, back
    /// Read the history again.
    case reload
    /// Browse the source's data.
    case browseSource
}

extension HistoryState {
    /// History's key bindings: the only source of its keys; the footer and the help come from them.
    public static let keymap = Keymap<HistoryCommand>("History", [
        KeyBinding([.char("b")], .browseSource, help: "Browse the data of this data source", footerText: "browse"),
        KeyBinding([.char("r")], .reload, help: "Read the history again", footerText: "reload"),
        KeyBinding([.escape], .back, help: "Back", footerText: "back"),
        KeyBinding([.up, .down, .char("k"), .char("j"), .pageUp, .pageDown, .home, .end], .navigate,
                   help: "Select a run", group: "Navigation", showInFooter: false),
    ])
}
