import Foundation

/// Why a request to the Keap API was refused or failed, as one line for a person.
///
/// URLs in messages are shown without user info, query or fragment, and Keap's own messages are
/// cut to 200 characters, so no credential or full error body is ever echoed.
public enum KeapAPIError: UserFacingError, Equatable {
    /// The text is not a usable absolute http(s) URL.
    case invalidURL(String)
    /// The URL points at another host or port than the account's API base.
    case foreignHost(url: String, apiBase: String)
    /// The URL uses another scheme than the API base (e.g. http where the base is https).
    case insecureScheme(url: String, apiBase: String)
    /// The URL carries `user@` or `user:password@` before the host.
    case credentialsInURL(url: String)
    /// The URL's path has `.` or `..` segments (also percent-encoded) or an encoded slash.
    case pathTraversal(url: String)
    /// The URL's path is not under the API base's path.
    case outsideAPIBase(url: String, apiBase: String)
    /// A placeholder of the endpoint's path has no value.
    case missingPathParameter(name: String, endpoint: String)
    /// A placeholder's value is empty, `.` or `..`.
    case invalidPathParameter(name: String, endpoint: String)
    /// Keap answered with a redirect; redirects are never followed.
    case redirect(status: Int, location: String?)
    /// Keap refused the credentials twice (after one refresh).
    case unauthorized(message: String)
    /// 403: the credentials may not read this resource.
    case forbidden(message: String)
    /// 404 for this path.
    case notFound(path: String, message: String)
    /// 400: Keap refused the request's parameters.
    case badRequest(message: String)
    /// Another 4xx status that is not retried.
    case clientError(status: Int, message: String)
    /// 429 until the retries ran out.
    case throttled(retries: Int, seconds: Int)
    /// 5xx until the retries ran out.
    case server(status: Int, message: String, retries: Int, seconds: Int)
    /// The connection failed or dropped until the retries ran out.
    case network(description: String, retries: Int, seconds: Int)
    /// The body was truncated or not the expected JSON until the retries ran out.
    case malformedResponse(description: String, retries: Int, seconds: Int)
    /// No connection to `host` (`name:port`) could be made (refused, DNS, TLS, connect timeout)
    /// after the quick retries.
    case unreachable(host: String, cause: String, retries: Int, seconds: Int)
    /// Keap did not answer within the request timeout until the retries ran out.
    case timeout(requestSeconds: Int, retries: Int, seconds: Int)
    /// A well-formed page held fewer records than asked while `count` said more follow, on every
    /// read; the listing would have a gap.
    case shortPage(offset: Int, received: Int, expected: Int, count: Int, attempts: Int)
    /// `count` changed between pages: records were created or deleted while paging, so offsets
    /// moved and rows could be skipped or repeated.
    case changedWhilePaging(countBefore: Int, countAfter: Int, offset: Int)
    /// A page did not begin with the record that ended the page before it (each page after the
    /// first re-reads that one record): records before `offset` were created or deleted while
    /// paging, so offsets moved although `count` stayed the same. `expected` and `found` are the
    /// records' ids (nil: the page was empty).
    case shiftedWhilePaging(offset: Int, expected: String, found: String?)
    /// The body exceeded the size limit for one page.
    case responseTooLarge(limitBytes: Int)
    /// A v2 page's `next_page_token` is a URL that is not the same list on the API base; it is
    /// never followed.
    case refusedPageToken(reason: String)

