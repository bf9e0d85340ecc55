import Foundation
import InfuseSandbox
import Testing

/// `/v2/notes`, which only Keap's newer swagger.yml lists: the same notes as v1's `/v1/notes`
/// in v2's shape, its `==` filters, its orders, the living world's changes, and no by-id route.
@Suite("Sandbox v2 notes")
struct V2NotesTests {
    @Test("v2 notes are v1's notes: same ids, titles, texts, contacts and users, in id order")
    func sameWorldAsV1() async throws {
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            let v1 = try await h.export("notes")
            let v2 = try await h.walkV2("/v2/notes?page_size=1000", key: "notes").records
            #expect(v2.map { $0["id"] as? String } == v1.map { ($0["id"] as? Int).map(String.init) })
            for (new, old) in zip(v2, v1) {
                #expect(new["title"] as? String == old["title"] as? String)
                #expect(new["text"] as? String == old["body"] as? String)
                #expect(new["type"] as? String == old["type"] as? String)
                #expect(new["contact_id"] as? String == (old["contact_id"] as? Int).map(String.init))
                #expect((new["assigned_to_user"] as? [String: Any])?["id"] as? String == (old["user_id"] as? Int).map(String.init))
            }
        }
    }

    @Test("filters: contact_id, title (anywhere, or a prefix with *), since_time; orders; bad fields are 400")
    func filters() async throws {
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            let all = try await h.export("notes")
            let contact = try #require(all.first?["contact_id"] as? Int)
            let byContact = try await h.walkV2("/v2/notes?filter=contact_id%3D%3D\(contact)", key: "notes").records
            #expect(byContact.map { $0["id"] as? String } == all.filter { $0["contact_id"] as? Int == contact }.map { v2ID($0) })
            let title = try #require(all.compactMap { $0["title"] as? String }.first)
            let word = String(title.split(separator: " ").last ?? "")
            let containing = try await h.walkV2("/v2/notes?filter=title%3D%3D\(SandboxHarness.escape(word))", key: "notes").records
            let expected = all.filter { ($0["title"] as? String)?.lowercased().contains(word.lowercased()) == true }.map { v2ID($0) }
            #expect(!expected.isEmpty && containing.map { $0["id"] as? String } == expected)
            let prefix = String(title.prefix(3))
            let prefixed = try await h.walkV2("/v2/notes?filter=title%3D%3D\(SandboxHarness.escape(prefix))%2A", key: "notes").records
            #expect(prefixed.map { $0["id"] as? String }
                == all.filter { ($0["title"] as? String)?.lowercased().hasPrefix(prefix.lowercased()) == true }.map { v2ID($0) })

            let newest = try await h.walkV2("/v2/notes?order_by=update_time%20desc&page_size=5", key: "notes", maxPages: 1).records
            let times = newest.compactMap { $0["update_time"] as? String }
            #expect(times.count == 5 && times == times.sorted(by: >))

            let bad = try await h.api("/v2/notes?filter=owner%3D%3D1")
            let problem = try v2Error(bad)
            #expect(bad.status == 400 && problem.status == "INVALID_ARGUMENT")
            #expect(try await h.api("/v2/notes/1").status == 404)
        }
    }

    @Test("an updated note moves past since_time; a deleted one leaves the list")
    func changes() async throws {
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            let before = try await h.walkV2("/v2/notes?page_size=1000", key: "notes").records
            let latest = try #require(before.compactMap { $0["update_time"] as? String }.max())
            let changed = try await h.change("notes", update: 3, delete: 1)
            #expect(changed.updated.count == 3 && changed.deleted.count == 1)
            let sinceIDs = try await h.walkV2("/v2/notes?filter=since_time%3D%3D\(SandboxHarness.escape(latest))", key: "notes").ids
            let kept = Set(changed.updated.map(String.init)).subtracting(changed.deleted.map(String.init))
            #expect(kept.isSubset(of: Set(sinceIDs)), "\(kept) not all in \(sinceIDs)")
            let after = try await h.walkV2("/v2/notes?page_size=1000", key: "notes").records
            #expect(!after.contains { $0["id"] as? String == String(changed.deleted[0]) })
            #expect(after.count == before.count - 1)
        }
    }
}
