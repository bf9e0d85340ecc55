import InfuseApp
import InfuseCore

/// The questions the connected accounts screen asks.
public enum AccountsDialog: Hashable, Sendable {
    /// Remove this account.
    case deleteAccount(String)
    /// The new name of this account.
    case renameAccount(String)
}

extension AccountsState {
    /// The connected accounts screen's answers.
    public static func answer(_ dialog: AccountsDialog, _ outcome: DialogOutcome, in context: ScreenContext) -> [AppIntent] {
        switch (dialog, outcome) {
        case (.deleteAccount(let name), .confirmed):
            return [.run(.removeAccount(name))]
        case (.renameAccount(let old), .submitted(let new)):
            let name = new.trimmingCharacters(in: .whitespaces)
            guard name != old else { return [] }
            if let problem = SignInState.accountNameProblem(name, taken: context.accountNames) {
                return [.status(StatusMessage(.error, problem))]
            }
            return [.run(.renameAccount(from: old, to: name))]
        default:
            return []
        }
    }
}