    /// One line that says what happened and, where it helps, what to do.
    public var userMessage: String {
        switch self {
        case .invalidURL(let text):
            "not a valid http(s) URL: \(Self.clip(text, 120))"
        case .foreignHost(let url, let base):
            "refused \(url): it is not on the account's API host \(base); credentials are only sent there"
        case .insecureScheme(let url, let base):
            "refused \(url): the account's API base is \(base) and credentials are never sent over another scheme"
        case .credentialsInURL(let url):
            "refused \(url): a URL with user info before the host is not allowed"
        case .pathTraversal(let url):
            "refused \(url): '.' or '..' path segments and encoded slashes are not allowed"
        case .outsideAPIBase(let url, let base):
            "refused \(url): the path is not under the account's API base \(base)"
        case .missingPathParameter(let name, let endpoint):
            "the endpoint \(endpoint) needs the path parameter \(name): pass --param \(name)=VALUE"
        case .invalidPathParameter(let name, let endpoint):
            "the path parameter \(name) of \(endpoint) must not be empty, '.' or '..'"
        case .redirect(let status, let location):
            "Keap answered with a redirect (\(status))\(location.map { " to \($0)" } ?? ""); redirects are not followed"
        case .unauthorized(let message):
            "Keap refused the credentials (401): \(message); re-authorize the account"
        case .forbidden(let message):
            "Keap denied access (403): \(message)"
        case .notFound(let path, let message):
            "Keap has no \(path) (404): \(message)"
        case .badRequest(let message):
            "Keap refused the request (400): \(message)"
        case .clientError(let status, let message):
            "Keap refused the request (\(status)): \(message)"
        case .throttled(let retries, let seconds):
            "Keap is throttling requests (429); retried \(retries) times over \(seconds) s; try again later or lower Max Rows"
        case .server(let status, let message, let retries, let seconds):
            "Keap failed with \(status) (\(message)); retried \(retries) times over \(seconds) s"
        case .network(let description, let retries, let seconds):
            "could not reach Keap (\(description)); retried \(retries) times over \(seconds) s"
        case .malformedResponse(let description, let retries, let seconds):
            "Keap sent a truncated or malformed page (\(description)); retried \(retries) times over \(seconds) s"
        case .unreachable(let host, let cause, let retries, let seconds):
            "cannot reach \(host): \(cause); tried \(retries + 1) times over \(seconds) s"
        case .timeout(let requestSeconds, let retries, let seconds):
            "Keap did not answer within \(requestSeconds) s; retried \(retries) times over \(seconds) s"
        case .shortPage(let offset, let received, let expected, let count, let attempts):
            "Keap sent \(received) of \(expected) records at offset \(offset) although it counts \(count); read \(attempts) times; nothing was saved, try again"
        case .changedWhilePaging(let before, let after, let offset):
            "the records changed while paging (count \(before) became \(after) at offset \(offset)); nothing was saved, try again"
        case .shiftedWhilePaging(let offset, let expected, let found):
            "the records changed while paging (the record at offset \(offset) was id \(Self.clip(expected, 40)), then \(found.map { "id " + Self.clip($0, 40) } ?? "nothing")); nothing was saved, try again"
        case .responseTooLarge(let limit):
            "Keap's answer is larger than \(limit / 1_048_576) MB; lower the page size"
        case .refusedPageToken(let reason):
            "refused Keap's next_page_token: \(reason); it was not followed"
        }
    }

    /// At most `limit` characters of one line, with an ellipsis when cut.
    static func clip(_ text: String, _ limit: Int) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        return line.count > limit ? String(line.prefix(limit)) + "…" : line
    }

    /// Keap's message from an error body: `fault.faultstring`, then `message`, then
    /// `error_description`, then the raw text; at most 200 characters.
    static func message(fromBody body: [UInt8]) -> String {
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] {
            if let fault = object["fault"] as? [String: Any], let text = fault["faultstring"] as? String {
                return clip(text, 200)
            }
            if let text = object["message"] as? String { return clip(text, 200) }
            if let text = object["error_description"] as? String { return clip(text, 200) }
        }
        let raw = String(decoding: body, as: UTF8.self)
        if let title = htmlTitle(raw) { return clip("HTML page: \(title)", 200) }
        return raw.isEmpty ? "no details" : clip(raw, 200)
    }

    /// The `<title>` of an HTML error page (a proxy's 502/503), without the markup.
    static func htmlTitle(_ text: String) -> String? {
        guard let open = text.range(of: "<title>", options: .caseInsensitive),
            let close = text.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<text.endIndex)
        else { return nil }
        let title = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        return title.isEmpty ? nil : title
    }
}
