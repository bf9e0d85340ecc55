import Foundation
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// The v1 catalogue against the official spec, read at run time.
@Suite("Endpoint catalogue")
struct CatalogueSpecTests {
    struct SpecEndpoint {
        var pathParameters: [String]
        var queryParameters: [String]
        var arrayProperties: [String]
    }

    static func specGETs() throws -> [String: SpecEndpoint] {
        let data = try Data(contentsOf: PackagePaths.v1Spec)
        let spec = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let paths = try #require(spec["paths"] as? [String: [String: Any]])
        var result: [String: SpecEndpoint] = [:]
        for (path, item) in paths {
            guard let get = item["get"] as? [String: Any] else { continue }
            let parameters = ((item["parameters"] as? [[String: Any]]) ?? []) + ((get["parameters"] as? [[String: Any]]) ?? [])
            func names(_ location: String) -> [String] {
                parameters.filter { $0["in"] as? String == location }.compactMap { $0["name"] as? String }
            }
            let content = ((get["responses"] as? [String: Any])?["200"] as? [String: Any])?["content"] as? [String: Any]
            let schema = (content?.values.first as? [String: Any])?["schema"] as? [String: Any]
            let properties = schema?["properties"] as? [String: [String: Any]] ?? [:]
            let arrays = properties.filter { $0.value["type"] as? String == "array" }.map(\.key)
            result[path] = SpecEndpoint(pathParameters: names("path"), queryParameters: names("query"), arrayProperties: arrays)
        }
        return result
    }

    @Test("every v1 GET path of the spec is in the catalogue and nothing else")
    func pathsMatchSpec() throws {
        let spec = try Self.specGETs()
        #expect(spec.count > 60)
        #expect(Set(EndpointCatalogue.v1.map(\.path)) == Set(spec.keys))
        #expect(EndpointCatalogue.v1.count == spec.count)
    }

    @Test("path parameters, query parameters, paging and list keys match the spec")
    func detailsMatchSpec() throws {
        let spec = try Self.specGETs()
        for endpoint in EndpointCatalogue.v1 {
            let entry = try #require(spec[endpoint.path], "\(endpoint.path) not in spec")
            #expect(endpoint.pathParameters == entry.pathParameters, "\(endpoint.path)")
            let placeholders = endpoint.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            #expect(placeholders == endpoint.pathParameters, "\(endpoint.path)")
            let paged = entry.queryParameters.contains("limit") && entry.queryParameters.contains("offset")
            #expect(endpoint.paged == paged, "\(endpoint.path)")
            #expect(Set(endpoint.queryParameters) == Set(entry.queryParameters).subtracting(["limit", "offset"]), "\(endpoint.path)")
            if endpoint.paged {
                #expect(entry.arrayProperties.count == 1, "\(endpoint.path)")
                #expect(endpoint.listKey == entry.arrayProperties.first, "\(endpoint.path)")
            } else if let key = endpoint.listKey {
                #expect(entry.arrayProperties.contains(key), "\(endpoint.path)")
            }
            #expect(!endpoint.summary.isEmpty && !endpoint.resource.isEmpty, "\(endpoint.path)")
        }
    }

    @Test("ids are unique and look-ups by id and by path work")
    func lookUps() throws {
        let ids = EndpointCatalogue.v1.map(\.id)
        #expect(Set(ids).count == ids.count)
        let contacts = try #require(EndpointCatalogue.endpoint(id: "contacts"))
        #expect(contacts.path == "/v1/contacts" && contacts.paged && contacts.listKey == "contacts")
        #expect(contacts.summary == "List Contacts" && contacts.resource == "Contact")
        let opportunity = try #require(EndpointCatalogue.endpoint(id: "opportunities.byId"))
        #expect(opportunity.path == "/v1/opportunities/{opportunityId}" && !opportunity.paged && opportunity.listKey == nil)
        #expect(EndpointCatalogue.endpoint(id: "account.profile")?.paged == false)
        #expect(EndpointCatalogue.endpoint(id: "merchants")?.listKey == "merchant_accounts")
        #expect(EndpointCatalogue.endpoint(id: "no.such.endpoint") == nil)

        let model = try #require(EndpointCatalogue.endpoint(matchingPath: "/v1/contacts/model"))
        #expect(model.endpoint.id == "contacts.model" && model.pathParameters.isEmpty)
        let byID = try #require(EndpointCatalogue.endpoint(matchingPath: "/v1/contacts/42/"))
        #expect(byID.endpoint.id == "contacts.byId" && byID.pathParameters == ["id": "42"])
        let tags = try #require(EndpointCatalogue.endpoint(matchingPath: "/v1/contacts/7/tags"))
        #expect(tags.endpoint.id == "contacts.tags" && tags.pathParameters == ["contactId": "7"])
        #expect(EndpointCatalogue.endpoint(matchingPath: "/v1/nothing/here") == nil)
    }

    @Test("path parameters are filled, percent-encoded and required")
    func resolvesPaths() throws {
        let endpoint = try #require(EndpointCatalogue.endpoint(id: "products.subscriptions.byId"))
        #expect(try endpoint.resolvedPath(["productId": "5", "subscriptionId": "a/b c"]) == "/v1/products/5/subscriptions/a%2Fb%20c")
        #expect(throws: KeapAPIError.missingPathParameter(name: "subscriptionId", endpoint: "products.subscriptions.byId")) {
            try endpoint.resolvedPath(["productId": "5"])
        }
        #expect(throws: KeapAPIError.invalidPathParameter(name: "productId", endpoint: "products.subscriptions.byId")) {
            try endpoint.resolvedPath(["productId": "..", "subscriptionId": "1"])
        }
        let error = KeapAPIError.missingPathParameter(name: "id", endpoint: "contacts.byId")
        #expect(error.userMessage.contains("--param id=VALUE"))
    }

    @Test("endpoints round-trip through Codable")
    func codable() throws {
        let data = try JSONEncoder().encode(EndpointCatalogue.v1)
        #expect(try JSONDecoder().decode([CatalogueEndpoint].self, from: data) == EndpointCatalogue.v1)
    }
}
