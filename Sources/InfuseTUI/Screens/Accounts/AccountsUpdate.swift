import Foundation
import InfuseApp
import InfuseCore

extension AccountsState {
    /// The connected accounts screen's commands.
    public mutating func update(_ command: AccountsCommand, key: Key, in context: ScreenContext) -> [AppIntent] {
        let selected = self.selected
        switch command {
        case .navigate:
            _ = list.handle(key)
            return []
        case .back:
            return [.pop]
        case .choose:
            guard let row = selected else { return [] }
            if row.account.status == .needsReauthorization {
                return [.status(StatusMessage(.warning, "\(row.account.name) needs re-authorization: press x first"))]
            }
            return [.selectAccount(row.account.name), .popToHome, .push(.form(FormState(account: row.account.name)))]
        case .connectNewAccount:
            let connection: ConnectionChoice
            if case .choose(let c) = purpose { connection = c } else { connection = context.designer.connections[0] }
            return SignInState.start(connection: connection, reauthorizing: nil)
        case .renameAccount:
            guard let row = selected else { return [] }
            return [.present(.prompt(title: "Rename account", message: "Set a name to identify the account:", text: row.account.name),
                             .accounts(.renameAccount(row.account.name)))]
        case .reauthorize:
            guard let row = selected else { return [] }
            guard row.account.authKind == .oauth else {
                return [.status(StatusMessage(.warning, "\(row.account.name) uses an API key: delete it and add it again with a new key"))]
            }
            let connection = context.designer.connections.first { $0.apiBase == row.account.apiBase }
                ?? ConnectionChoice(label: row.appText, apiBase: row.account.apiBase, isSandbox: false, description: "")
            return SignInState.start(connection: connection, reauthorizing: row.account.name)
        case .testAccount:
            guard let row = selected else { return [] }
            return [.busy("Testing \(row.account.name)…"), .run(.testAccount(row.account.name))]
        case .editKeapApp:
            let keap = context.designer.connections.first { !$0.isSandbox } ?? context.designer.connections[0]
            return [.push(.signIn(.keapApp(connection: keap, clientID: context.keapAppClientID)))]
        case .deleteAccount:
            guard let row = selected else { return [] }
            let users = row.usedBy
            if !users.isEmpty {
                return [.present(.error(title: "Account in use",
                                        message: "\(row.account.name) is used by \(users.count) data source\(users.count == 1 ? "" : "s") (\(users.joined(separator: ", "))). Delete \(users.count == 1 ? "it" : "them") on the Data sources screen first, then delete the account."),
                                 .message)]
            }
            return [.present(.confirm(title: "Delete account", message: "Delete \(row.account.name)? No data source uses it; its stored tokens or key are removed.",
                                      confirmLabel: "Delete", destructive: true),
                             .accounts(.deleteAccount(row.account.name)))]
        }
    }
}
