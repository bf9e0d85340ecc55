import Foundation
import InfuseSandbox
import Testing

/// v2 `filter`, `order_by`, `fields`, `page_token` and errors, checked against the v1 records
/// of the same world (an independent path through the sandbox).
@Suite("Sandbox v2 queries")
struct V2QueryTests {
    static func escape(_ text: String) -> String { SandboxHarness.escape(text) }

    @Test func contactsMatchV1ByContent() async throws {
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            let v1 = try await h.export("contacts")
            let v2 = try await h.walkV2("/v2/contacts?page_size=1000", key: "contacts").records
            #expect(v1.count == v2.count)
            for (old, new) in zip(v1, v2) {
                #expect(v2ID(old) == new["id"] as? String)
                #expect(old["given_name"] as? String == new["given_name"] as? String)
                #expect(old["family_name"] as? String == new["family_name"] as? String)
                #expect(old["middle_name"] as? String == new["middle_name"] as? String)
                let oldEmails = (old["email_addresses"] as? [[String: Any]] ?? []).compactMap { $0["email"] as? String }
                let newEmails = (new["email_addresses"] as? [[String: Any]] ?? []).compactMap { $0["email"] as? String }
                #expect(oldEmails == newEmails)
                let oldTags = (old["tag_ids"] as? [Int] ?? []).map(String.init)
                #expect(oldTags == new["tag_ids"] as? [String] ?? [])
                let oldMillis = try #require(old["last_updated_utc_millis"] as? Int)
                #expect(Self.millis(new["update_time"] as? String) == oldMillis)
            }
            let single = try await h.api("/v2/contacts/7").object()
            let first = try #require(v2.first { $0["id"] as? String == "7" })
            #expect(single["given_name"] as? String == first["given_name"] as? String)
        }
    }

    @Test func filtersSelectWhatV1Says() async throws {
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            let v1 = try await h.export("contacts")
            let sample = try #require(v1.first { ($0["email_addresses"] as? [[String: Any]])?.isEmpty == false && $0["company"] is [String: Any] })
            let email = try #require((sample["email_addresses"] as? [[String: Any]])?.first?["email"] as? String)
            let family = try #require(sample["family_name"] as? String)
            let given = try #require(sample["given_name"] as? String)
            let companyID = try #require((sample["company"] as? [String: Any])?["id"] as? Int)

            let byEmail = try await h.walkV2("/v2/contacts?filter=\(Self.escape("email==\(email)"))", key: "contacts")
            #expect(byEmail.ids == [v2ID(sample)])

            let both = try await h.walkV2("/v2/contacts?filter=\(Self.escape("family_name==\(family);given_name==\(given)"))",
                                          key: "contacts")
            let expected = v1.filter { $0["family_name"] as? String == family && $0["given_name"] as? String == given }.map(v2ID)
            #expect(both.ids == expected)

            let company = try await h.walkV2("/v2/contacts?filter=\(Self.escape("company_id==\(companyID)"))", key: "contacts")
            let inCompany = v1.filter { ($0["company"] as? [String: Any])?["id"] as? Int == companyID }.map(v2ID)
            #expect(company.ids == inCompany)
            #expect(!inCompany.isEmpty)

            let ids = try await h.walkV2("/v2/contacts?filter=\(Self.escape("contact_ids==3,1,9"))", key: "contacts")
            #expect(ids.ids == ["1", "3", "9"])

            // Orders by contact and paid, against the v1 orders.
            let orders = try await h.export("orders")
            let someone = try #require((orders.first?["contact"] as? [String: Any])?["id"] as? Int)
            let v2Orders = try await h.walkV2("/v2/orders?filter=\(Self.escape("contact_id==\(someone)"))", key: "orders")
            #expect(v2Orders.ids == orders.filter { ($0["contact"] as? [String: Any])?["id"] as? Int == someone }.map(v2ID))
            let paid = try await h.walkV2("/v2/orders?filter=\(Self.escape("paid==true"))", key: "orders")
            #expect(paid.ids == orders.filter { $0["status"] as? String == "PAID" }.map(v2ID))

            // Tasks: completed and by contact.
            let tasks = try await h.export("tasks")
            let done = try await h.walkV2("/v2/tasks?filter=\(Self.escape("is_completed==true"))", key: "tasks")
            #expect(done.ids == tasks.filter { $0["completed"] as? Bool == true }.map(v2ID))
        }
    }

    @Test func timeFiltersAreInclusiveAndStrict() async throws {
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            let v1 = try await h.export("contacts")
            let instants = v1.compactMap { $0["last_updated_utc_millis"] as? Int }.sorted()
            let lower = instants[instants.count / 4], upper = instants[instants.count / 2]
            let filter = "start_update_time==\(Self.iso(lower));end_update_time==\(Self.iso(upper))"
            let window = try await h.walkV2("/v2/contacts?filter=\(Self.escape(filter))", key: "contacts")
            let expected = v1.filter {
                guard let millis = $0["last_updated_utc_millis"] as? Int else { return false }
                return millis >= lower && millis <= upper
            }.map(v2ID)
            #expect(window.ids == expected)
            #expect(expected.count >= instants.count / 4)
            for bad in ["start_update_time==2024-01-01", "start_update_time==2024-01-01T00:00:00Z", "start_update_time==yesterday"] {
                let result = try await h.api("/v2/contacts?filter=\(Self.escape(bad))")
                #expect(result.status == 400, "\(bad)")
                #expect(try v2Error(result).status == "INVALID_ARGUMENT")
            }
        }
    }

    @Test func orderByFieldsAndDirections() async throws {
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            let v1 = try await h.export("contacts")
            let created = v1.map { (v2ID($0), $0["date_created"] as? String ?? "") }
            let ascending = created.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : Int($0.0)! < Int($1.0)! }.map(\.0)
            let walk = try await h.walkV2("/v2/contacts?page_size=111&order_by=\(Self.escape("create_time asc"))", key: "contacts")
            #expect(walk.ids == ascending)
            let descending = try await h.walkV2("/v2/contacts?order_by=\(Self.escape("id desc"))", key: "contacts")
            #expect(descending.ids == v1.map(v2ID).reversed())
            let products = try await h.export("products")
            let byName = try await h.walkV2("/v2/products?order_by=\(Self.escape("name desc"))", key: "products")
            let names = byName.records.compactMap { $0["name"] as? String }
            #expect(names == names.sorted { $0.lowercased() > $1.lowercased() })
            #expect(Set(byName.ids) == Set(products.map(v2ID)))
            for bad in ["given_name asc", "id sideways", "id asc extra"] {
                let result = try await h.api("/v2/contacts?order_by=\(Self.escape(bad))")
                #expect(result.status == 400, "\(bad)")
                #expect(try v2Error(result).code == 400)
            }
        }
    }

    @Test func fieldsChooseWhatIsReturned() async throws {
        try await SandboxHarness.with { h in
            let page = try await h.api("/v2/contacts?page_size=5&fields=given_name,email_addresses").object()
            let contacts = try #require(page["contacts"] as? [[String: Any]])
            #expect(contacts.count == 5)
            for contact in contacts {
                #expect(Set(contact.keys).isSubset(of: ["id", "given_name", "email_addresses"]))
                #expect(contact["id"] is String && contact["given_name"] is String)
            }
            let withCustom = try await h.api("/v2/contacts/3?fields=custom_fields").object()
            let values = try #require(withCustom["custom_fields"] as? [[String: Any]])
            #expect(values.count >= 3 && values.allSatisfy { $0["id"] is String })
            let plain = try await h.api("/v2/contacts/3").object()
            #expect(plain["custom_fields"] == nil)
            #expect(plain["family_name"] is String)
            let company = try await h.api("/v2/companies?page_size=3&fields=address,update_time").object()
            for record in try #require(company["companies"] as? [[String: Any]]) {
                #expect(Set(record.keys).isSubset(of: ["id", "address", "update_time"]))
                #expect(record["update_time"] is String)
            }
            for path in ["/v2/contacts?fields=shoe_size", "/v2/contacts/1?fields=given_name,nope"] {
                let result = try await h.api(path)
                #expect(result.status == 400, "\(path)")
                #expect(try v2Error(result).status == "INVALID_ARGUMENT")
            }
        }
    }

    @Test func badTokensAndFiltersAreV2Errors() async throws {
        try await SandboxHarness.with { h in
            let first = try await h.api("/v2/contacts?page_size=10").object()
            let token = try #require(first["next_page_token"] as? String)
            #expect(!token.isEmpty)
            let tampered = String(token.dropLast(2)) + (token.hasSuffix("AA") ? "BB" : "AA")
            let bad = [
                "/v2/contacts?page_token=garbage!!", "/v2/contacts?page_token=\(Self.escape(tampered))",
                "/v2/contacts?page_size=10&filter=\(Self.escape("given_name==Ann"))&page_token=\(Self.escape(token))",
                "/v2/contacts?filter=\(Self.escape("shoe_size==9"))", "/v2/contacts?filter=\(Self.escape("given_name!=Ann"))",
                "/v2/contacts?filter=\(Self.escape("given_name>Ann"))", "/v2/contacts?filter=given_name",
                "/v2/orders?filter=\(Self.escape("contact_id==abc"))", "/v2/tasks?filter=\(Self.escape("is_completed==maybe"))",
            ]
            for path in bad {
                let result = try await h.api(path)
                #expect(result.status == 400, "\(path): \(result.text)")
                let error = try v2Error(result)
                #expect(error.code == 400 && error.status == "INVALID_ARGUMENT", "\(path)")
                #expect(!(error.message ?? "").isEmpty)
            }
            let second = try await h.api("/v2/contacts?page_size=10&page_token=\(Self.escape(token))").object()
            let ids = (second["contacts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids == (11...20).map(String.init))
            let unknown = try await h.api("/v2/nothing-here")
            #expect(unknown.status == 404)
            #expect(try v2Error(unknown).status == "NOT_FOUND")
            let unauthenticated = try await h.get("/crm/rest/v2/contacts")
            #expect(unauthenticated.status == 401)
            #expect(try errorCode(unauthenticated) == "oauth.v2.InvalidAccessToken")
        }
    }

    @Test func usersHideInactiveAndPartnersUnlessAsked() async throws {
        try await SandboxHarness.with({ $0.records = 20_000; $0.spikeLimitPerSecond = 10_000 }) { h in
            let v1 = try await h.export("users")
            #expect(v1.count == 20)
            let visible = v1.filter { $0["status"] as? String != "Inactive" && $0["partner"] as? Bool != true }.map(v2ID)
            #expect(visible.count < v1.count)
            #expect(try await h.walkV2("/v2/users?page_size=7", key: "users").ids == visible)
            let everyone = try await h.walkV2("/v2/users?filter=\(Self.escape("include_inactive==true;include_partners==true"))",
                                              key: "users")
            #expect(everyone.ids == v1.map(v2ID))
        }
    }

    @Test func quirksServeURLTokensAndATrailingEmptyPage() async throws {
        try await SandboxHarness.with({ $0.v2Quirks.nextPageTokenAsURL = true }) { h in
            let first = try await h.api("/v2/tags?page_size=5&order_by=name").object()
            let link = try #require(first["next_page_token"] as? String)
            #expect(link.hasPrefix(h.root + "/crm/rest/v2/tags?"))
            #expect(link.contains("page_size=5") && link.contains("order_by=name"))
            let relative = String(link.dropFirst((h.root + "/crm/rest").count))
            let second = try await h.api(relative).object()
            #expect((second["tags"] as? [Any])?.count == 5)
        }
        try await SandboxHarness.with({ $0.v2Quirks.emptyPageWithToken = true }) { h in
            let walk = try await h.walkV2("/v2/tags?page_size=5", key: "tags")
            let tags = try await h.export("tags")
            #expect(walk.ids == tags.map(v2ID))
            let last = try #require(walk.pages.dropLast().last)
            #expect((last["tags"] as? [Any])?.isEmpty == true, "an empty page before the end")
            #expect(!((last["next_page_token"] as? String) ?? "").isEmpty, "that still carries a token")
        }
    }

    /// `2021-03-04T05:06:07.089Z` for epoch milliseconds, formatted without floating point.
    static func iso(_ millis: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let whole = formatter.string(from: Date(timeIntervalSince1970: Double(millis / 1000)))
        return whole.dropLast() + String(format: ".%03dZ", millis % 1000)
    }

    /// Epoch milliseconds of `2021-03-04T05:06:07.089Z`.
    static func millis(_ text: String?) -> Int? {
        guard let text, text.count == 24, text.hasSuffix("Z") else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: String(text.prefix(19)) + "Z"),
              let fraction = Int(text.dropFirst(20).prefix(3)) else { return nil }
        return Int(date.timeIntervalSince1970) * 1000 + fraction
    }
}
