import Foundation

/// What the authorization server sent back to the redirect URI.
public enum OAuthRedirectResult: Sendable, Equatable {
    case code(String)
    case denied(description: String?)
}

/// Reads a redirect: a full URL the browser landed on, a bare query string, or a pasted code.
public enum OAuthRedirect {
    /// Parses `text` and checks `state` when the text carries one.
    ///
    /// A bare code (no `?`, `=` or `/`) is accepted as is, since a user on another machine may copy
    /// only the code. A redirect whose `state` differs from `expectedState` is refused.
    public static func parse(_ text: String, expectedState: String) throws -> OAuthRedirectResult {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw OAuthError.emptyPaste }
        let looksLikeURL = trimmed.contains("?") || trimmed.contains("=") || trimmed.contains("/")
        guard looksLikeURL else {
            guard trimmed.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else { throw OAuthError.unreadablePaste }
            return .code(trimmed)
        }
        let query: String
        if let questionMark = trimmed.firstIndex(of: "?") {
            query = String(trimmed[trimmed.index(after: questionMark)...])
        } else {
            query = trimmed
        }
        var components = URLComponents()
        components.percentEncodedQuery = query.split(separator: "#").first.map(String.init) ?? query
        let items = components.queryItems ?? []
        return try result(from: items, expectedState: expectedState)
    }

    /// Interprets the query items of a redirect request.
    static func result(from items: [URLQueryItem], expectedState: String) throws -> OAuthRedirectResult {
        func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
        if let error = value("error") {
            // Keap sends `state=` empty on a denial (KEAP-API.md §1a); accept it, but not another state.
            if let state = value("state"), !state.isEmpty, state != expectedState { throw OAuthError.stateMismatch }
            if error == "access_denied" { return .denied(description: value("error_description")) }
            throw OAuthError.authorizationFailed(error: error)
        }
        guard let code = value("code"), !code.isEmpty else { throw OAuthError.unreadablePaste }
        guard value("state") == expectedState else { throw OAuthError.stateMismatch }
        return .code(code)
    }
}
