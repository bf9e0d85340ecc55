import ArgumentParser
import Foundation
import InfuseCore

/// `infuse endpoints`: the endpoint catalogue (Keap REST v1 and v2).
struct EndpointsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endpoints",
        abstract: "List the Keap REST v1 and v2 GET endpoints Infuse can fetch (the default per resource marked).")

    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await CLI.guarded {
            let endpoints = EndpointCatalogue.offered
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let listing = endpoints.map { EndpointListing(endpoint: $0, isDefault: EndpointCatalogue.isDefault($0)) }
                CLI.out(String(decoding: try encoder.encode(listing), as: UTF8.self))
                return
            }
            let rows = endpoints.map { endpoint in
                [endpoint.id, "v\(endpoint.version)", endpoint.path, Self.paging(endpoint),
                 Self.status(endpoint), endpoint.summary]
            }
            CLI.out(TextTable.render(header: ["ID", "VERSION", "PATH", "PAGING", "DEFAULT", "SUMMARY"], rows: rows))
        }
    }

    static func paging(_ endpoint: CatalogueEndpoint) -> String {
        switch endpoint.paging {
        case .none: ""
        case .offset: "paged"
        case .cursor(let size): "cursor ≤\(size)"
        }
    }

    /// `default`, `deprecated`, or the v2 id that is the default instead.
    static func status(_ endpoint: CatalogueEndpoint) -> String {
        if endpoint.deprecated { return "deprecated" }
        if let v2 = EndpointCatalogue.v2Counterpart(of: endpoint) { return "→ \(v2.id)" }
        return "default"
    }
}

/// One endpoint in `infuse endpoints --json`: the endpoint's own keys plus `default`.
struct EndpointListing: Encodable {
    var endpoint: CatalogueEndpoint
    var isDefault: Bool

    private enum CodingKeys: String, CodingKey { case isDefault = "default" }

    func encode(to encoder: any Encoder) throws {
        try endpoint.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isDefault, forKey: .isDefault)
    }
}
