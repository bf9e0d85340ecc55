import Foundation

/// The Keap endpoints Infuse knows, with look-ups by id and by concrete path.
///
/// The v1 list lives in `EndpointCatalogue+V1.swift`, generated from the official spec by
/// `scripts/generate-v1-catalogue.py`.
public enum EndpointCatalogue {
    /// The endpoint with this id (`contacts`, `opportunities.byId`), or nil.
    public static func endpoint(id: String) -> CatalogueEndpoint? {
        byID[id]
    }

    /// The endpoint whose path template matches a concrete path relative to the API base
    /// (`/v1/contacts/42` → `contacts.byId` with `["id": "42"]`), or nil.
    ///
    /// A literal segment wins over a placeholder, so `/v1/contacts/model` is the model endpoint
    /// and not a contact with id "model". A trailing slash is ignored.
    public static func endpoint(matchingPath path: String) -> (endpoint: CatalogueEndpoint, pathParameters: [String: String])? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var best: (endpoint: CatalogueEndpoint, pathParameters: [String: String], literals: Int)?
        for endpoint in v1 {
            let template = endpoint.path.split(separator: "/").map(String.init)
            guard template.count == segments.count else { continue }
            var parameters: [String: String] = [:]
            var literals = 0
            var matches = true
            for (pattern, segment) in zip(template, segments) {
                if pattern.hasPrefix("{"), pattern.hasSuffix("}") {
                    parameters[String(pattern.dropFirst().dropLast())] = segment.removingPercentEncoding ?? segment
                } else if pattern == segment {
                    literals += 1
                } else {
                    matches = false
                    break
                }
            }
            if matches, literals > (best?.literals ?? -1) {
                best = (endpoint, parameters, literals)
            }
        }
        return best.map { ($0.endpoint, $0.pathParameters) }
    }

    private static let byID: [String: CatalogueEndpoint] = Dictionary(
        v1.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
}
