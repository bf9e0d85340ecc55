import Foundation
import InfuseApp
import InfuseCore

/// Screen 3, Sign in: the authorize address, the wait for the loopback redirect (spinner), the
/// paste field for a redirect on another machine, the API key alternative, the sandbox's
/// in-terminal consent; then "Set a name to identify the account", Next, "Successfully
/// authorized", Connect.
public struct SignInState: Hashable, Sendable {
    /// Where the sign-in stands.
    public enum Phase: Hashable, Sendable {
        /// Waiting for the session to start.
        case starting
        /// Asking for the Keap developer app's Client ID and Client Secret (none is known yet, or
        /// the user edits the saved one from Connected accounts).
        case keapApp
        /// Waiting for the browser to come back (or a paste).
        case waiting(url: String, port: Int?)
        /// Approved: asking for the account's name.
        case naming
        /// Exchanging the code and saving the account.
        case finishing
        /// Done: the account is saved under this name.
        case authorized(String)
    }

    /// The connection being signed in to.
    public var connection: ConnectionChoice
    /// The account being re-authorized, or nil for a new one.
    public var reauthorizing: String?
    /// Where the sign-in stands.
    public var phase: Phase = .starting
    /// The paste field (redirect address or code).
    public var paste = TextFieldState(placeholder: "paste the address or the code, then Enter")
    /// True while the paste field has the focus.
    public var pasteFocused = false
    /// The account name field of the naming phase.
    public var name = TextFieldState()
    /// A note about the browser (`opened in your browser`, `no browser found…`).
    public var browserNote: String?
    /// The Keap app's Client ID field.
    public var clientID = TextFieldState(placeholder: "the app's key (Client ID)")
    /// The Keap app's Client Secret field, masked while typed or pasted.
    public var clientSecret = TextFieldState(secure: true, placeholder: "the app's secret (Client Secret)")
    /// True while the Client Secret field has the focus (else the Client ID field).
    public var secretFocused = false
    /// True when the screen only edits the saved Keap app (opened from Connected accounts): saving
    /// returns there instead of signing in.
    public var editingAppOnly = false

    /// Creates the screen.
    public init(connection: ConnectionChoice, reauthorizing: String? = nil) {
        self.connection = connection
        self.reauthorizing = reauthorizing
    }

    /// The screen that edits the saved Keap app (`clientID` prefilled; the secret is never read back).
    public static func keapApp(connection: ConnectionChoice, clientID: String?) -> SignInState {
        var s = SignInState(connection: connection)
        s.phase = .keapApp
        s.editingAppOnly = true
        s.clientID = TextFieldState(text: clientID ?? "", placeholder: s.clientID.placeholder)
        return s
    }

    /// True when typed text goes to a field.
    public var takesText: Bool {
        switch phase {
        case .waiting: pasteFocused
        case .naming, .keapApp: true
        default: false
        }
    }

    /// A unique default account name for `connection` (`Keap – sandbox`, `Keap – api.infusionsoft.com 2`).
    public static func suggestedName(for connection: ConnectionChoice, taken: [String]) -> String {
        let base = "Keap – " + (connection.isSandbox ? "sandbox" : (connection.apiBase.host ?? "account"))
        var candidate = base
        var n = 2
        while taken.contains(candidate) { candidate = "\(base) \(n)"; n += 1 }
        return candidate
    }

