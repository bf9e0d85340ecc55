import Foundation
import InfuseApp
import InfuseCore

/// The sign-in screen's commands (which apply depends on the phase).
public enum SignInCommand: Hashable, Sendable {
    /// Next field or submit; switch fields; cancel or go back.
    case choose, focusNext, back
    /// Use a Service Account Key instead of OAuth.
    case useAPIKey
    /// Forget the saved Keap developer app.
    case removeKeapApp
    /// While waiting for the redirect: open the browser, answer the sandbox's consent, paste.
    case openBrowser, approveConsent, denyConsent, focusPaste
}

extension SignInState {
    /// Key bindings of the current phase.
    public func keymap() -> Keymap<SignInCommand> {
        switch phase {
        case .starting:
            return Keymap("Sign in", [
                KeyBinding([.char("k")], .useAPIKey, help: "Use a Service Account Key instead", footerText: "use key"),
                KeyBinding([.escape], .back, help: "Cancel the sign-in", footerText: "cancel"),
            ])
        case .finishing:
            return Keymap("Sign in", [KeyBinding([.escape], .back, help: "Cancel the sign-in", footerText: "cancel")])
        case .keapApp:
            var bindings: [KeyBinding<SignInCommand>] = [
                KeyBinding([.enter], .choose, help: secretFocused ? "Save the Keap app and sign in" : "Next field",
                           footerText: secretFocused ? (editingAppOnly ? "save" : "save and sign in") : "next"),
                KeyBinding([.tab, .backTab, .up, .down], .focusNext, help: "Switch between Client ID and Client Secret", footerText: "switch field"),
            ]
            if editingAppOnly {
                bindings.append(KeyBinding([.ctrl("d")], .removeKeapApp, help: "Remove the saved Keap app", footerText: "remove app"))
            } else {
                bindings.append(KeyBinding([.ctrl("k")], .useAPIKey, help: "Use a Service Account Key instead", footerText: "use key"))
            }
            bindings.append(KeyBinding([.escape], .back, help: editingAppOnly ? "Go back without saving" : "Cancel the sign-in", footerText: "cancel"))
            return Keymap("Sign in · Keap app", bindings)
        case .waiting:
            if pasteFocused {
                return Keymap("Sign in · paste", [
                    KeyBinding([.enter], .choose, help: "Use the pasted address or code", footerText: "submit pasted"),
                    KeyBinding([.tab, .backTab], .focusNext, help: "Leave the paste field", footerText: "leave field"),
                    KeyBinding([.escape], .back, help: "Leave the paste field", footerText: "leave field"),
                ])
            }
            var bindings: [KeyBinding<SignInCommand>] = [
                KeyBinding([.char("o")], .openBrowser, help: "Open the address in your browser", footerText: "open browser"),
            ]
            if connection.isSandbox {
                bindings.append(KeyBinding([.char("a")], .approveConsent, help: "Approve the sandbox's consent from the terminal",
                                           footerText: "approve (sandbox)"))
                bindings.append(KeyBinding([.char("x")], .denyConsent, help: "Deny the sandbox's consent (to see what a denial does)",
                                           showInFooter: false))
            }
            bindings += [
                KeyBinding([.tab, .char("p")], .focusPaste, help: "Type or paste the redirect address or code", footerText: "paste"),
                KeyBinding([.char("k")], .useAPIKey, help: "Use a Service Account Key instead", footerText: "use key"),
                KeyBinding([.escape], .back, help: "Cancel the sign-in", footerText: "cancel"),
            ]
            return Keymap("Sign in", bindings)
        case .naming:
            return Keymap("Sign in · name", [
                KeyBinding([.enter], .choose, help: "Save the account under this name", footerText: "next"),
                KeyBinding([.escape], .back, help: "Cancel the sign-in", footerText: "cancel"),
            ])
        case .authorized:
            return Keymap("Sign in · done", [
                KeyBinding([.enter], .choose, help: "Continue with this account", footerText: "connect"),
                KeyBinding([.escape], .back, help: "Go back", footerText: "back"),
            ])
        }
    }
}
