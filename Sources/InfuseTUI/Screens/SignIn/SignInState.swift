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

}
