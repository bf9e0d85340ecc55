import Foundation
import InfuseApp
import InfuseCore

/// Screen 4, Connected accounts: the accounts with their status; use one, Connect New Account,
/// rename, re-authorize, delete (the confirmation names the data sources using it).
public struct AccountsState: Equatable, Sendable {
    /// Why the list is open.
    public enum Purpose: Hashable, Sendable {
        /// From the home screen (`a`): manage accounts.
        case manage
        /// From the connection picker: pick the account for a new data source.
        case choose(ConnectionChoice)
    }

    /// Why the list is open.
    public var purpose: Purpose
    /// The rows shown.
    public var rows: [AccountRow]
    /// The table.
    public var list: ListState

    /// Column headings.
    public static let header = ["Name", "App", "Kind", "Status", "Authorized", "Used by"]

    /// Creates the screen.
    public init(purpose: Purpose, rows: [AccountRow]) {
        self.purpose = purpose
        self.rows = rows
        self.list = ListState(rows: [], header: Self.header,
                              emptyText: "No connected accounts yet — press c to Connect New Account")
        show(rows)
    }

    /// Replaces the rows, keeping the selection.
    public mutating func show(_ rows: [AccountRow]) {
        self.rows = rows
        list.setItems(rows.map { row in
            [row.account.name, row.appText, row.account.authKind == .oauth ? "OAuth" : "API key", row.statusText,
             row.authorizedText, row.usedByText]
        })
    }

    /// The selected account.
    public var selected: AccountRow? { list.selectedItemIndex.map { rows[$0] } }

    /// The screen's key bindings.
    public static let keymap = Keymap<AppCommand>("Connected accounts", [
        KeyBinding([.enter], .choose, help: "Use the selected account for a new data source", footerText: "use"),
        KeyBinding([.char("c")], .connectNewAccount, help: "Connect New Account", footerText: "connect new account"),
        KeyBinding([.char("e")], .renameAccount, help: "Rename the selected account", footerText: "rename"),
        KeyBinding([.char("x")], .reauthorize, help: "Sign in again (re-authorize) the selected account", footerText: "re-authorize"),
        KeyBinding([.char("t")], .testAccount, help: "Test the selected account with one request (status and quota)", footerText: "test"),
        KeyBinding([.char("a")], .editKeapApp, help: "The Keap developer app (Client ID and Secret) OAuth sign-ins use", footerText: "Keap app"),
        KeyBinding([.char("d"), .delete], .deleteAccount, help: "Delete the selected account", footerText: "delete"),
        KeyBinding([.escape], .back, help: "Go back", footerText: "back"),
        KeyBinding([.up, .down, .char("k"), .char("j"), .pageUp, .pageDown, .home, .end], .navigate,
                   help: "Move the selection", group: "Navigation", showInFooter: false),
    ])
}

extension AppReducer {
    static func accounts(_ state: inout AppState, _ a: inout AccountsState, _ command: AppCommand, key: Key) -> [AppEffect] {
        let selected = a.selected
        switch command {
        case .navigate:
            _ = a.list.handle(key)
        case .back:
            state.pop()
        case .choose:
            guard let row = selected else { return [] }
            if row.account.status == .needsReauthorization {
                state.status = StatusMessage(.warning, "\(row.account.name) needs re-authorization: press x first")
                return []
            }
            state.currentAccount = row.account.name
            state.popToHome()
            state.push(.form(FormState(account: row.account.name)))
        case .connectNewAccount:
            let connection: ConnectionChoice
            if case .choose(let c) = a.purpose { connection = c } else { connection = state.context.connections[0] }
            return startSignIn(&state, connection: connection, reauthorizing: nil)
        case .renameAccount:
            guard let row = selected else { return [] }
            state.open(.prompt(title: "Rename account", message: "Set a name to identify the account:", text: row.account.name),
                       for: .accounts(.renameAccount(row.account.name)))
        case .reauthorize:
            guard let row = selected else { return [] }
            guard row.account.authKind == .oauth else {
                state.status = StatusMessage(.warning, "\(row.account.name) uses an API key: delete it and add it again with a new key")
                return []
            }
            let connection = state.context.connections.first { $0.apiBase == row.account.apiBase }
                ?? ConnectionChoice(label: row.appText, apiBase: row.account.apiBase, isSandbox: false, description: "")
            return startSignIn(&state, connection: connection, reauthorizing: row.account.name)
        case .testAccount:
            guard let row = selected else { return [] }
            state.busy = "Testing \(row.account.name)…"
            return [.testAccount(row.account.name)]
        case .editKeapApp:
            let keap = state.context.connections.first { !$0.isSandbox } ?? state.context.connections[0]
            state.push(.signIn(.keapApp(connection: keap, clientID: state.keapAppClientID)))
        case .deleteAccount:
            guard let row = selected else { return [] }
            let users = row.usedBy
            if !users.isEmpty {
                state.open(.error(title: "Account in use",
                                  message: "\(row.account.name) is used by \(users.count) data source\(users.count == 1 ? "" : "s") (\(users.joined(separator: ", "))). Delete \(users.count == 1 ? "it" : "them") on the Data sources screen first, then delete the account."),
                           for: .message)
                return []
            }
            state.open(.confirm(title: "Delete account", message: "Delete \(row.account.name)? No data source uses it; its stored tokens or key are removed.",
                                confirmLabel: "Delete", destructive: true),
                       for: .accounts(.deleteAccount(row.account.name)))
        default:
            break
        }
        return []
    }
}

extension AppRenderer {
    static func renderAccounts(_ a: AccountsState, state: AppState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        var body = area
        if case .choose(let c) = a.purpose {
            buffer.put(" Choose the account for \(c.label), or Connect New Account (c).", x: area.x, y: area.y,
                       style: theme.dim, maxWidth: area.width)
            body = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2)
        }
        let app = state.keapAppClientID.map { "Keap app: Client ID \($0), secret stored (a to change)" }
            ?? "Keap app: none saved yet (a to add; OAuth sign-ins ask for it)"
        body.height -= 1
        a.list.render(into: &buffer, area: body, theme: theme, focused: true)
        buffer.put(" " + app, x: area.x, y: area.maxY - 1, style: theme.dim, maxWidth: area.width)
    }
}
