import Foundation

/// Decides whether a URL may receive the account's credentials: only URLs on the account's API
/// base (same scheme, host and port, with a path under the base path) pass.
///
/// The check is textual and strict: the host must equal the base host exactly (case-insensitive),
/// so IP literal spellings (`127.1`, `0x7f.0.0.1`, `2130706433`), trailing dots and encoded hosts
/// are refused rather than resolved. User info, `.`/`..` segments (also as `%2e`) and encoded
/// slashes are refused outright.
public struct HostPolicy: Sendable, Equatable {
    /// The lower-cased scheme of the API base (`https`, or `http` for the sandbox).
    public let scheme: String
    /// The lower-cased host of the API base.
    public let host: String
    /// The effective port of the API base (443 or 80 when the URL names none).
    public let port: Int
    /// The base path without a trailing slash, e.g. `/crm/rest` (empty for a root base).
    public let basePath: String

    /// A policy for the API base; throws `KeapAPIError` when the base itself is unusable.
    public init(apiBase: URL) throws(KeapAPIError) {
        guard let parts = Self.parts(of: apiBase) else { throw .invalidURL(Self.display(apiBase)) }
        if parts.hasUserInfo { throw .credentialsInURL(url: Self.display(apiBase)) }
        if Self.hasDotSegments(parts.path) { throw .pathTraversal(url: Self.display(apiBase)) }
        scheme = parts.scheme
        host = parts.host
        port = parts.port
        var path = parts.path
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path
    }

    /// The API base as shown in messages: `https://api.infusionsoft.com/crm/rest`.
    public var displayBase: String {
        let defaultPort = scheme == "https" ? 443 : 80
        return "\(scheme)://\(host)\(port == defaultPort ? "" : ":\(port)")\(basePath)"
    }

    /// Returns the URL when it may receive credentials, else throws the reason. Never performs I/O.
    public func check(_ url: URL) throws(KeapAPIError) -> URL {
        let shown = Self.display(url)
        guard let parts = Self.parts(of: url) else { throw .invalidURL(shown) }
        if parts.hasUserInfo { throw .credentialsInURL(url: shown) }
        guard parts.scheme == scheme else {
            throw .insecureScheme(url: shown, apiBase: displayBase)
        }
        guard parts.host == host, parts.port == port else {
            throw .foreignHost(url: shown, apiBase: displayBase)
        }
        if Self.hasDotSegments(parts.path) { throw .pathTraversal(url: shown) }
        guard parts.path.hasPrefix(basePath + "/") else {
            throw .outsideAPIBase(url: shown, apiBase: displayBase)
        }
        return url
    }

    private struct Parts {
        var scheme: String
        var host: String
        var port: Int
        var path: String
        var hasUserInfo: Bool
    }

    private static func parts(of url: URL) -> Parts? {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let rawHost = components.percentEncodedHost, !rawHost.isEmpty
        else { return nil }
        // An encoded or odd host (`%31%32%37…`, backslashes) is never the base host.
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-[]:")
        guard rawHost.unicodeScalars.allSatisfy(allowed.contains) else { return nil }
        let hasUserInfo = components.percentEncodedUser != nil || components.percentEncodedPassword != nil
            || authorityHasAt(url)
        return Parts(
            scheme: scheme, host: rawHost.lowercased(), port: components.port ?? (scheme == "https" ? 443 : 80),
            path: components.percentEncodedPath, hasUserInfo: hasUserInfo)
    }

    /// True when the authority part (between `//` and the next `/`, `?` or `#`) contains `@`.
    private static func authorityHasAt(_ url: URL) -> Bool {
        let text = url.absoluteString
        guard let start = text.range(of: "//") else { return false }
        let authority = text[start.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return authority.contains("@")
    }

    /// True for `.` or `..` segments, their percent-encoded forms, encoded slashes or backslashes.
    static func hasDotSegments(_ path: String) -> Bool {
        let lowered = path.lowercased()
        if lowered.contains("%2f") || lowered.contains("%5c") || lowered.contains("\\") { return true }
        for segment in lowered.split(separator: "/", omittingEmptySubsequences: false) {
            let decoded = segment.replacingOccurrences(of: "%2e", with: ".")
            if decoded == "." || decoded == ".." { return true }
        }
        return false
    }

    /// The URL without user info, query or fragment, safe to show in a message.
    static func display(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            return "the given URL"
        }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        let text = components.string ?? "the given URL"
        return text.count > 160 ? String(text.prefix(160)) + "…" : text
    }
}
