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

extension SignInState {
    /// The sign-in screen's answers. `screen` is the sign-in screen that asked (nil when it was
    /// closed meanwhile); the answers only read it.
    public static func answer(_ dialog: SignInDialog, _ outcome: DialogOutcome, screen: SignInState?,
                              in context: ScreenContext) -> [AppIntent] {
        switch (dialog, outcome) {
        case (.apiKey, .submitted(let key)):
            let trimmed = key.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { return [.status(StatusMessage(.error, "The key is empty: paste the Service Account Key"))] }
            guard let s = screen else { return [] }
            let suggestion = suggestedName(for: s.connection, taken: context.accountNames)
            return [.present(.prompt(title: "Account name", message: "Set a name to identify the account:", text: suggestion),
                             .signIn(.apiKeyName(SecretText(trimmed))))]
        case (.apiKeyName(let key), .submitted(let name)):
            guard let s = screen else { return [] }
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if let problem = accountNameProblem(trimmed, taken: context.accountNames) {
                return [.status(StatusMessage(.error, problem)),
                        .present(.prompt(title: "Account name", message: "Set a name to identify the account:", text: trimmed),
                                 .signIn(.apiKeyName(key)))]
            }
            return [.busy("Checking the key…"), .run(.addAPIKeyAccount(name: trimmed, apiBase: s.connection.apiBase, key: key))]
        case (.removeKeapApp, .confirmed):
            return [.busy("Removing the Keap app…"), .run(.removeKeapApp)]
        default:
            return []
        }
    }
}
