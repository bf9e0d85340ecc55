import Foundation

/// A fetch target resolved against the API base: the path, the fixed query, how to page it and
/// where its records are.
struct FetchPlan: Sendable {
    /// The percent-encoded path including the base path, e.g. `/crm/rest/v1/contacts`.
    var path: String
    /// The path relative to the base, shown in messages (`/v1/contacts`).
    var displayPath: String
    /// Percent-encoded query items other than `limit` and `offset` (for paged plans).
    var query: [(name: String, value: String?)]
    var paged: Bool
    /// The offset of the first record asked for.
    var startOffset: Int
    /// The largest `page_size` of a v2 cursor-paged list; nil for other plans.
    var cursorPageSize: Int?
    /// The `page_token` a custom v2 URL starts from, if it has one.
    var startToken: String?
    var locator: PageLocator

    /// Resolves a target; throws `KeapAPIError` for a refused URL or a missing path parameter.
    init(_ target: FetchTarget, policy: HostPolicy) throws(KeapAPIError) {
        switch target {
        case .endpoint(let endpoint, let pathParameters, let query):
            let relative = try endpoint.resolvedPath(pathParameters)
            path = policy.basePath + relative
            displayPath = relative
            self.query = query.keys.sorted()
                .filter { !endpoint.paged || ($0 != "limit" && $0 != "offset") }
                .filter { !endpoint.cursorPaged || ($0 != "page_size" && $0 != "page_token") }
                .map { (CatalogueEndpoint.percentEncodeSegment($0), CatalogueEndpoint.percentEncodeSegment(query[$0] ?? "")) }
            paged = endpoint.paged
            startOffset = 0
            cursorPageSize = endpoint.maxPageSize
            startToken = nil
            locator = endpoint.listKey.map { .listKey($0) } ?? .wholeDocument
        case .url(let url):
            _ = try policy.check(url)
            guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
                throw .invalidURL(HostPolicy.display(url))
            }
            path = components.percentEncodedPath
            displayPath = String(path.dropFirst(policy.basePath.count))
            let items = (components.percentEncodedQuery ?? "").split(separator: "&").map { item in
                let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (name: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : nil)
            }
            cursorPageSize = nil
            startToken = nil
            if let match = EndpointCatalogue.endpoint(matchingPath: displayPath) {
                paged = match.endpoint.paged
                cursorPageSize = match.endpoint.maxPageSize
                locator = match.endpoint.listKey.map { .listKey($0) } ?? .wholeDocument
            } else {
                paged = false
                locator = .automatic
            }
            if paged {
                query = items.filter { $0.name != "limit" && $0.name != "offset" }
                startOffset = items.last { $0.name == "offset" }.flatMap { $0.value }.flatMap { Int($0) }.map { max(0, $0) } ?? 0
            } else if cursorPageSize != nil {
                query = items.filter { $0.name != "page_size" && $0.name != "page_token" }
                startOffset = 0
                startToken = items.last { $0.name == "page_token" }.flatMap { $0.value }.flatMap { $0.removingPercentEncoding }
                    .flatMap { $0.isEmpty ? nil : $0 }
            } else {
                query = items
                startOffset = 0
            }
        }
    }

    /// The URL of one request: the plan's path and query, plus `limit`/`offset` when given.
    func url(policy: HostPolicy, limit: Int?, offset: Int?) -> URL? {
        var extra: [String] = []
        if let limit { extra.append("limit=\(limit)") }
        if let offset { extra.append("offset=\(offset)") }
        return url(policy: policy, extraQuery: extra)
    }

    /// The URL of one v2 page: the plan's path and query, plus `page_size` and `page_token`.
    func url(policy: HostPolicy, pageSize: Int, pageToken: String?) -> URL? {
        var extra = ["page_size=\(pageSize)"]
        if let pageToken { extra.append("page_token=\(CatalogueEndpoint.percentEncodeSegment(pageToken))") }
        return url(policy: policy, extraQuery: extra)
    }

    private func url(policy: HostPolicy, extraQuery: [String]) -> URL? {
        var components = URLComponents()
        components.scheme = policy.scheme
        components.percentEncodedHost = policy.host
        let defaultPort = policy.scheme == "https" ? 443 : 80
        components.port = policy.port == defaultPort ? nil : policy.port
        components.percentEncodedPath = path
        var items = query.map { item in item.value.map { "\(item.name)=\($0)" } ?? item.name }
        items += extraQuery
        components.percentEncodedQuery = items.isEmpty ? nil : items.joined(separator: "&")
        return components.url
    }
}
