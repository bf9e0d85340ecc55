import Foundation
import InfuseSandbox
import Testing

/// `POST /_sandbox/changes`, the test-only export, change filters and statistics.
@Suite("Sandbox living data")
struct ChangesTests {
    static func escape(_ text: String) -> String { SandboxHarness.escape(text) }

    @Test func exportHoldsEveryRecordOfEachList() async throws {
        try await SandboxHarness.with { h in
            let sizes = h.server.dataSizes
            for (resource, count) in [("contacts", sizes.contacts), ("orders", sizes.orders), ("tags", sizes.tags),
                                      ("notes", sizes.notes), ("users", sizes.users)] {
                let records = try await h.export(resource)
                #expect(records.map { $0["id"] as? Int } == (1...count).map { $0 }, "\(resource)")
            }
            // The export is the same records as the paged v1 list.
            let page = try await h.api("/v1/contacts?limit=1000").object()
            let listed = try #require(page["contacts"] as? [[String: Any]])
            let exported = try await h.export("contacts")
            #expect(listed.map { $0["given_name"] as? String } == exported.map { $0["given_name"] as? String })
            #expect(try await h.get("/_sandbox/export?resource=nothing").status == 404)
            #expect(h.server.statistics().apiRequests == 1, "export and control routes are not API requests")
        }
    }

    @Test func changesAreDeterministicFromSeedAndCallSequence() async throws {
        var runs: [[[Int]]] = []
        for _ in 0..<2 {
            try await SandboxHarness.with { h in
                var run: [[Int]] = []
                for resource in ["contacts", "orders", "tasks"] {
                    let report = try await h.change(resource, update: 4, create: 2, delete: 3)
                    #expect(report.updated.count == 4 && report.created.count == 2 && report.deleted.count == 3)
                    #expect(Set(report.updated).isDisjoint(with: report.deleted))
                    run += [report.updated, report.created, report.deleted]
                }
                runs.append(run)
            }
        }
        #expect(runs[0] == runs[1])
        try await SandboxHarness.with { h async throws in
            #expect(try await h.post("/_sandbox/changes", form: [("resource", "planets")]).status == 400)
            #expect(try await h.post("/_sandbox/changes", form: [("update", "-1")]).status == 400)
            #expect(try await h.post("/_sandbox/changes", form: [("update", "lots")]).status == 400)
        }
    }

