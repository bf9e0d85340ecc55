import Foundation
import InfuseSandbox
import Testing

@Suite("Sandbox deterministic data")
struct DataTests {
    /// The body up to `"count"`, i.e. the list itself without the port-dependent links.
    static func listPart(_ result: HTTPResult) -> String {
        result.text.components(separatedBy: #","count":"#).first ?? ""
    }

    @Test func sameSeedSameBytesDifferentSeedDifferentBytes() async throws {
        let path = "/v1/contacts?limit=200&offset=37&optional_properties=custom_fields,job_title"
        var bodies: [String] = []
        for seed: UInt64 in [7, 7, 8] {
            try await SandboxHarness.with({ $0.seed = seed }) { h in
                let result = try await h.api(path)
                #expect(result.status == 200)
                bodies.append(Self.listPart(result))
            }
        }
        #expect(bodies[0].count > 1000)
        #expect(bodies[0] == bodies[1])
        #expect(bodies[0] != bodies[2])
    }

    @Test func listAndByIdAgree() async throws {
        try await SandboxHarness.with { h in
            let list = try await h.api("/v1/contacts?limit=1&offset=41").object()
            let fromList = try #require((list["contacts"] as? [[String: Any]])?.first)
            let byID = try await h.api("/v1/contacts/42").object()
            #expect(byID["id"] as? Int == 42)
            #expect(byID["given_name"] as? String == fromList["given_name"] as? String)
            #expect(byID["family_name"] as? String == fromList["family_name"] as? String)
            #expect(byID["tag_ids"] as? [Int] == fromList["tag_ids"] as? [Int])
            #expect(byID["last_updated"] as? String == fromList["last_updated"] as? String)
        }
    }

    @Test func customFieldsOnlyWithOptionalPropertiesAndIdsMatchModel() async throws {
        try await SandboxHarness.with { h in
            let plain = try await h.api("/v1/contacts?limit=50").object()
            let plainRows = try #require(plain["contacts"] as? [[String: Any]])
            #expect(plainRows.allSatisfy { $0["custom_fields"] == nil })
            #expect(plainRows.allSatisfy { $0["tag_ids"] is [Any] && $0["last_updated_utc_millis"] is Int })

            let model = try await h.api("/v1/contacts/model").object()
            let definitions = try #require(model["custom_fields"] as? [[String: Any]])
            let modelIDs = Set(definitions.compactMap { $0["id"] as? Int })
            #expect(modelIDs.count >= 4)

            let rich = try await h.api("/v1/contacts?limit=50&optional_properties=custom_fields").object()
            let rows = try #require(rich["contacts"] as? [[String: Any]])
            var contentKinds = Set<String>()
            for row in rows {
                let fields = try #require(row["custom_fields"] as? [[String: Any]])
                #expect(Set(fields.compactMap { $0["id"] as? Int }) == modelIDs)
                for field in fields {
                    switch field["content"] {
                    case is NSNull: contentKinds.insert("null")
                    case let string as String: contentKinds.insert(string.hasSuffix("+0000") ? "date" : "string")
                    case is NSNumber: contentKinds.insert("number")
                    default: contentKinds.insert("other")
                    }
                }
            }
            #expect(contentKinds.isSuperset(of: ["null", "date", "string", "number"]))
        }
    }

    @Test func contactsLookRealistic() async throws {
        try await SandboxHarness.with { h in
            let page = try await h.api("/v1/contacts?limit=500").object()
            let rows = try #require(page["contacts"] as? [[String: Any]])
            let names = rows.compactMap { $0["given_name"] as? String } + rows.compactMap { $0["family_name"] as? String }
            #expect(names.contains { $0.unicodeScalars.contains { !$0.isASCII } })
            #expect(names.contains { $0.contains("'") })
            let emailCounts = Set(rows.compactMap { ($0["email_addresses"] as? [Any])?.count })
            #expect(emailCounts == [0, 1, 2, 3])
            #expect(Set(rows.compactMap { ($0["phone_numbers"] as? [Any])?.count }) == [0, 1, 2])
            #expect(Set(rows.compactMap { ($0["addresses"] as? [Any])?.count }) == [0, 1, 2])
            #expect(rows.contains { $0["company"] is NSNull })
            #expect(rows.contains { ($0["company"] as? [String: Any])?["company_name"] is String })
            let tagCounts = rows.compactMap { ($0["tag_ids"] as? [Any])?.count }
            #expect(tagCounts.min() == 0 && tagCounts.max() == 5)
            let created = try #require(rows.first?["date_created"] as? String)
            #expect(created.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000$"#, options: .regularExpression) != nil)
            let notes = try await h.api("/v1/notes?limit=200").object()
            let bodies = (notes["notes"] as? [[String: Any]])?.compactMap { $0["body"] as? String } ?? []
            #expect(bodies.contains { $0.unicodeScalars.contains { $0.properties.isEmojiPresentation } })
            #expect(bodies.contains { $0.contains("\n") && $0.contains("\t") })
        }
    }

    @Test func contactSubresourcesAndTagMembershipAgree() async throws {
        try await SandboxHarness.with { h in
            // Find a contact with tags and check the tag's contacts list includes it.
            let page = try await h.api("/v1/contacts?limit=50").object()
            let rows = try #require(page["contacts"] as? [[String: Any]])
            let tagged = try #require(rows.first { ($0["tag_ids"] as? [Int])?.isEmpty == false })
            let contactID = try #require(tagged["id"] as? Int)
            let tagIDs = try #require(tagged["tag_ids"] as? [Int])

            let tags = try await h.api("/v1/contacts/\(contactID)/tags").object()
            let applied = (tags["tags"] as? [[String: Any]])?.compactMap { ($0["tag"] as? [String: Any])?["id"] as? Int }
            #expect(applied == tagIDs)
            #expect(tags["count"] as? Int == tagIDs.count)

            let members = try await h.api("/v1/tags/\(tagIDs[0])/contacts?limit=1000").object()
            let memberIDs = (members["contacts"] as? [[String: Any]])?.compactMap { ($0["contact"] as? [String: Any])?["id"] as? Int }
            #expect(memberIDs?.contains(contactID) == true)

            let emails = try await h.api("/v1/contacts/\(contactID)/emails").object()
            let emailRows = try #require(emails["emails"] as? [[String: Any]])
            #expect(!emailRows.isEmpty)
            #expect(emailRows.allSatisfy { $0["contact_id"] as? Int == contactID })
        }
    }
}
