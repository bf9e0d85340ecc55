import InfuseApp
import InfuseCore

/// The questions the sign-in screen asks.
public enum SignInDialog: Hashable, Sendable {
    /// The Service Account Key (masked).
    case apiKey
    /// The name of the account the checked key will be saved under.
    case apiKeyName(SecretText)
    /// Forget the saved Keap developer app.
    case removeKeapApp
}

extension AppReducer {
    /// The sign-in screen's answers.
    static func answerSignIn(_ state: inout AppState, _ dialog: SignInDialog, _ outcome: DialogOutcome) -> [AppEffect] {
        switch (dialog, outcome) {
        case (.apiKey, .submitted(let key)):
            let trimmed = key.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else {
                state.status = StatusMessage(.error, "The key is empty: paste the Service Account Key")
                return []
            }
            guard case .signIn(let s) = state.top else { return [] }
            let suggestion = SignInState.suggestedName(for: s.connection, taken: state.accounts.map(\.account.name))
            state.open(.prompt(title: "Account name", message: "Set a name to identify the account:", text: suggestion),
                       for: .signIn(.apiKeyName(SecretText(trimmed))))
            return []
        case (.apiKeyName(let key), .submitted(let name)):
            guard case .signIn(let s) = state.top else { return [] }
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if let problem = accountNameProblem(trimmed, taken: state.accounts.map(\.account.name)) {
                state.status = StatusMessage(.error, problem)
                state.open(.prompt(title: "Account name", message: "Set a name to identify the account:", text: trimmed),
                           for: .signIn(.apiKeyName(key)))
                return []
            }
            state.busy = "Checking the key…"
            return [.addAPIKeyAccount(name: trimmed, apiBase: s.connection.apiBase, key: key)]
        case (.removeKeapApp, .confirmed):
            state.busy = "Removing the Keap app…"
            return [.removeKeapApp]
        default:
            return []
        }
    }
}
