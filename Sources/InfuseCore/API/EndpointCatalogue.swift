import Foundation

/// The Keap endpoints Infuse knows, with look-ups by id and by concrete path.
///
/// The v1 list lives in `EndpointCatalogue+V1.swift` and the v2 list in
/// `EndpointCatalogue+V2.swift`, generated from the official specs by
/// `scripts/generate-v1-catalogue.py` and `scripts/generate-v2-catalogue.py`. v1 ids are bare
/// (`contacts`), v2 ids carry a `v2.` prefix (`v2.contacts`), so the ids saved data sources hold
/// keep meaning the v1 endpoint they always meant.
public enum EndpointCatalogue {
    /// Every endpoint: v1 first, then v2.
    public static let all: [CatalogueEndpoint] = v1 + v2

    /// Every endpoint in the order a chooser offers them: by resource and path, the default of each
    /// resource first (v2 where Keap has it), and each v1 endpoint that v2 replaces right after its
    /// v2 counterpart (so typing `List Contacts` lands on `v2.contacts`, with `contacts` below it).
    public static let offered: [CatalogueEndpoint] = all.sorted { offerKey($0) < offerKey($1) }

    /// The sort key of ``offered``: the resource and path of the endpoint's group (its v2
    /// counterpart's, for a replaced v1 endpoint), then the default before the one it replaces.
    /// Paths compare without their version segment, so `/v1/contacts/{id}/emails` sits among
    /// the other contact endpoints rather than before all of v2.
    private static func offerKey(_ endpoint: CatalogueEndpoint) -> (String, String, Int) {
        func unversioned(_ path: String) -> String { String(path.drop { $0 != "/" }.dropFirst().drop { $0 != "/" }) }
        if let counterpart = v2Counterpart(of: endpoint) { return (counterpart.resource, unversioned(counterpart.path), 1) }
        return (endpoint.resource, unversioned(endpoint.path), 0)
    }

    /// The endpoint with this id (`contacts`, `opportunities.byId`, `v2.contacts`), or nil.
    public static func endpoint(id: String) -> CatalogueEndpoint? {
        byID[id]
    }

    /// True when this endpoint is the one offered by default for its resource: every v2 endpoint,
    /// and a v1 endpoint only when v2 has no counterpart (`contacts` has `v2.contacts`, so v2 is
    /// the default; `contacts.tags` has none, so v1 stays). See `v2Counterpart(of:)`.
    public static func isDefault(_ endpoint: CatalogueEndpoint) -> Bool {
        endpoint.version == 2 || v2Counterpart(of: endpoint) == nil
    }

    /// The v2 endpoint that replaces a v1 one (`contacts` → `v2.contacts`, or a resource v2
    /// renamed, `affiliates.programs` → `v2.affiliates.commissionPrograms`), or nil.
    public static func v2Counterpart(of endpoint: CatalogueEndpoint) -> CatalogueEndpoint? {
        guard endpoint.version == 1 else { return nil }
        return byID[renamedInV2[endpoint.id] ?? "v2." + endpoint.id]
    }

    /// v1 lists whose v2 successor has another path (same records, same paging role), read from
    /// the specs side by side (`/v1/transactions` → `/v2/sales/transactions`, which only the newer
    /// swagger.yml lists). v1 lists with no v2 successor (`/v1/appointments`, `/v1/hooks`, …) are
    /// not here and stay the default.
    static let renamedInV2: [String: String] = [
        "affiliates.programs": "v2.affiliates.commissionPrograms",
        "affiliates.redirectlinks": "v2.affiliates.redirects",
        "opportunity.stage_pipeline": "v2.opportunities.stages",
        "setting.application.configuration": "v2.settings.applications.getConfiguration",
        "setting.application.enabled": "v2.settings.applications.isEnabled",
        "setting.contact.optionTypes": "v2.settings.contactOptionTypes",
        "transactions": "v2.sales.transactions",
    ]

    /// The endpoint whose path template matches a concrete path relative to the API base
    /// (`/v1/contacts/42` → `contacts.byId` with `["id": "42"]`, `/v2/contacts` → `v2.contacts`),
    /// or nil.
    ///
    /// A literal segment wins over a placeholder, so `/v1/contacts/model` is the model endpoint
    /// and not a contact with id "model". A v2 custom method (`{affiliate_id}:commissions`)
    /// matches a segment ending in `:commissions`. A trailing slash is ignored.
    public static func endpoint(matchingPath path: String) -> (endpoint: CatalogueEndpoint, pathParameters: [String: String])? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var best: (endpoint: CatalogueEndpoint, pathParameters: [String: String], literals: Int)?
        for endpoint in all {
            let template = endpoint.path.split(separator: "/").map(String.init)
            guard template.count == segments.count else { continue }
            var parameters: [String: String] = [:]
            var literals = 0
            var matches = true
            for (pattern, segment) in zip(template, segments) {
                if pattern.hasPrefix("{"), let close = pattern.firstIndex(of: "}") {
                    let name = String(pattern[pattern.index(after: pattern.startIndex)..<close])
                    let suffix = pattern[pattern.index(after: close)...]
                    guard segment.hasSuffix(suffix), segment.count > suffix.count else {
                        matches = false
                        break
                    }
                    let value = String(segment.dropLast(suffix.count))
                    parameters[name] = value.removingPercentEncoding ?? value
                    if !suffix.isEmpty { literals += 1 }
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
        all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
}
