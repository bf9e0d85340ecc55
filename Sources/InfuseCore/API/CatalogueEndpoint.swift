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
    /// True when the endpoint takes `limit`/`offset` and answers `{<listKey>, count, next, previous}`.
    public let paged: Bool
    /// The optional query parameters (filters, ordering), without `limit` and `offset`.
    public let queryParameters: [String]
    /// The spec's one-line summary, e.g. "List Contacts".
    public let summary: String
    /// The spec's resource group, e.g. "Contact" or "E-Commerce".
    public let resource: String

    /// Creates an endpoint description; the catalogue's entries are generated from the v1 spec.
    public init(
        id: String, path: String, pathParameters: [String], listKey: String?, paged: Bool,
        queryParameters: [String], summary: String, resource: String
    ) {
        self.id = id
        self.path = path
        self.pathParameters = pathParameters
        self.listKey = listKey
        self.paged = paged
        self.queryParameters = queryParameters
        self.summary = summary
        self.resource = resource
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
