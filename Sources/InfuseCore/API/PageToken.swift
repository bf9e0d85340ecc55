import Foundation

/// Reads a Keap REST v2 `next_page_token` as the bare token to send as `page_token`.
///
/// Keap documents a bare token, but a full URL of the next page has been seen in the wild. A URL
/// is accepted only when `HostPolicy` lets it receive the credentials (same scheme, host and port,
/// under the API base) and it names the same list; its `page_token` is then used. Nothing else is
/// accepted, and a URL is never requested as it is.
enum PageToken {
    /// The longest token accepted.
    static let maxLength = 8192

    /// The token to send next, or `KeapAPIError.refusedPageToken` saying why it was refused.
    /// - Parameters:
    ///   - text: the page's `next_page_token`.
    ///   - listPath: the percent-encoded path of the list being read, with the base path.
    static func resolve(_ text: String, listPath: String, policy: HostPolicy) throws(KeapAPIError) -> String {
        guard text.utf8.count <= maxLength else {
            throw .refusedPageToken(reason: "it is longer than \(maxLength) bytes")
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else {
            throw .refusedPageToken(reason: "it contains spaces or control characters")
        }
        guard text.contains("://") || text.hasPrefix("//") else { return text }

        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .refusedPageToken(reason: "it is neither a bare token nor an http(s) URL")
        }
        do {
            _ = try policy.check(url)
        } catch {
            throw .refusedPageToken(reason: "it is a URL off the account's API base (\(error.userMessage))")
        }
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            throw .refusedPageToken(reason: "it is not a readable URL")
        }
        let path = components.percentEncodedPath
        guard trimmed(path) == trimmed(listPath) else {
            throw .refusedPageToken(
                reason: "it is a URL of another list (\(HostPolicy.display(url))) than the one being read")
        }
        guard let token = components.queryItems?.last(where: { $0.name == "page_token" })?.value, !token.isEmpty else {
            throw .refusedPageToken(reason: "the URL \(HostPolicy.display(url)) has no page_token")
        }
        return token
    }

    private static func trimmed(_ path: String) -> String {
        path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
