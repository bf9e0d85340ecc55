import Foundation
import InfuseApp
import InfuseCore

extension SignInState {
    /// The sign-in screen's commands; which apply depends on the phase (the keymap offers only those).
    public mutating func update(_ command: SignInCommand, key: Key, in context: ScreenContext) -> [AppIntent] {
        switch (phase, command) {
        case (.keapApp, .focusNext):
            secretFocused.toggle()
        case (.keapApp, .choose) where !secretFocused:
            secretFocused = true
        case (.keapApp, .choose):
            let id = clientID.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let secret = clientSecret.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !id.isEmpty else {
                secretFocused = false
                return [.status(StatusMessage(.error, "Client ID is required"))]
            }
            guard !secret.isEmpty else { return [.status(StatusMessage(.error, "Client Secret is required"))] }
            return [.busy("Saving the Keap app…"), .run(.saveKeapApp(clientID: id, secret: SecretText(secret)))]
        case (.keapApp, .removeKeapApp) where editingAppOnly:
            return [.present(.confirm(title: "Remove the Keap app",
                                      message: "Forget the saved Client ID and Client Secret? Accounts already signed in keep working; new sign-ins will ask again.",
                                      confirmLabel: "Remove", destructive: true), .signIn(.removeKeapApp))]
        case (.keapApp, .back) where editingAppOnly:
            return [.pop]
        case (.starting, .useAPIKey), (.keapApp, .useAPIKey):
            return [.busy(nil), Self.askAPIKey]
        case (.waiting(let url, _), .openBrowser):
            return [.run(.openBrowser(url))]
        case (.waiting, .approveConsent) where connection.isSandbox:
            return [.busy("Approving the sandbox consent…"), .run(.answerSandboxConsent(allow: true))]
        case (.waiting, .denyConsent) where connection.isSandbox:
            return [.busy("Denying the sandbox consent…"), .run(.answerSandboxConsent(allow: false))]
        case (.waiting, .focusPaste):
            pasteFocused = true
        case (.waiting, .focusNext):
            pasteFocused = false
        case (.waiting, .choose) where pasteFocused:
            let text = paste.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { return [.status(StatusMessage(.warning, "Paste the address the browser landed on, or the code"))] }
            return [.busy("Checking the pasted redirect…"), .run(.submitPastedRedirect(text))]
        case (.waiting, .back) where pasteFocused:
            pasteFocused = false
        case (.waiting, .useAPIKey):
            return [Self.askAPIKey]
        case (.naming, .choose):
            let typed = name.text.trimmingCharacters(in: .whitespaces)
            if let problem = Self.accountNameProblem(typed, taken: context.accountNames) {
                return [.status(StatusMessage(.error, problem))]
            }
            phase = .finishing
            return [.busy("Saving the account…"), .run(.finishSignIn(name: typed, apiBase: connection.apiBase, reauthorizing: false))]
        case (.authorized(let name), .choose):
            return Self.connect(account: name, in: context)
        case (_, .back):
            return [.pop, .busy(nil), .run(.cancelSignIn)]
        default:
            // A command the keymap of this phase does not offer.
            break
        }
        return []
    }

    /// The prompt for a Service Account Key.
    static let askAPIKey = AppIntent.present(
        .prompt(title: "Service Account Key",
                message: "Paste a Service Account Key or Personal Access Token. It is checked with one request and stored only in secrets.json.",
                secure: true), .signIn(.apiKey))

    /// Pushes the sign-in screen and starts the sign-in (from the picker or the accounts screen).
    public static func start(connection: ConnectionChoice, reauthorizing: String?) -> [AppIntent] {
        [.push(.signIn(SignInState(connection: connection, reauthorizing: reauthorizing))), .busy("Starting the sign-in…"),
         .run(.startSignIn(apiBase: connection.apiBase, sandbox: connection.isSandbox, reauthorizing: reauthorizing))]
    }

    /// What is wrong with a new account name, or nil.
    public static func accountNameProblem(_ name: String, taken: [String]) -> String? {
        if name.isEmpty { return "Account name is required" }
        if name.count > 64 { return "Account name must be at most 64 characters" }
        if taken.contains(name) { return "Account name \(name) is already used by another account" }
        return nil
    }

    /// After "Connect": continue the new data source with the account, or return to the accounts list.
    static func connect(account name: String, in context: ScreenContext) -> [AppIntent] {
        if case .accounts(let a)? = context.screenBelow, a.purpose == .manage {
            return [.pop, .status(StatusMessage(.success, "Connected \(name)")), .run(.loadHome)]
        }
        return [.selectAccount(name), .popToHome, .push(.form(FormState(account: name))), .run(.loadHome)]
    }

    /// Keys no binding took go to the phase's text field.
    public mutating func input(_ key: Key) -> [AppIntent] {
        switch phase {
        case .waiting where pasteFocused: _ = paste.handle(key)
        case .naming: _ = name.handle(key)
        case .keapApp where secretFocused: _ = clientSecret.handle(key)
        case .keapApp: _ = clientID.handle(key)
        default: break
        }
        return []
    }
}
