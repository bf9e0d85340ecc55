/// Errors of the OAuth sign-in and token refresh. None includes a token or secret.
public enum OAuthError: UserFacingError, Equatable {
    /// The user clicked Deny (or the server refused the consent).
    case permissionDenied
    case stateMismatch
    case emptyPaste
    case unreadablePaste
    case authorizationFailed(error: String)
    /// The token endpoint refused the code or refresh token.
    case tokenRejected(error: String, description: String?)
    case tokenEndpointFailed(status: Int)
    case malformedTokenResponse
    case listenerFailed(String)
    case timedOut(seconds: Int)
    case cancelled
    case network(String)

    public var userMessage: String {
        switch self {
        case .permissionDenied:
            "permission was denied: the account is not accessible (sign in again and click Allow)"
        case .stateMismatch:
            "the redirect's state does not match this sign-in; it was ignored (start the sign-in again)"
        case .emptyPaste:
            "nothing was pasted: paste the address the browser landed on, or the code"
        case .unreadablePaste:
            "that is not a redirect address or a code: paste the whole address the browser landed on"
        case .authorizationFailed(let error):
            "Keap refused the sign-in (\(error)); start the sign-in again"
        case .tokenRejected(let error, let description):
            "Keap refused the token request (\(error)\(description.map { ": \($0)" } ?? ""))"
        case .tokenEndpointFailed(let status):
            "the token endpoint answered HTTP \(status); try again later"
        case .malformedTokenResponse:
            "the token endpoint sent a response Infuse cannot read"
        case .listenerFailed(let reason):
            "cannot listen for the sign-in redirect: \(reason)"
        case .timedOut(let seconds):
            "no sign-in redirect arrived within \(seconds) s; paste the address the browser landed on instead"
        case .cancelled:
            "sign-in cancelled"
        case .network(let reason):
            "cannot reach the token endpoint: \(reason)"
        }
    }
}
