import Foundation
import InfuseSandbox
import Testing

/// Every v2 list, object and model the sandbox serves conforms to `Specs/2025-11-05-v2.json`,
/// page after page, and the pages together hold exactly the world's records.
@Suite("Sandbox v2 spec conformance")
struct V2SpecConformanceTests {
    /// (spec path, list key, export resource whose records are the same ones, page size).
    static let lists: [(path: String, key: String, export: String?, pageSize: Int)] = [
        ("/v2/contacts", "contacts", "contacts", 70),
        ("/v2/companies", "companies", "companies", 20),
        ("/v2/opportunities", "opportunities", "opportunities", 40),
        ("/v2/orders", "orders", "orders", 90),
        ("/v2/products", "products", "products", 4),
        ("/v2/tags", "tags", "tags", 5),
        ("/v2/tasks", "tasks", "tasks", 50),
        ("/v2/campaigns", "campaigns", "campaigns", 2),
        ("/v2/emails", "emails", "emails", 200),
        ("/v2/subscriptions", "subscriptions", "subscriptions", 10),
        ("/v2/affiliates", "affiliates", "affiliates", 2),
        ("/v2/users", "users", nil, 2),
        ("/v2/leadSources", "lead_sources", nil, 6),
        ("/v2/notes", "notes", "notes", 40),  // only in the newer swagger.yml
    ]

    @Test func checkerTellsBooleansFromNumbers() throws {
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(#"[true, 1, 0, 1.5, "x"]"#.utf8)) as? [Any])
        #expect(SpecSchemaChecker.isBoolean(parsed[0]))
        #expect(!SpecSchemaChecker.isBoolean(parsed[1]))
        #expect(!SpecSchemaChecker.isBoolean(parsed[2]))
        let checker = try SpecSchemaChecker.load("2025-11-05-v2.json")
        #expect(!checker.violations(of: parsed[1], against: ["type": "boolean"]).isEmpty)
        #expect(!checker.violations(of: parsed[3], against: ["type": "integer"]).isEmpty)
        #expect(!checker.violations(of: parsed[4], against: ["type": "string", "enum": ["y"]]).isEmpty)
        #expect(!checker.violations(of: NSNull(), against: ["type": "string"]).isEmpty)
        #expect(checker.violations(of: NSNull(), against: ["type": "string", "nullable": true]).isEmpty)
        let closed: [String: Any] = ["type": "object", "required": ["id"], "additionalProperties": false,
                                     "properties": ["id": ["type": "string"]]]
        #expect(checker.violations(of: ["id": "1"], against: closed).isEmpty)
        #expect(!checker.violations(of: ["id": "1", "x": 1], against: closed).isEmpty)
        #expect(!checker.violations(of: [String: Any](), against: closed).isEmpty)
    }

    @Test func everyListConformsPageAfterPageAndHoldsTheWorld() async throws {
        let dated = try SpecSchemaChecker.load("2025-11-05-v2.json")
        let newer = try SpecSchemaChecker.load("swagger.yml")
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            for list in Self.lists {
                // The dated spec where it has the path, else swagger.yml (resources added since).
                let checker = (try? dated.responseSchema(get: list.path)) != nil ? dated : newer
                let schema = try checker.responseSchema(get: list.path)
                let walk = try await h.walkV2("\(list.path)?page_size=\(list.pageSize)", key: list.key)
                #expect(walk.pages.count >= 2, "\(list.path) should span pages")
                for (number, page) in walk.pages.enumerated() {
                    let problems = checker.violations(of: page, against: schema)
                    #expect(problems.isEmpty, "\(list.path) page \(number): \(problems.prefix(5))")
                    #expect(page["next_page_token"] is String, "\(list.path) page \(number) has no next_page_token")
                    #expect(page["count"] == nil, "v2 pages carry no total")
                    #expect(Self.badTimes(page).isEmpty, "\(list.path): \(Self.badTimes(page).prefix(3))")
                }
                #expect((walk.pages.last?["next_page_token"] as? String) == "")
                #expect(Set(walk.ids).count == walk.ids.count, "\(list.path) repeated ids")
                if let resource = list.export {
                    let world = try await h.export(resource)
                    #expect(walk.ids == world.map(v2ID), "\(list.path) ids differ from the world's")
                }
            }
        }
    }

