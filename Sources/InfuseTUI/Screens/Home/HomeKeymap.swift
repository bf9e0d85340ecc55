import Foundation
import InfuseApp
import InfuseCore

/// The home screen's commands (its keymaps are the only source of them).
public enum HomeCommand: Hashable, Sendable {
    /// Move the selection (the key goes to the list).
    case navigate
    /// Start filtering the list; keep the filter; clear it.
    case filter, keepFilter, clearFilter
    /// Act on the selected data source.
    case browseSource, editSource, showHistory, refreshSource, deleteSource
    /// Create a data source; manage the connected accounts.
    case newSource, manageAccounts
}

extension HomeState {
    /// The screen's key bindings.
    public static let keymap = Keymap<HomeCommand>("Data sources", [
        KeyBinding([.enter], .browseSource, help: "Browse the data (the view and its tables)", footerText: "browse"),
        KeyBinding([.char("n")], .newSource, help: "Create a new data source", footerText: "new"),
        KeyBinding([.char("e")], .editSource, help: "Edit the selected data source", footerText: "edit"),
        KeyBinding([.char("h")], .showHistory, help: "Show the refresh history", footerText: "history"),
        KeyBinding([.char("r")], .refreshSource, help: "Refresh the selected data source now", footerText: "refresh"),
        KeyBinding([.char("d"), .delete], .deleteSource, help: "Delete the selected data source", footerText: "delete"),
        KeyBinding([.char("a")], .manageAccounts, help: "Manage connected accounts", footerText: "connected accounts"),
        KeyBinding([.char("/")], .filter, help: "Filter the list", footerText: "filter"),
        KeyBinding([.up, .down, .char("k"), .char("j"), .pageUp, .pageDown, .home, .end], .navigate,
                   help: "Move the selection", group: "Navigation", showInFooter: false),
    ])

    /// The keymap while the filter line takes text.
    public static let filterKeymap = Keymap<HomeCommand>("Filter", [
        KeyBinding([.enter], .keepFilter, help: "Keep the filter and return to the list", footerText: "done"),
        KeyBinding([.escape], .clearFilter, help: "Clear the filter", footerText: "clear filter"),
        KeyBinding([.up, .down], .navigate, help: "Move the selection", group: "Navigation", showInFooter: false),
    ])
}
