/// The key-binding tables in force for a state: `[dialog or overlay] + [screen/focus] + [global]`.
/// The footer, the `?` help screen and key resolution all come from the same stack. While a text
/// field has the focus, bindings on printable keys are left out so typing reaches the field.
public enum AppKeymaps {
    /// Keys that work on every screen.
    public static let global = Keymap<GlobalCommand>("Everywhere", [
        KeyBinding([.char("?"), .function(1)], .help, help: "Show the keys", footerText: "help"),
        KeyBinding([.char("q"), .ctrl("c")], .quit, help: "Quit (asks when a design is not saved)", footerText: "quit"),
    ])

    /// Keys of an open dialog: its own ``DialogState/keymap``.
    public static func dialog(_ dialog: DialogState) -> Keymap<AppCommand> { dialog.keymap.map(AppCommand.dialog) }

    /// Keys of an open drop-down list.
    public static let dropDown = Keymap<DropDownCommand>("List", blocksFallThrough: true, [
        KeyBinding([.up, .down], .move, help: "Move", footerText: "move"),
        KeyBinding([.enter], .choose, help: "Choose the highlighted entry", footerText: "choose"),
        KeyBinding([.escape], .close, help: "Clear the filter, or close the list", footerText: "close"),
        KeyBinding([.backspace], .filter, help: "Type to filter; Backspace edits the filter", footerText: "type to filter"),
    ])

    /// Keys of the help screen.
    public static let help = Keymap<HelpCommand>("Help", blocksFallThrough: true, [
        KeyBinding([.up], .scrollUp, help: "Scroll up a line", footerText: "scroll"),
        KeyBinding([.down], .scrollDown, help: "Scroll down a line", showInFooter: false),
        KeyBinding([.pageUp], .pageUp, help: "Scroll up a page", showInFooter: false),
        KeyBinding([.pageDown], .pageDown, help: "Scroll down a page", showInFooter: false),
        KeyBinding([.escape, .char("?"), .char("q"), .enter, .function(1)], .close, help: "Close the help", footerText: "close"),
    ])

    /// The screen's keymap for its current focus.
    /// Each screen's keymap is typed by its own command enum; here it is wrapped into ``AppCommand``.
    public static func screen(_ state: AppState) -> Keymap<AppCommand> {
        switch state.top {
        case .home(let h): (h.list.isFiltering ? HomeState.filterKeymap : HomeState.keymap).map(AppCommand.home)
        case .picker: PickerState.keymap.map(AppCommand.picker)
        case .signIn(let s): s.keymap().map(AppCommand.signIn)
        case .accounts: AccountsState.keymap.map(AppCommand.accounts)
        case .form(let f): f.keymap().map(AppCommand.form)
        case .schemas(let s): s.keymap().map(AppCommand.schemas)
        case .design(let d): d.keymap().map(AppCommand.design)
        case .browse: BrowseState.keymap.map(AppCommand.browse)
        case .history: HistoryState.keymap.map(AppCommand.history)
        }
    }

    /// The whole stack for `state`.
    public static func stack(for state: AppState) -> KeymapStack<AppCommand> {
        if state.helpScroll != nil { return KeymapStack([help.map(AppCommand.help)]) }
        if let dialog = state.dialog { return KeymapStack([AppKeymaps.dialog(dialog)]) }
        if modalDropDownOpen(state) { return KeymapStack([dropDown.map(AppCommand.dropDown)]) }
        var layers = [screen(state), global.map(AppCommand.global)]
        if state.textEntryFocused {
            layers = layers.map { layer in
                var l = layer
                l.bindings = l.bindings.compactMap { b in
                    var b = b
                    b.keys = b.keys.filter { if case .char = $0 { return false } else { return true } }
                    return b.keys.isEmpty ? nil : b
                }
                return l
            }
        }
        return KeymapStack(layers)
    }

    /// True when a drop-down list is open on the top screen (it takes every key).
    public static func modalDropDownOpen(_ state: AppState) -> Bool {
        switch state.top {
        case .form(let f): return f.openDropDown != nil
        case .design(let d): return d.addTable.isOpen
        default: return false
        }
    }
}
