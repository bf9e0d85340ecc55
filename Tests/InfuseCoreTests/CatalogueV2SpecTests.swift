import Foundation
import InfuseTestSupport
import Testing
import Yams

@testable import InfuseCore

/// The v2 catalogue against the official v2 spec, read at run time, and the v1/v2 catalogue as one.
@Suite("Endpoint catalogue v2")
struct CatalogueV2SpecTests {
    struct SpecEndpoint {
        var pathParameters: [String]
        var queryParameters: [String]
        var arrayProperties: [String]
        var pageSizeMaximum: Int?
        var deprecated: Bool
    }

    /// The GETs of a vendored spec by path: the JSON 2025-11-05 document, or swagger.yml (YAML,
    /// its `/rest/v2/` paths read as `/v2/`, as the catalogue generator reads them).
    static func specGETs(_ url: URL) throws -> [String: SpecEndpoint] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let document: Any? = url.pathExtension == "yml"
            ? try Yams.load(yaml: text) : try JSONSerialization.jsonObject(with: Data(text.utf8))
        let spec = try #require(document as? [String: Any])
        let paths = try #require(spec["paths"] as? [String: Any])
        let schemas = (spec["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        func resolved(_ value: Any?) -> [String: Any]? {
            var node = value as? [String: Any]
            while let ref = node?["$ref"] as? String, ref.hasPrefix("#/components/schemas/") {
                node = schemas[String(ref.dropFirst("#/components/schemas/".count))] as? [String: Any]
            }
            return node
        }
        func number(_ value: Any?) -> Int? { (value as? Int) ?? (value as? NSNumber)?.intValue }
        var result: [String: SpecEndpoint] = [:]
        for (rawPath, rawItem) in paths {
            guard let item = rawItem as? [String: Any], let get = item["get"] as? [String: Any] else { continue }
            let path = rawPath.hasPrefix("/rest/") ? String(rawPath.dropFirst("/rest".count)) : rawPath
            let parameters = (((item["parameters"] as? [Any]) ?? []) + ((get["parameters"] as? [Any]) ?? [])).compactMap(resolved)
            func names(_ location: String) -> [String] {
                parameters.filter { $0["in"] as? String == location }.compactMap { $0["name"] as? String }
            }
            let pageSize = parameters.first { $0["name"] as? String == "page_size" }
            let maximum = number((pageSize?["schema"] as? [String: Any])?["maximum"])
            let content = ((get["responses"] as? [String: Any])?["200"] as? [String: Any])?["content"] as? [String: Any]
            let schema = resolved((content?.values.first as? [String: Any])?["schema"])
            let properties = (schema?["properties"] as? [String: Any] ?? [:]).compactMapValues(resolved)
            let arrays = properties.filter { $0.value["type"] as? String == "array" }.map(\.key)
            result[path] = SpecEndpoint(
                pathParameters: names("path"), queryParameters: names("query"), arrayProperties: arrays,
                pageSizeMaximum: maximum, deprecated: get["deprecated"] as? Bool ?? false)
        }
        return result
    }

    /// Both v2 specs as the catalogue reads them: every GET of 2025-11-05, and the GETs only the
    /// newer swagger.yml has.
    static func catalogueSpec() throws -> (merged: [String: SpecEndpoint], newerOnly: Set<String>) {
        let dated = try specGETs(PackagePaths.v2Spec)
        let newer = try specGETs(PackagePaths.v2NewerSpec)
        let newerOnly = Set(newer.keys).subtracting(dated.keys)
        return (dated.merging(newer) { datedEntry, _ in datedEntry }, newerOnly)
    }

