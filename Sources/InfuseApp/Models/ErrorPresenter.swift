import Foundation
import InfuseCore

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
