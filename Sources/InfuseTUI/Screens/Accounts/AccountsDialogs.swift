import InfuseApp
import InfuseCore

/// The questions the connected accounts screen asks.
public enum AccountsDialog: Hashable, Sendable {
    /// Remove this account.
    case deleteAccount(String)
    /// The new name of this account.
    case renameAccount(String)
}

extension AppReducer {
    /// The connected accounts screen's answers.
    static func answerAccounts(_ state: inout AppState, _ dialog: AccountsDialog, _ outcome: DialogOutcome) -> [AppEffect] {
        switch (dialog, outcome) {
        case (.deleteAccount(let name), .confirmed):
            return [.removeAccount(name)]
        case (.renameAccount(let old), .submitted(let new)):
            let name = new.trimmingCharacters(in: .whitespaces)
            guard name != old else { return [] }
            if let problem = accountNameProblem(name, taken: state.accounts.map(\.account.name)) {
                state.status = StatusMessage(.error, problem)
                return []
            }
            return [.renameAccount(from: old, to: name)]
        default:
            return []
        }
    }
}