    @Test("every v2 GET path of both specs (lists and by-id) is in the catalogue and nothing else")
    func pathsMatchSpec() throws {
        let (spec, newerOnly) = try Self.catalogueSpec()
        #expect(try Self.specGETs(PackagePaths.v2Spec).count > 90)
        // The resources Keap added after 2025-11-05, which only swagger.yml lists.
        #expect(newerOnly.isSuperset(of: ["/v2/notes", "/v2/userGroups", "/v2/paymentMethods", "/v2/referrals",
                                          "/v2/opportunities/stageMoves", "/v2/sales/transactions"]))
        #expect(Set(EndpointCatalogue.v2.map(\.path)) == Set(spec.keys))
        #expect(EndpointCatalogue.v2.count == spec.count)
        let byID = spec.keys.filter { $0.hasSuffix("}") }
        #expect(byID.count > 30)
        for path in byID {
            #expect(EndpointCatalogue.v2.contains { $0.path == path && $0.id.hasSuffix(".byId") }, "\(path)")
        }
        #expect(EndpointCatalogue.v2.allSatisfy { $0.version == 2 && $0.id.hasPrefix("v2.") })
        #expect(EndpointCatalogue.v1.allSatisfy { $0.version == 1 && !$0.id.hasPrefix("v2.") })
    }

    @Test("path parameters, query parameters, cursor paging, page size limits and list keys match the spec")
    func detailsMatchSpec() throws {
        let spec = try Self.catalogueSpec().merged
        for endpoint in EndpointCatalogue.v2 {
            let entry = try #require(spec[endpoint.path], "\(endpoint.path) not in spec")
            #expect(Set(endpoint.pathParameters) == Set(entry.pathParameters), "\(endpoint.path)")
            let placeholders = endpoint.path.split(separator: "/").compactMap { segment -> String? in
                guard segment.hasPrefix("{"), let close = segment.firstIndex(of: "}") else { return nil }
                return String(segment[segment.index(after: segment.startIndex)..<close])
            }
            #expect(placeholders == endpoint.pathParameters, "\(endpoint.path)")
            let cursor = entry.queryParameters.contains("page_size") && entry.queryParameters.contains("page_token")
            #expect(endpoint.cursorPaged == cursor, "\(endpoint.path)")
            #expect(!endpoint.paged, "\(endpoint.path)")
            #expect(endpoint.maxPageSize == (cursor ? entry.pageSizeMaximum ?? 1000 : nil), "\(endpoint.path)")
            #expect(Set(endpoint.queryParameters) == Set(entry.queryParameters).subtracting(["page_size", "page_token"]), "\(endpoint.path)")
            if cursor {
                let key = try #require(endpoint.listKey, "\(endpoint.path) has no list key")
                #expect(entry.arrayProperties.contains(key), "\(endpoint.path)")
            } else if let key = endpoint.listKey {
                #expect(entry.arrayProperties.contains(key), "\(endpoint.path)")
            }
            #expect(endpoint.deprecated == entry.deprecated, "\(endpoint.path)")
            #expect(!endpoint.summary.isEmpty && !endpoint.resource.isEmpty, "\(endpoint.path)")
        }
        // The limits the spec states below 1000.
        #expect(EndpointCatalogue.endpoint(id: "v2.users")?.maxPageSize == 100)
        #expect(EndpointCatalogue.endpoint(id: "v2.automations")?.maxPageSize == 25)
        #expect(EndpointCatalogue.endpoint(id: "v2.contacts")?.maxPageSize == 1000)
        #expect(EndpointCatalogue.endpoint(id: "v2.contacts")?.listKey == "contacts")
    }

    @Test("v1's deprecated operations are marked deprecated, and only those")
    func v1Deprecated() throws {
        let spec = try CatalogueSpecTests.specGETs()
        let data = try Data(contentsOf: PackagePaths.v1Spec)
        let paths = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["paths"] as? [String: [String: Any]])
        let deprecated = Set(paths.compactMap { path, item in ((item["get"] as? [String: Any])?["deprecated"] as? Bool) == true ? path : nil })
        #expect(deprecated == ["/v1/transactions", "/v1/transactions/{transactionId}", "/v1/products/sync", "/v1/setting/contact/optionTypes"])
        #expect(Set(EndpointCatalogue.v1.filter(\.deprecated).map(\.path)) == deprecated)
        #expect(spec.count == EndpointCatalogue.v1.count)
    }

    @Test("ids are unique across v1 and v2, and saved v1 ids keep meaning v1")
    func idsAndDefaults() throws {
        let ids = EndpointCatalogue.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(EndpointCatalogue.all.count == EndpointCatalogue.v1.count + EndpointCatalogue.v2.count)
        #expect(EndpointCatalogue.endpoint(id: "contacts")?.path == "/v1/contacts")
        #expect(EndpointCatalogue.endpoint(id: "v2.contacts")?.path == "/v2/contacts")
        for endpoint in EndpointCatalogue.v1 {
            #expect(EndpointCatalogue.endpoint(id: endpoint.id) == endpoint)
        }
        // The default per resource: v2 where Keap has it, v1 otherwise.
        let contacts = try #require(EndpointCatalogue.endpoint(id: "contacts"))
        #expect(!EndpointCatalogue.isDefault(contacts))
        #expect(EndpointCatalogue.v2Counterpart(of: contacts)?.id == "v2.contacts")
        #expect(EndpointCatalogue.isDefault(try #require(EndpointCatalogue.endpoint(id: "v2.contacts"))))
        let appointments = try #require(EndpointCatalogue.endpoint(id: "appointments"))
        #expect(EndpointCatalogue.v2Counterpart(of: appointments) == nil && EndpointCatalogue.isDefault(appointments))
        // swagger.yml's newer resources give v1 lists successors: a contact's tags, notes, transactions.
        #expect(EndpointCatalogue.v2Counterpart(of: try #require(EndpointCatalogue.endpoint(id: "contacts.tags")))?.id == "v2.contacts.tags")
        #expect(EndpointCatalogue.v2Counterpart(of: try #require(EndpointCatalogue.endpoint(id: "notes")))?.id == "v2.notes")
        #expect(EndpointCatalogue.v2Counterpart(of: try #require(EndpointCatalogue.endpoint(id: "transactions")))?.id == "v2.sales.transactions")
        for endpoint in EndpointCatalogue.v1 {
            let renamed = EndpointCatalogue.renamedInV2[endpoint.id]
            let hasV2 = EndpointCatalogue.v2.contains { $0.id == (renamed ?? "v2." + endpoint.id) }
            #expect(EndpointCatalogue.isDefault(endpoint) == !hasV2, "\(endpoint.id)")
        }
        // Every rename names a real v1 and v2 endpoint, neither needing path parameters.
        for (v1ID, v2ID) in EndpointCatalogue.renamedInV2 {
            let old = try #require(EndpointCatalogue.endpoint(id: v1ID), "\(v1ID)")
            let new = try #require(EndpointCatalogue.endpoint(id: v2ID), "\(v2ID)")
            #expect(old.pathParameters.isEmpty && new.pathParameters.isEmpty, "\(v1ID) → \(v2ID)")
        }
    }

    @Test("v2 paths are matched, with custom methods after a colon")
    func matchesV2Paths() throws {
        let contacts = try #require(EndpointCatalogue.endpoint(matchingPath: "/v2/contacts"))
        #expect(contacts.endpoint.id == "v2.contacts")
        let model = try #require(EndpointCatalogue.endpoint(matchingPath: "/v2/contacts/model"))
        #expect(model.endpoint.id == "v2.contacts.model")
        let contact = try #require(EndpointCatalogue.endpoint(matchingPath: "/v2/contacts/42"))
        #expect(contact.endpoint.id == "v2.contacts.byId" && contact.pathParameters == ["contact_id": "42"])
        let commissions = try #require(EndpointCatalogue.endpoint(matchingPath: "/v2/affiliates/7:commissions"))
        #expect(commissions.endpoint.id == "v2.affiliates.commissions" && commissions.pathParameters == ["affiliate_id": "7"])
        #expect(try commissions.endpoint.resolvedPath(["affiliate_id": "7"]) == "/v2/affiliates/7:commissions")
        let affiliate = try #require(EndpointCatalogue.endpoint(matchingPath: "/v2/affiliates/7"))
        #expect(affiliate.endpoint.id == "v2.affiliates.byId")
        #expect(EndpointCatalogue.endpoint(matchingPath: "/v2/affiliates/:commissions")?.endpoint.id != "v2.affiliates.commissions")
        #expect(EndpointCatalogue.endpoint(matchingPath: "/v1/contacts")?.endpoint.id == "contacts")
        #expect(EndpointCatalogue.endpoint(matchingPath: "/v2/nothing/here") == nil)
    }

    @Test("endpoints round-trip through Codable, and JSON from before v2 still decodes")
    func codable() throws {
        let data = try JSONEncoder().encode(EndpointCatalogue.all)
        #expect(try JSONDecoder().decode([CatalogueEndpoint].self, from: data) == EndpointCatalogue.all)
        let old = Data(#"{"id":"contacts","path":"/v1/contacts","pathParameters":[],"listKey":"contacts","paged":true,"queryParameters":["email"],"summary":"List Contacts","resource":"Contact"}"#.utf8)
        let decoded = try JSONDecoder().decode(CatalogueEndpoint.self, from: old)
        #expect(decoded.paging == .offset && !decoded.deprecated && decoded.version == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(EndpointCatalogue.endpoint(id: "v2.users"))) as? [String: Any])
        #expect(object["version"] as? Int == 2 && object["cursorPaged"] as? Bool == true && object["maxPageSize"] as? Int == 100)
    }
}
