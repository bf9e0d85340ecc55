import Foundation
import InfuseApp
import InfuseCore

extension SignInState {
    /// No Keap developer app is known: ask for its Client ID and Client Secret.
    public mutating func keapAppNeeded() -> [AppIntent] {
        phase = .keapApp
        return []
    }

    /// The sign-in started: wait for the redirect at `url`.
    public mutating func started(url: String, port: Int?) -> [AppIntent] {
        phase = .waiting(url: url, port: port)
        return []
    }

    /// The browser was (or could not be) started.
    public mutating func browserOpened(_ opened: Bool) -> [AppIntent] {
        browserNote = opened ? "opened in your browser" : "no browser found: copy the address, or set $BROWSER"
        return []
    }

    /// The Keap app was saved (or removed): back to the accounts when only the app was edited,
    /// else the sign-in starts with it.
    public mutating func keapAppSaved(removed: Bool) -> [AppIntent] {
        if editingAppOnly {
            return [.pop, .status(StatusMessage(.success, removed ? "Removed the Keap app: new sign-ins will ask for one"
                                                                   : "Saved the Keap app: sign-ins use it from now on")),
                    .run(.loadHome)]
        }
        // Forget the typed secret at once; the core has it now.
        clientSecret = TextFieldState(secure: true, placeholder: clientSecret.placeholder)
        phase = .starting
        return [.busy("Starting the sign-in…"), .run(.loadHome),
                .run(.startSignIn(apiBase: connection.apiBase, sandbox: connection.isSandbox, reauthorizing: reauthorizing))]
    }

    /// The redirect came back: denied closes the sign-in with an error; approved saves the new
    /// tokens (re-authorizing) or asks for the account's name.
    public mutating func redirected(approved: Bool, in context: ScreenContext) -> [AppIntent] {
        if !approved {
            return [.pop] + AppIntent.showError(ErrorReport(
                title: "Permission denied",
                message: "permission was denied: the account is not accessible. Sign in again and click Allow."))
                + [.run(.cancelSignIn)]
        }
        if let name = reauthorizing {
            phase = .finishing
            return [.busy("Saving the new tokens…"), .run(.finishSignIn(name: name, apiBase: connection.apiBase, reauthorizing: true))]
        }
        phase = .naming
        name = TextFieldState(text: Self.suggestedName(for: connection, taken: context.accountNames))
        return []
    }

    /// The account was saved.
    public mutating func connected(name: String) -> [AppIntent] {
        phase = .authorized(name)
        return []
    }

    /// An effect failed: a failed save goes back to naming; a sign-in that could not start closes.
    public mutating func failed() -> [AppIntent] {
        switch phase {
        case .finishing:
            phase = .naming
            return []
        case .starting:
            // The sign-in could not start: nothing to wait for, back to where it came from.
            return [.pop]
        default:
            return []
        }
    }
}
