import Foundation
import InfuseApp
import InfuseCore

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
