import Foundation
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

    /// Creates the screen.
    public init(connection: ConnectionChoice, reauthorizing: String? = nil) {
        self.connection = connection
        self.reauthorizing = reauthorizing
    }

    /// True when typed text goes to a field.
    public var takesText: Bool {
        switch phase {
        case .waiting: pasteFocused
        case .naming: true
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
        case .starting, .finishing:
            return Keymap("Sign in", [KeyBinding([.escape], .back, help: "Cancel the sign-in", footerText: "cancel")])
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
                               secure: true), for: .apiKey)
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