    @Test("add_field adds a contact custom field: /model lists it, the contacts changed from then on have it set, the others null")
    func addedCustomField() async throws {
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            func definitions(_ path: String) async throws -> [[String: Any]] {
                try #require(try await h.api(path).object()["custom_fields"] as? [[String: Any]])
            }
            let seeded = try await definitions("/v1/contacts/model")
            let response = try await h.post("/_sandbox/changes", form: [("resource", "contacts"), ("update", "4"), ("add_field", "Loyalty Points")])
            #expect(response.status == 200)
            let report = try #require(try response.object()["updated"] as? [Int])
            let v1 = try await definitions("/v1/contacts/model")
            #expect(v1.count == seeded.count + 1)
            let added = try #require(v1.last)
            #expect(added["label"] as? String == "Loyalty Points" && added["field_type"] as? String == "WholeNumber")
            let fieldID = try #require(added["id"] as? Int)
            #expect(try await definitions("/v2/contacts/model").last?["label"] as? String == "Loyalty Points")

            // v1: the updated contacts carry a whole number, every other contact a null content.
            let page = try await h.api("/v1/contacts?limit=1000&optional_properties=custom_fields").object()
            let contacts = try #require(page["contacts"] as? [[String: Any]])
            var set: [Int] = []
            for contact in contacts {
                let fields = try #require(contact["custom_fields"] as? [[String: Any]])
                let value = try #require(fields.first { $0["id"] as? Int == fieldID })
                if value["content"] is NSNull { continue }
                #expect(value["content"] is Int)
                set.append(contact["id"] as? Int ?? -1)
            }
            #expect(set.sorted() == report.sorted())
            // v2 shows the same values (content left out where null).
            let v2 = try await h.walkV2("/v2/contacts?fields=id,custom_fields", key: "contacts")
            let v2Set = v2.records.compactMap { contact -> Int? in
                let fields = contact["custom_fields"] as? [[String: Any]] ?? []
                return fields.contains { $0["id"] as? String == String(fieldID) && $0["content"] != nil } ? Int(contact["id"] as? String ?? "") : nil
            }
            #expect(v2Set.sorted() == report.sorted())
            #expect(try await h.post("/_sandbox/changes", form: [("resource", "orders"), ("add_field", "Nope")]).status == 400)
            #expect(try await h.post("/_sandbox/changes", form: [("add_field", "bad\u{1B}[31m")]).status == 400)
        }
    }

    @Test func changesShowInV1V2ExportAndById() async throws {
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            let before = try await h.export("contacts")
            let startMillis = Int(Date().timeIntervalSince1970 * 1000) - 1
            let report = try await h.change(update: 5, create: 3, delete: 4)
            let after = try await h.export("contacts")
            let beforeByID = Dictionary(uniqueKeysWithValues: before.map { ($0["id"] as? Int ?? 0, $0) })
            let afterByID = Dictionary(uniqueKeysWithValues: after.map { ($0["id"] as? Int ?? 0, $0) })
            #expect(after.count == before.count + 3 - 4)
            for id in report.deleted { #expect(afterByID[id] == nil) }
            for id in report.created {
                let record = try #require(afterByID[id])
                #expect((record["last_updated_utc_millis"] as? Int ?? 0) >= startMillis)
                #expect(record["given_name"] is String)
            }
            for id in report.updated {
                let old = try #require(beforeByID[id]), new = try #require(afterByID[id])
                #expect(old["middle_name"] as? String != new["middle_name"] as? String, "a visible field changes")
                #expect((new["last_updated_utc_millis"] as? Int ?? 0) >= startMillis)
                #expect(old["given_name"] as? String == new["given_name"] as? String)
            }
            let untouched = before.map { $0["id"] as? Int ?? 0 }.filter { !report.updated.contains($0) && !report.deleted.contains($0) }
            for id in untouched.prefix(50) {
                #expect(beforeByID[id]?["last_updated"] as? String == afterByID[id]?["last_updated"] as? String)
            }

            // v1 list and by-id.
            let v1Page = try await h.api("/v1/contacts?limit=1000").object()
            let v1IDs = (v1Page["contacts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            #expect(v1IDs == after.compactMap { $0["id"] as? Int })
            #expect(v1Page["count"] as? Int == after.count)
            #expect(try await h.api("/v1/contacts/\(report.deleted[0])").status == 404)
            #expect(try await h.api("/v1/contacts/\(report.created[0])").status == 200)

            // v2 list and by-id.
            let v2 = try await h.walkV2("/v2/contacts?page_size=100", key: "contacts")
            #expect(v2.ids == after.map(v2ID))
            let updated = try await h.api("/v2/contacts/\(report.updated[0])").object()
            #expect(updated["middle_name"] as? String == afterByID[report.updated[0]]?["middle_name"] as? String)
            #expect(try await h.api("/v2/contacts/\(report.deleted[0])").status == 404)
        }
    }

    @Test func changeFiltersFindTheChangedRecords() async throws {
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            let since = Date()
            let contacts = try await h.change(update: 6, create: 2, delete: 1)
            let orders = try await h.change("orders", update: 3, create: 1)
            let tasks = try await h.change("tasks", update: 2, create: 1)
            let companies = try await h.change("companies", update: 2, create: 1)
            let changed = (contacts.updated + contacts.created).sorted()

            // v1: since + order=last_updated.
            let iso = ISO8601DateFormatter()
            iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let sinceText = iso.string(from: since.addingTimeInterval(-1))
            let v1 = try await h.api("/v1/contacts?since=\(Self.escape(sinceText))&order=last_updated").object()
            let v1IDs = (v1["contacts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            #expect(v1IDs.sorted() == changed)
            let ordered = try await h.api("/v1/contacts?order=last_updated&order_direction=DESCENDING&limit=\(changed.count)").object()
            let newest = (ordered["contacts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            #expect(newest.sorted() == changed)

            // v2 contacts: start_update_time / order_by update_time.
            let bound = V2QueryTests.iso(Int(since.timeIntervalSince1970 * 1000) - 1000)
            let v2 = try await h.walkV2("/v2/contacts?filter=\(Self.escape("start_update_time==\(bound)"))&order_by=\(Self.escape("update_time desc"))",
                                        key: "contacts")
            #expect(v2.ids.compactMap(Int.init).sorted() == changed)
            let v2Orders = try await h.walkV2("/v2/orders?filter=\(Self.escape("modified_since_time==\(bound)"))", key: "orders")
            #expect(v2Orders.ids.compactMap(Int.init).sorted() == (orders.updated + orders.created).sorted())
            let v2Tasks = try await h.walkV2("/v2/tasks?filter=\(Self.escape("since_time==\(bound)"))", key: "tasks")
            #expect(v2Tasks.ids.compactMap(Int.init).sorted() == (tasks.updated + tasks.created).sorted())
            let v2Companies = try await h.walkV2("/v2/companies?filter=\(Self.escape("since_time==\(bound)"))", key: "companies")
            #expect(v2Companies.ids.compactMap(Int.init).sorted() == (companies.updated + companies.created).sorted())

            // Updated companies are renamed in both versions.
            let renamed = companies.updated[0]
            let v1Company = try await h.api("/v1/companies/\(renamed)").object()
            let v2Company = try await h.api("/v2/companies/\(renamed)").object()
            #expect(v1Company["company_name"] as? String == v2Company["company_name"] as? String)
            #expect((v1Company["company_name"] as? String ?? "").hasSuffix(" v2"))
        }
    }

    @Test func v2CursorsSurviveChangesBetweenPages() async throws {
        try await SandboxHarness.with { h in
            let first = try await h.api("/v2/contacts?page_size=50").object()
            let token = try #require(first["next_page_token"] as? String)
            let seen = (first["contacts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            let lastSeen = try #require(Int(seen.last ?? ""))
            _ = try await h.change(create: 3, delete: 40)
            let rest = try await h.walkV2("/v2/contacts?page_size=50&page_token=\(Self.escape(token))", key: "contacts")
            let expected = try await h.export("contacts").compactMap { $0["id"] as? Int }.filter { $0 > lastSeen }
            #expect(rest.ids.compactMap(Int.init) == expected, "nothing skipped, nothing repeated")
        }
    }

    @Test func statisticsCountAPIRequestsPerPath() async throws {
        try await SandboxHarness.with { h in
            _ = try await h.api("/v1/contacts/1")
            _ = try await h.api("/v1/contacts/2")
            _ = try await h.api("/v2/contacts?page_size=1")
            _ = try await h.change(update: 1)
            _ = try await h.get("/_sandbox/export?resource=tags")
            let stats = try await h.get("/_sandbox/stats").object()
            #expect(stats["apiRequests"] as? Int == 3)
            #expect(stats["changes"] as? Int == 1)
            let paths = try #require(stats["paths"] as? [String: Int])
            #expect(paths == ["/crm/rest/v1/contacts/{id}": 2, "/crm/rest/v2/contacts": 1])
            #expect(h.server.statistics().apiRequestsByPath == paths)
        }
    }

    @Test func churnChangesTheWorldByItself() async throws {
        try await SandboxHarness.with({ $0.churnPerMinute = 6_000 }) { h in
            let before = try await h.export("contacts")
            // Any six consecutive ticks include one that updates a contact.
            let target = h.server.statistics().changes + 6
            while h.server.statistics().changes < target {
                try await Task.sleep(for: .milliseconds(20))
            }
            let after = try await h.export("contacts")
            let shape = { (records: [[String: Any]]) in records.map { "\($0["id"] ?? "")/\($0["middle_name"] ?? "")" } }
            #expect(shape(before) != shape(after))
        }
    }
}
