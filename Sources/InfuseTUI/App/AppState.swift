import Foundation
import InfuseApp
import InfuseCore

/// One screen of the designer, with its own state.
public enum Screen: Equatable, Sendable {
    case home(HomeState)
    case picker(PickerState)
    case signIn(SignInState)
    case accounts(AccountsState)
    case form(FormState)
    case schemas(SchemaChooserState)
    case design(DesignState)
    case browse(BrowseState)
    case history(HistoryState)

    /// The screen's name, used in the help screen and the title bar.
    public var name: String {
        switch self {
        case .home: "Data sources"
        case .picker: "Choose a connection"
        case .signIn: "Sign in"
        case .accounts: "Connected accounts"
        case .form: "Data source"
        case .schemas: "Choose Schema(s)"
        case .design: "Design"
        case .browse: "Browse"
        case .history: "History"
        }
    }

    /// True for the screens of a data source being designed (leaving them loses the work).
    public var holdsUnsavedWork: Bool {
        switch self {
        case .form(let f): f.isDirty
        case .schemas, .design: true
        default: false
        }
    }
}

/// Why a dialog is open: the screen that opened it (which answers it, in its own file) and what
/// the answer will do.
public enum DialogPurpose: Hashable, Sendable {
    /// A message with nothing to answer (an error, a notice).
    case message
    /// Asked by the app itself (quitting with unsaved work).
    case app(AppDialog)
    /// Asked by the home screen.
    case home(HomeDialog)
    /// Asked by the connected accounts screen.
    case accounts(AccountsDialog)
    /// Asked by the sign-in screen.
    case signIn(SignInDialog)
    /// Asked by the data source form.
    case form(FormDialog)
    /// Asked by the design view.
    case design(DesignDialog)
    /// Asked by Browse.
    case browse(BrowseDialog)
}

/// The dialogs the app itself opens; answered in `AppReducer+Dialogs`.
public enum AppDialog: Hashable, Sendable {
    /// Quit although a design is not saved.
    case confirmQuit
}

/// The whole state of the designer. Screens form a stack (Esc pops); at most one dialog is open.
public struct AppState: Equatable, Sendable {
    /// Where the designer runs.
    public var context: DesignerContext
    /// The screens, bottom (home) first.
    public var screens: [Screen]
    /// The open dialog and what its answer does.
    public var dialog: DialogState?
    /// See ``dialog``.
    public var dialogPurpose: DialogPurpose = .message
    /// The status line's message.
    public var status: StatusMessage?
    /// The progress bar shown in the status line while a refresh or preview runs.
    public var progress: ProgressInfo?
    /// The help screen's scroll offset, or nil while it is closed.
    public var helpScroll: Int?
    /// Saved data sources (also shown on the home screen).
    public var sources: [SourceRow] = []
    /// Connected accounts.
    public var accounts: [AccountRow] = []
    /// The account the current design uses.
    public var currentAccount: String?
    /// The spinner shown while waiting.
    public var spinner = Spinner()
    /// True while an effect the user waits for is running (preview, save, sign-in steps).
    public var busy: String?
    /// Set when the program should end.
    public var shouldQuit = false
    /// The saved Keap developer app's Client ID, when one is saved.
    public var keapAppClientID: String?
    /// The time as the loop last read it: the reducer's only clock (set before every action).
    public var now = Date(timeIntervalSince1970: 0)
    /// The terminal's size as the loop last read it (Browse pages by it).
    public var screenSize = TerminalSize(width: 80, height: 24)

    /// The initial state: the home screen.
    public init(context: DesignerContext) {
        self.context = context
        self.screens = [.home(HomeState())]
    }

    /// The screen on top of the stack.
    public var top: Screen {
        get { screens[screens.count - 1] }
        set { screens[screens.count - 1] = newValue }
    }

    /// Pushes a screen.
    public mutating func push(_ screen: Screen) { screens.append(screen) }

    /// Pops the top screen (never the home screen).
    public mutating func pop() { if screens.count > 1 { screens.removeLast() } }

    /// Pops down to the home screen.
    public mutating func popToHome() { screens = [screens[0]] }

    /// True when some screen holds a design that is not saved.
    public var hasUnsavedWork: Bool { screens.contains { $0.holdsUnsavedWork } }

    /// Opens `dialog` for `purpose`.
    public mutating func open(_ dialog: DialogState, for purpose: DialogPurpose) {
        self.dialog = dialog
        self.dialogPurpose = purpose
    }

    /// Shows an error dialog.
    public mutating func showError(_ report: ErrorReport) {
        busy = nil
        open(.error(title: report.title, message: report.message), for: .message)
    }

    /// The home screen's state.
    public var home: HomeState {
        get { if case .home(let h) = screens[0] { return h }; return HomeState() }
        set { screens[0] = .home(newValue) }
    }

    /// True when the focused element takes typed text, so printable keys go to it, not to bindings.
    public var textEntryFocused: Bool {
        if dialog != nil || helpScroll != nil { return false }
        switch top {
        case .home(let h): return h.list.isFiltering
        case .picker: return true
        case .signIn(let s): return s.takesText
        case .accounts: return false
        case .form(let f): return f.takesText
        case .schemas, .design, .browse, .history: return false
        }
    }
}
