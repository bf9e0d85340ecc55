import Foundation
import InfuseApp
import InfuseCore

extension AppReducer {
    static func signIn(_ state: inout AppState, _ s: inout SignInState, _ command: AppCommand, key: Key) -> [AppEffect] {
        switch (s.phase, command) {
        case (.keapApp, .focusNext):
            s.secretFocused.toggle()
        case (.keapApp, .choose) where !s.secretFocused:
            s.secretFocused = true
        case (.keapApp, .choose):
            let id = s.clientID.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let secret = s.clientSecret.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !id.isEmpty else {
                s.secretFocused = false
                state.status = StatusMessage(.error, "Client ID is required")
                return []
            }
            guard !secret.isEmpty else {
                state.status = StatusMessage(.error, "Client Secret is required")
                return []
            }
            state.busy = "Saving the Keap app…"
            return [.saveKeapApp(clientID: id, secret: SecretText(secret))]
        case (.keapApp, .removeKeapApp) where s.editingAppOnly:
            state.open(.confirm(title: "Remove the Keap app",
                                message: "Forget the saved Client ID and Client Secret? Accounts already signed in keep working; new sign-ins will ask again.",
                                confirmLabel: "Remove", destructive: true), for: .signIn(.removeKeapApp))
        case (.keapApp, .back) where s.editingAppOnly:
            state.pop()
        case (.starting, .useAPIKey), (.keapApp, .useAPIKey):
            state.busy = nil
            state.open(.prompt(title: "Service Account Key",
                               message: "Paste a Service Account Key or Personal Access Token. It is checked with one request and stored only in secrets.json.",
                               secure: true), for: .signIn(.apiKey))
        case (.waiting(let url, _), .openBrowser):
            return [.openBrowser(url)]
        case (.waiting, .approveConsent) where s.connection.isSandbox:
            state.busy = "Approving the sandbox consent…"
            return [.answerSandboxConsent(allow: true)]
        case (.waiting, .denyConsent) where s.connection.isSandbox:
            state.busy = "Denying the sandbox consent…"
            return [.answerSandboxConsent(allow: false)]
        case (.waiting, .focusPaste):
            s.pasteFocused = true
        case (.waiting, .focusNext):
            s.pasteFocused = false
        case (.waiting, .choose) where s.pasteFocused:
            let text = s.paste.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else {
                state.status = StatusMessage(.warning, "Paste the address the browser landed on, or the code")
                return []
            }
            state.busy = "Checking the pasted redirect…"
            return [.submitPastedRedirect(text)]
        case (.waiting, .back) where s.pasteFocused:
            s.pasteFocused = false
        case (.waiting, .useAPIKey):
            state.open(.prompt(title: "Service Account Key",
                               message: "Paste a Service Account Key or Personal Access Token. It is checked with one request and stored only in secrets.json.",
                               secure: true), for: .signIn(.apiKey))
        case (.naming, .choose):
            let name = s.name.text.trimmingCharacters(in: .whitespaces)
            if let problem = accountNameProblem(name, taken: state.accounts.map(\.account.name)) {
                state.status = StatusMessage(.error, problem)
                return []
            }
            s.phase = .finishing
            state.busy = "Saving the account…"
            return [.finishSignIn(name: name, apiBase: s.connection.apiBase, reauthorizing: false)]
        case (.authorized(let name), .choose):
            return connectAccount(&state, name: name)
        case (_, .back):
            state.pop()
            state.busy = nil
            return [.cancelSignIn]
        default:
            break
        }
        return []
    }

    /// What is wrong with a new account name, or nil.
    static func accountNameProblem(_ name: String, taken: [String]) -> String? {
        if name.isEmpty { return "Account name is required" }
        if name.count > 64 { return "Account name must be at most 64 characters" }
        if taken.contains(name) { return "Account name \(name) is already used by another account" }
        return nil
    }

    /// After "Connect": continue the new data source with the account, or return to the accounts list.
    static func connectAccount(_ state: inout AppState, name: String) -> [AppEffect] {
        let below = state.screens.count >= 2 ? state.screens[state.screens.count - 2] : nil
        if case .accounts(let a)? = below, a.purpose == .manage {
            state.pop()
            state.status = StatusMessage(.success, "Connected \(name)")
            return [.loadHome]
        }
        state.currentAccount = name
        state.popToHome()
        state.push(.form(FormState(account: name)))
        return [.loadHome]
    }

    static func signInInput(_ s: inout SignInState, _ key: Key) {
        switch s.phase {
        case .waiting where s.pasteFocused: _ = s.paste.handle(key)
        case .naming: _ = s.name.handle(key)
        case .keapApp where s.secretFocused: _ = s.clientSecret.handle(key)
        case .keapApp: _ = s.clientID.handle(key)
        default: break
        }
    }
}
