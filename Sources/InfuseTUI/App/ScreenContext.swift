import Foundation
import InfuseApp
import InfuseCore

/// What a screen's update may read of the app beyond its own state. Read-only: a screen changes
/// the app only through the ``AppIntent``s it returns. The clock arrives here (``now``), set by
/// the loop before every action; no update reads a clock itself.
public struct ScreenContext: Sendable {
    /// Where the designer runs (its connections).
    public var designer: DesignerContext
    /// The saved data sources.
    public var sources: [SourceRow]
    /// The connected accounts.
    public var accounts: [AccountRow]
    /// The saved Keap developer app's Client ID, when one is saved.
    public var keapAppClientID: String?
    /// The time of the action being reduced.
    public var now: Date
    /// The terminal's size (Browse pages by it).
    public var screenSize: TerminalSize
    /// The screen under the top one (History and sign-in go back to it), nil on the home screen.
    public var screenBelow: Screen?

    /// Creates a context.
    public init(designer: DesignerContext, sources: [SourceRow] = [], accounts: [AccountRow] = [],
                keapAppClientID: String? = nil, now: Date = Date(timeIntervalSince1970: 0),
                screenSize: TerminalSize = TerminalSize(width: 80, height: 24), screenBelow: Screen? = nil) {
        self.designer = designer
        self.sources = sources
        self.accounts = accounts
        self.keapAppClientID = keapAppClientID
        self.now = now
        self.screenSize = screenSize
        self.screenBelow = screenBelow
    }

    /// The names of the connected accounts.
    public var accountNames: [String] { accounts.map(\.account.name) }

    /// The API base of the account named `account`, if it is connected.
    public func apiBase(of account: String) -> URL? {
        accounts.first { $0.account.name == account }?.account.apiBase
    }
}

extension AppState {
    /// What the top screen's update may read.
    public var screenContext: ScreenContext {
        ScreenContext(designer: context, sources: sources, accounts: accounts, keapAppClientID: keapAppClientID,
                      now: now, screenSize: screenSize, screenBelow: screens.count >= 2 ? screens[screens.count - 2] : nil)
    }
}
