import Foundation

/// One GET endpoint of the Keap REST API, as the endpoint catalogue describes it.
///
/// `path` is relative to the account's API base (`https://api.infusionsoft.com/crm/rest`) and keeps
/// its `{name}` placeholders, e.g. `/v1/opportunities/{opportunityId}`.
public struct CatalogueEndpoint: Sendable, Hashable, Codable {
    /// Stable short name used by the CLI and saved data sources: `contacts`, `opportunities.byId`,
    /// `contacts.tags` (literal path segments joined by dots; a trailing parameter adds `.byId`).
    public let id: String
    /// The path under the API base with `{parameter}` placeholders.
    public let path: String
    /// The names of the placeholders in `path`, in order.
    public let pathParameters: [String]
    /// The key of the array that holds the records (`contacts`), or nil when the response is a
    /// single object or a bare array.
    public let listKey: String?
    /// How the endpoint pages: v1 lists by `limit`/`offset`, v2 lists by `page_size`/`page_token`.
    public let paging: Paging
    /// True when the endpoint takes `limit`/`offset` and answers `{<listKey>, count, next, previous}`.
    public var paged: Bool { paging == .offset }
    /// The optional query parameters (filters, ordering), without the paging parameters
    /// (`limit`/`offset` in v1, `page_size`/`page_token` in v2).
    public let queryParameters: [String]
    /// The spec's one-line summary, e.g. "List Contacts".
    public let summary: String
    /// The spec's resource group, e.g. "Contact" or "E-Commerce".
    public let resource: String
    /// True when the spec marks the operation deprecated (`/v1/transactions`, `/v1/products/sync`, …).
    public let deprecated: Bool

    /// The paging scheme of an endpoint.
    public enum Paging: Sendable, Hashable {
        /// One request (a single object, or a list Keap does not page).
        case none
        /// Keap REST v1: `limit`/`offset`, answers carry `count`.
        case offset
        /// Keap REST v2: `page_size` (at most `maxPageSize`) and `page_token`, answers carry
        /// `next_page_token` and no total.
        case cursor(maxPageSize: Int)
    }

    /// The REST version of the endpoint (1 for `/v1/…`, 2 for `/v2/…`).
    public var version: Int { path.hasPrefix("/v2/") ? 2 : 1 }

    /// True for a `page_size`/`page_token` list.
    public var cursorPaged: Bool { if case .cursor = paging { true } else { false } }

    /// The largest `page_size` a cursor-paged list accepts; nil for other endpoints.
    public var maxPageSize: Int? { if case .cursor(let size) = paging { size } else { nil } }

    /// Creates a v1 endpoint description (the v1 catalogue is generated from the v1 spec).
    public init(
        id: String, path: String, pathParameters: [String], listKey: String?, paged: Bool,
        queryParameters: [String], summary: String, resource: String, deprecated: Bool = false
    ) {
        self.init(
            id: id, path: path, pathParameters: pathParameters, listKey: listKey, paging: paged ? .offset : .none,
            queryParameters: queryParameters, summary: summary, resource: resource, deprecated: deprecated)
    }

    /// Creates an endpoint description with an explicit paging scheme (the v2 catalogue).
    public init(
        id: String, path: String, pathParameters: [String], listKey: String?, paging: Paging,
        queryParameters: [String], summary: String, resource: String, deprecated: Bool = false
    ) {
        self.id = id
        self.path = path
        self.pathParameters = pathParameters
        self.listKey = listKey
        self.paging = paging
        self.queryParameters = queryParameters
        self.summary = summary
        self.resource = resource
        self.deprecated = deprecated
    }

    /// The path with every placeholder replaced by its percent-encoded value.
    ///
    /// Throws `KeapAPIError.missingPathParameter` when a placeholder has no value, and
    /// `KeapAPIError.invalidPathParameter` for a value that is empty, `.` or `..`.
    public func resolvedPath(_ values: [String: String]) throws(KeapAPIError) -> String {
        var result = path
        for name in pathParameters {
            guard let value = values[name] else {
                throw .missingPathParameter(name: name, endpoint: id)
            }
            guard !value.isEmpty, value != ".", value != ".." else {
                throw .invalidPathParameter(name: name, endpoint: id)
            }
            result = result.replacingOccurrences(of: "{\(name)}", with: Self.percentEncodeSegment(value))
        }
        return result
    }

    /// Encodes everything except RFC 3986 unreserved characters, so a value cannot add segments.
    static func percentEncodeSegment(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
            }
        }
        return out
    }
}

extension CatalogueEndpoint {
    private enum CodingKeys: String, CodingKey {
        case id, path, pathParameters, listKey, paged, queryParameters, summary, resource
        case version, deprecated, cursorPaged, maxPageSize
    }

    /// Decodes the JSON `infuse endpoints --json` prints; the v2 keys are optional, so JSON
    /// written before v2 (no `cursorPaged`, `maxPageSize`, `deprecated`) still decodes.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let paging: Paging
        if let size = try c.decodeIfPresent(Int.self, forKey: .maxPageSize),
            try c.decodeIfPresent(Bool.self, forKey: .cursorPaged) ?? true
        {
            paging = .cursor(maxPageSize: size)
        } else {
            paging = try c.decode(Bool.self, forKey: .paged) ? .offset : .none
        }
        self.init(
            id: try c.decode(String.self, forKey: .id), path: try c.decode(String.self, forKey: .path),
            pathParameters: try c.decode([String].self, forKey: .pathParameters),
            listKey: try c.decodeIfPresent(String.self, forKey: .listKey), paging: paging,
            queryParameters: try c.decode([String].self, forKey: .queryParameters),
            summary: try c.decode(String.self, forKey: .summary), resource: try c.decode(String.self, forKey: .resource),
            deprecated: try c.decodeIfPresent(Bool.self, forKey: .deprecated) ?? false)
    }

    /// Encodes the endpoint with its version, paging (`paged` for v1 offset paging, `cursorPaged`
    /// and `maxPageSize` for v2) and deprecation.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(path, forKey: .path)
        try c.encode(pathParameters, forKey: .pathParameters)
        try c.encode(listKey, forKey: .listKey)
        try c.encode(paged, forKey: .paged)
        try c.encode(cursorPaged, forKey: .cursorPaged)
        try c.encodeIfPresent(maxPageSize, forKey: .maxPageSize)
        try c.encode(queryParameters, forKey: .queryParameters)
        try c.encode(summary, forKey: .summary)
        try c.encode(resource, forKey: .resource)
        try c.encode(version, forKey: .version)
        try c.encode(deprecated, forKey: .deprecated)
    }
}
