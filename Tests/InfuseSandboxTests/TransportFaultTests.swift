import Foundation
import InfuseSandbox
import Testing

/// The sandbox's test-only export and its transport faults, over loopback HTTP.
@Suite("Sandbox: export and transport faults")
struct TransportFaultTests {
    @Test("GET /_sandbox/export?resource=contacts holds every record the list pages hold, in one answer")
    func exportMatchesTheList() async throws {
        try await SandboxHarness.with({ $0.records = 250 }) { sandbox in
            let export = try await sandbox.get("/_sandbox/export?resource=contacts").object()
            let exported = try #require(export["contacts"] as? [[String: Any]])
            #expect(export["count"] as? Int == 250 && exported.count == 250)
            var listed: [[String: Any]] = []
            for offset in stride(from: 0, to: 250, by: 100) {
                let page = try await sandbox.api("/v1/contacts?limit=100&offset=\(offset)").object()
                listed += try #require(page["contacts"] as? [[String: Any]])
            }
            #expect(listed.count == 250)
            #expect(zip(exported, listed).allSatisfy { NSDictionary(dictionary: $0) == NSDictionary(dictionary: $1) })
        }
    }

    @Test("--short-page-rate 1: half the records asked for, count and the JSON intact")
    func shortPages() async throws {
        try await SandboxHarness.with({ $0.records = 300; $0.shortPageRate = 1 }) { sandbox in
            let page = try await sandbox.api("/v1/contacts?limit=100&offset=100").object()
            #expect((page["contacts"] as? [Any])?.count == 50)
            #expect(page["count"] as? Int == 300)
        }
    }

    @Test("--html-error-rate 1: 502 or 503 with a text/html body")
    func htmlErrors() async throws {
        try await SandboxHarness.with({ $0.htmlErrorRate = 1 }) { sandbox in
            let result = try await sandbox.api("/v1/contacts?limit=5")
            #expect([502, 503].contains(result.status))
            #expect(result.header("content-type") == "text/html")
            #expect(result.text.contains("<title>50"))
        }
    }

    @Test("--paging-churn-rate 1: pages past the first come with a moved count and shifted records")
    func churn() async throws {
        try await SandboxHarness.with({ $0.records = 300; $0.pagingChurnRate = 1 }) { sandbox in
            let first = try await sandbox.api("/v1/contacts?limit=100&offset=0").object()
            #expect(first["count"] as? Int == 300, "the first page is never churned")
            let second = try await sandbox.api("/v1/contacts?limit=100&offset=100").object()
            let count = try #require(second["count"] as? Int)
            #expect(count != 300 && abs(count - 300) <= 5)
            let ids = (second["contacts"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []
            let plain = try await SandboxHarness.plainIDs(records: 300, offset: 100)
            #expect(ids.first != plain.first, "the records shifted by the created or deleted ones")
        }
    }
}

extension SandboxHarness {
    /// The ids of a 100-record page at `offset` from a sandbox without faults.
    static func plainIDs(records: Int, offset: Int) async throws -> [Int] {
        var ids: [Int] = []
        try await with({ $0.records = records }) { sandbox in
            let page = try await sandbox.api("/v1/contacts?limit=100&offset=\(offset)").object()
            ids = (page["contacts"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []
        }
        return ids
    }
}