    @Test func byIDModelsAndUserInfoConform() async throws {
        let checker = try SpecSchemaChecker.load("2025-11-05-v2.json")
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            let objects = [
                ("/v2/contacts/{contact_id}", "/v2/contacts/"), ("/v2/companies/{company_id}", "/v2/companies/"),
                ("/v2/opportunities/{opportunity_id}", "/v2/opportunities/"), ("/v2/orders/{order_id}", "/v2/orders/"),
                ("/v2/products/{product_id}", "/v2/products/"), ("/v2/tags/{tag_id}", "/v2/tags/"),
                ("/v2/tasks/{task_id}", "/v2/tasks/"), ("/v2/users/{user_id}", "/v2/users/"),
                ("/v2/campaigns/{campaign_id}", "/v2/campaigns/"), ("/v2/emails/{id}", "/v2/emails/"),
                ("/v2/subscriptions/{subscription_id}", "/v2/subscriptions/"), ("/v2/affiliates/{id}", "/v2/affiliates/"),
                ("/v2/leadSources/{lead_source_id}", "/v2/leadSources/"),
            ]
            for (template, prefix) in objects {
                let schema = try checker.responseSchema(get: template)
                for id in [1, 2, 3] {
                    let result = try await h.api("\(prefix)\(id)")
                    #expect(result.status == 200, "\(prefix)\(id): \(result.text)")
                    let object = try result.object()
                    #expect(object["id"] as? String == String(id))
                    let problems = checker.violations(of: object, against: schema)
                    #expect(problems.isEmpty, "\(prefix)\(id): \(problems.prefix(5))")
                }
                let missing = try await h.api("\(prefix)999999")
                #expect(missing.status == 404)
                #expect(try v2Error(missing).status == "NOT_FOUND")
            }
            for (template, path) in [("/v2/contacts/model", "/v2/contacts/model"), ("/v2/orders/model", "/v2/orders/model"),
                                     ("/v2/oauth/connect/userinfo", "/v2/oauth/connect/userinfo")] {
                let result = try await h.api(path)
                #expect(result.status == 200, "\(path): \(result.text)")
                let problems = checker.violations(of: try result.json(), against: try checker.responseSchema(get: template))
                #expect(problems.isEmpty, "\(path): \(problems.prefix(5))")
            }
            let model = try await h.api("/v2/contacts/model").object()
            let definitions = try #require(model["custom_fields"] as? [[String: Any]])
            #expect(definitions.count >= 3)
            #expect(definitions.allSatisfy { $0["id"] is String })
        }
    }

    @Test func pageSizeDefaultsAndMaximaFollowTheSpec() async throws {
        let checker = try SpecSchemaChecker.load("2025-11-05-v2.json")
        try await SandboxHarness.with({ $0.records = 1_200; $0.spikeLimitPerSecond = 10_000 }) { h in
            for (path, key) in [("/v2/contacts", "contacts"), ("/v2/users", "users"), ("/v2/emails", "emails")] {
                let declared = checker.parameter(get: path, "page_size")?["schema"] as? [String: Any]
                let maximum = try #require(declared?["maximum"] as? Int)
                let minimum = try #require(declared?["minimum"] as? Int)
                let page = try await h.api(path).object()
                let records = try #require(page[key] as? [[String: Any]])
                let total = try await h.walkV2("\(path)?page_size=\(maximum)", key: key).records.count
                #expect(records.count == min(maximum, total), "\(path) default page")
                #expect(try await h.api("\(path)?page_size=\(maximum)").status == 200)
                for bad in [String(maximum + 1), String(minimum - 1), "-5", "ten"] {
                    let result = try await h.api("\(path)?page_size=\(bad)")
                    #expect(result.status == 400, "\(path)?page_size=\(bad)")
                    let error = try v2Error(result)
                    #expect(error.code == 400)
                    #expect(error.status == "INVALID_ARGUMENT")
                }
            }
        }
    }

    /// Values of `*_time` properties that are not ISO 8601 with milliseconds and `Z`.
    static func badTimes(_ value: Any, key: String = "") -> [String] {
        if let object = value as? [String: Any] {
            return object.flatMap { badTimes($0.value, key: $0.key) }
        }
        if let array = value as? [Any] {
            return array.flatMap { badTimes($0, key: key) }
        }
        guard key.hasSuffix("_time") || key == "date_created" || key == "published_date", let text = value as? String else {
            return []
        }
        let pattern = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"#
        return text.range(of: pattern, options: .regularExpression) == nil ? ["\(key)=\(text)"] : []
    }
}