    /// Key bindings of the current phase.
    public func keymap() -> Keymap<AppCommand> {
        switch phase {
        case .starting:
            return Keymap("Sign in", [
                KeyBinding([.char("k")], .useAPIKey, help: "Use a Service Account Key instead", footerText: "use key"),
                KeyBinding([.escape], .back, help: "Cancel the sign-in", footerText: "cancel"),
            ])
        case .finishing:
            return Keymap("Sign in", [KeyBinding([.escape], .back, help: "Cancel the sign-in", footerText: "cancel")])
        case .keapApp:
            var bindings: [KeyBinding<AppCommand>] = [
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
            var bindings: [KeyBinding<AppCommand>] = [
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

extension AppRenderer {
    static func renderSignIn(_ s: SignInState, state: AppState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let inner = area.inset(dx: 2, dy: 1)
        var y = inner.y
        func line(_ text: String, _ style: Style, indent: Int = 0) {
            guard y < inner.maxY else { return }
            buffer.put(text, x: inner.x + indent, y: y, style: style, maxWidth: inner.width - indent)
            y += 1
        }
        let title = s.reauthorizing.map { "Re-authorize \($0) at \(s.connection.label)" } ?? "Sign in to \(s.connection.label)"
        line(title, theme.header)
        y += 1
        switch s.phase {
        case .starting:
            state.spinner.render(text: "Starting the sign-in…", into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: 1), theme: theme)
            y += 2
            line("Or use a Service Account Key instead (k).", theme.dim)
        case .keapApp:
            let intro = s.editingAppOnly ? "The Keap developer app OAuth sign-ins use."
                : "Infuse signs in as your Keap developer app: enter its Client ID and Client Secret once."
            for text in intro.wrapped(toWidth: max(1, inner.width)) { line(text, theme.normal) }
            let whereFrom = "Where: Keap's developer portal → Apps → New App → enable the API; the app's key is the Client ID, "
                + "its secret the Client Secret. Kept in secrets.json (0600), never shown again."
            for text in whereFrom.wrapped(toWidth: max(1, inner.width)) { line(text, theme.dim) }
            y += 1
            let labelWidth = 15
            let fieldWidth = max(10, min(60, inner.width - labelWidth))
            for (label, field, focused) in [("Client ID", s.clientID, !s.secretFocused), ("Client Secret", s.clientSecret, s.secretFocused)] {
                guard y < inner.maxY else { break }
                buffer.put(label, x: inner.x, y: y, style: focused ? theme.accent : theme.normal, maxWidth: labelWidth)
                field.render(into: &buffer, area: Rect(x: inner.x + labelWidth, y: y, width: fieldWidth, height: 1),
                             theme: theme, focused: focused)
                y += 2
            }
            if y < inner.maxY {
                ButtonState(label: s.editingAppOnly ? "Save" : "Save and sign in").render(
                    into: &buffer, area: Rect(x: inner.x + labelWidth, y: y, width: 22, height: 1), theme: theme, focused: s.secretFocused)
                y += 2
            }
            line(s.editingAppOnly ? "Ctrl-D removes the saved app." : "Or use a Service Account Key instead (Ctrl-K).", theme.dim)
        case .waiting(let url, let port):
            line("1  Open this address in a browser and click Allow:", theme.normal)
            for part in chunks(url, width: max(10, inner.width - 5)).prefix(4) { line(part, theme.accent, indent: 3) }
            if let note = s.browserNote { line("(o: open) " + note, theme.dim, indent: 3) } else { line("(o: open in your browser)", theme.dim, indent: 3) }
            y += 1
            let listening = port.map { "  (listening on 127.0.0.1:\($0))" } ?? ""
            if y < inner.maxY {
                state.spinner.render(text: "Waiting for Keap to send you back…" + listening, into: &buffer,
                                     area: Rect(x: inner.x + 3, y: y, width: inner.width - 3, height: 1), theme: theme)
                buffer.put("2", x: inner.x, y: y, style: theme.normal)
                y += 1
            }
            line("Browser on another machine? Paste the address it lands on, or the code (Tab):", theme.normal, indent: 3)
            if y < inner.maxY {
                s.paste.render(into: &buffer, area: Rect(x: inner.x + 3, y: y, width: max(10, inner.width - 6), height: 1),
                               theme: theme, focused: s.pasteFocused)
                y += 2
            }
            if s.connection.isSandbox { line("On the sandbox, press a to approve the consent from here.", theme.success) }
            line("Or use a Service Account Key instead (k).", theme.dim)
        case .naming:
            line("✓ Keap sent you back: access allowed.", theme.success)
            y += 1
            line("Set a name to identify the account:", theme.normal)
            if y < inner.maxY {
                s.name.render(into: &buffer, area: Rect(x: inner.x, y: y, width: min(50, inner.width), height: 1), theme: theme, focused: true)
                y += 2
            }
            if y < inner.maxY {
                ButtonState(label: "Next").render(into: &buffer, area: Rect(x: inner.x, y: y, width: 10, height: 1), theme: theme, focused: true)
            }
        case .finishing:
            state.spinner.render(text: "Saving the account…", into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: 1), theme: theme)
        case .authorized(let name):
            line("✓ Successfully authorized \(name).", theme.success)
            y += 1
            line(s.reauthorizing == nil ? "Connect to continue with the new data source." : "Its data sources can refresh again.", theme.normal)
            y += 1
            if y < inner.maxY {
                ButtonState(label: "Connect").render(into: &buffer, area: Rect(x: inner.x, y: y, width: 13, height: 1), theme: theme, focused: true)
            }
        }
    }

    /// `text` cut into pieces of at most `width` columns (URLs have no spaces to wrap at).
    static func chunks(_ text: String, width: Int) -> [String] {
        var out: [String] = []
        var current = ""
        for c in text {
            if (current + String(c)).displayWidth > width { out.append(current); current = "" }
            current.append(c)
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
