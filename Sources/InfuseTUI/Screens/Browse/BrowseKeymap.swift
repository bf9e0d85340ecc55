import InfuseApp

extension BrowseState {
    /// Browse's key bindings: the only source of its keys; the footer and the help come from them.
    public static let keymap = Keymap<AppCommand>("Browse", [
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
