import InfuseApp

/// Browse's commands.
public enum BrowseCommand: Hashable, Sendable {
    /// Move the row or the cell cursor (the key says which way); go back.
    case navigate, back
    /// Switch table.
    case nextTable, previousTable
    /// Sort, filter, jump to a row.
    case sortColumn, filter, goToRow
    /// Copy the cell or the row; export what is shown.
    case copyCell, copyRow, exportShown
    /// Show the source's refresh history.
    case showHistory
}

extension BrowseState {
    /// Browse's key bindings: the only source of its keys; the footer and the help come from them.
    public static let keymap = Keymap<BrowseCommand>("Browse", [
        KeyBinding([.tab], .nextTable, help: "Next table (the view, then each table)", footerText: "table"),
        KeyBinding([.backTab], .previousTable, help: "Show the previous table", showInFooter: false),
        KeyBinding([.char("s")], .sortColumn, help: "Sort by this column: up, down, off", footerText: "sort"),
        KeyBinding([.char("/")], .filter, help: "Filter on this column (empty clears)", footerText: "filter"),
        KeyBinding([.char("g")], .goToRow, help: "Go to a row by number", footerText: "go to"),
        KeyBinding([.char("c")], .copyCell, help: "Copy the cell (clipboard, by OSC 52)", footerText: "copy"),
        KeyBinding([.char("C")], .copyRow, help: "Copy the selected row, tab-separated", showInFooter: false),
        KeyBinding([.char("x")], .exportShown, help: "Export what is shown to CSV or JSON", footerText: "export"),
        KeyBinding([.char("h")], .showHistory, help: "Show the refresh history", footerText: "history"),
        KeyBinding([.escape], .back, help: "Back to the data sources", footerText: "back"),
        KeyBinding([.up, .down, .char("k"), .char("j"), .pageUp, .pageDown], .navigate,
                   help: "Move the selected row", group: "Navigation", showInFooter: false),
        KeyBinding([.home, .end], .navigate, help: "Jump to the first or the last row", group: "Navigation", showInFooter: false),
        KeyBinding([.left, .right], .navigate, help: "Move the cell cursor between columns", group: "Navigation", showInFooter: false),
    ])
}
