import Foundation
import InfuseCore

/// What the designer needs from the outside world (workspace, accounts, OAuth, Keap, refresh).
/// ``CoreDesignerServices`` implements it with InfuseCore; the runtime calls it to run effects.
public protocol DesignerServices: Sendable {
    /// The saved data sources and the accounts, as the screens list them.
    func loadHome() async throws -> (sources: [SourceRow], accounts: [AccountRow])
    /// Starts an OAuth sign-in for `apiBase`; returns the address to open and the loopback port.
    func startSignIn(apiBase: URL) async throws -> (url: String, port: Int?)
    /// Waits for the browser's redirect; true when access was allowed, false when denied.
    func waitForRedirect() async throws -> Bool
    /// Answers the sandbox's consent page (the redirect then reaches ``waitForRedirect()``).
    func answerSandboxConsent(allow: Bool) async throws
    /// Uses a pasted redirect address or code; true when access was allowed.
    func submitPastedRedirect(_ text: String) async throws -> Bool
    /// Exchanges the code of the current sign-in and saves the account (or its new tokens).
    func finishSignIn(name: String, apiBase: URL, reauthorizing: Bool) async throws -> String
    /// Stops the current sign-in.
    func cancelSignIn() async
    /// Opens a URL in the user's browser; false when none is available.
    func openBrowser(_ url: String) async -> Bool
    /// Checks and saves an API key account.
    func addAPIKeyAccount(name: String, apiBase: URL, key: String) async throws -> String
    /// Renames an account.
    func renameAccount(from: String, to: String) async throws
    /// Removes an account; returns the data sources that used it.
    func removeAccount(_ name: String) async throws -> [String]
    /// Fetches a preview and infers its schemas.
    func preview(_ request: PreviewRequest, progress: @escaping @Sendable (FetchProgress) -> Void) async throws -> PreviewSummary
    /// Saves a data source (insert; when `replacing` is given, that saved source is updated or replaced).
    func save(_ source: DataSource, replacing: String?) async throws
    /// Refreshes a data source; returns a one-line summary.
    func refresh(_ name: String, progress: @escaping @Sendable (ProgressInfo) -> Void) async throws -> String
    /// Deletes a data source and its tables.
    func deleteSource(_ name: String) async throws
}

/// Turns errors from the core into dialogs that say what happened and what to do.
public enum ErrorPresenter {
    /// The report for `error`; `account` names the account involved, when known.
    public static func report(_ error: any Error, account: String? = nil) -> ErrorReport {
        let message = userMessage(for: error)
        let who = account.map { "The account \($0)" } ?? "The account"
        if let e = error as? KeapAPIError {
            switch e {
            case .unauthorized:
                return ErrorReport(title: "Keap refused the token (401)",
                                   message: "\(message). \(who) needs re-authorization: press x on Connected accounts (a on the home screen).")
            case .throttled:
                return ErrorReport(title: "Keap is throttling requests (429)", message: message + ".")
            case .network, .timeout, .unreachable:
                return ErrorReport(title: "Network problem", message: message + ". Check the connection and try again.")
            case .malformedResponse:
                return ErrorReport(title: "Unreadable answer", message: message + ". Try again; if it persists, lower Max Rows.")
            default:
                return ErrorReport(title: "Keap refused the request", message: message + ".")
            }
        }
        if let e = error as? OAuthError, e == .permissionDenied {
            return ErrorReport(title: "Permission denied", message: "permission was denied: the account is not accessible. Sign in again and click Allow.")
        }
        if error is OAuthError { return ErrorReport(title: "Sign-in failed", message: message + ".") }
        if error is CredentialError {
            return ErrorReport(title: "Sign-in needed", message: "\(message). \(who) needs re-authorization: press x on Connected accounts.")
        }
        if let e = error as? WorkspaceError, case .invalidDataSource(let errors) = e {
            return ErrorReport(title: "Check the data source", message: errors.map(\.message).joined(separator: "\n"))
        }
        if error is FieldError { return ErrorReport(title: "Check the data source", message: message) }
        if error is AccountError { return ErrorReport(title: "Account problem", message: message + ".") }
        if error is JSONReadError || error is SchemaError {
            return ErrorReport(title: "Unreadable answer", message: "Keap's answer is not JSON Infuse can read (\(message)). Check the endpoint or Custom Url.")
        }
        return ErrorReport(title: "Something went wrong", message: message + ".")
    }
}
