/// What a key resolves to through ``AppKeymaps/stack(for:)``: a global command, or the command
/// of the layer that bound the key. Each screen (and overlay) has its own command enum and its
/// keymap is typed by it; the stack wraps them here so the footer and the help list every layer.
/// The reducer unwraps the case and hands it to the screen it belongs to.
public enum AppCommand: Hashable, Sendable {
    /// Keys that work on every screen.
    case global(GlobalCommand)
    /// The help screen's keys.
    case help(HelpCommand)
    /// An open dialog's keys.
    case dialog(DialogCommand)
    /// An open drop-down list's keys (shown; the list itself takes the keys).
    case dropDown(DropDownCommand)
    /// The home screen (data sources).
    case home(HomeCommand)
    /// The connection picker.
    case picker(PickerCommand)
    /// The sign-in screen.
    case signIn(SignInCommand)
    /// The connected accounts screen.
    case accounts(AccountsCommand)
    /// The data source form.
    case form(FormCommand)
    /// Choose Schema(s).
    case schemas(SchemasCommand)
    /// The design view.
    case design(DesignCommand)
    /// Browse.
    case browse(BrowseCommand)
    /// History.
    case history(HistoryCommand)
}

/// The commands of ``AppKeymaps/global``, answered by the app itself.
public enum GlobalCommand: Hashable, Sendable {
    /// Open the help screen.
    case help
    /// Quit (asking first when a design is not saved).
    case quit
}

/// The commands of the help screen (``AppKeymaps/help``).
public enum HelpCommand: Hashable, Sendable {
    /// Scroll a line.
    case scrollUp, scrollDown
    /// Scroll a page.
    case pageUp, pageDown
    /// Close the help.
    case close
}

/// The commands an open drop-down list shows (``AppKeymaps/dropDown``); the list handles its keys.
public enum DropDownCommand: Hashable, Sendable {
    /// Move, choose, close, edit the filter.
    case move, choose, close, filter
}
