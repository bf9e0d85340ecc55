import Foundation
import InfuseSandbox
import Testing

@Suite("Sandbox v1 paging")
struct PagingTests {
    @Test func limitOffsetCountAndLinks() async throws {
        try await SandboxHarness.with({ $0.records = 250 }) { h in
            let page = try await h.api("/v1/contacts?limit=100&offset=200&order=id").object()
            let contacts = try #require(page["contacts"] as? [[String: Any]])
            #expect(contacts.count == 50)
            #expect(contacts.first?["id"] as? Int == 201)
            #expect(page["count"] as? Int == 250)
            let next = try #require(page["next"] as? String)
            #expect(next.hasPrefix(h.root + "/crm/rest/v1/contacts/?"))
            #expect(next.contains("limit=50&offset=250"))
            #expect(next.contains("order=id"))
            let previous = try #require(page["previous"] as? String)
            #expect(previous.contains("limit=100&offset=100"))
        }
    }

    @Test func defaultLimitIs1000AndLargerLimitsAreClamped() async throws {
        try await SandboxHarness.with({ $0.records = 2_500 }) { h in
            let defaulted = try await h.api("/v1/contacts").object()
            #expect((defaulted["contacts"] as? [Any])?.count == 1000)
            let clamped = try await h.api("/v1/contacts?limit=5000&offset=0").object()
            #expect((clamped["contacts"] as? [Any])?.count == 1000)
            #expect(clamped["count"] as? Int == 2_500)
        }
    }

    @Test func pastTheEndIsAnEmptyPage() async throws {
        try await SandboxHarness.with { h in
            let result = try await h.api("/v1/contacts?limit=10&offset=100000")
            #expect(result.status == 200)
            let page = try result.object()
            #expect((page["contacts"] as? [Any])?.isEmpty == true)
            #expect(page["count"] as? Int == 500)
        }
    }

    @Test func badPagingParametersAre400() async throws {
        try await SandboxHarness.with { h in
            for query in ["limit=abc", "limit=-1", "offset=-5", "offset=x1"] {
                let result = try await h.api("/v1/contacts?\(query)")
                #expect(result.status == 400, "\(query)")
                #expect(try result.object()["message"] is String)
            }
        }
    }

    @Test func walkingEveryPageVisitsEveryContactOnce() async throws {
        try await SandboxHarness.with({ $0.records = 730 }) { h in
            var seen: [Int] = []
            var offset = 0
            while true {
                let page = try await h.api("/v1/contacts?limit=200&offset=\(offset)").object()
                let rows = try #require(page["contacts"] as? [[String: Any]])
                seen += rows.compactMap { $0["id"] as? Int }
                if rows.count < 200 { break }
                offset += rows.count
            }
            #expect(seen == Array(1...730))
        }
    }

    @Test func descendingOrderReversesIds() async throws {
        try await SandboxHarness.with { h in
            let page = try await h.api("/v1/contacts?limit=3&order_direction=DESCENDING").object()
            let ids = (page["contacts"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }
            #expect(ids == [500, 499, 498])
        }
    }

    /// The last page of a large data set is generated on demand and is exactly right. (How fast
    /// is the benchmark's business, not a unit test's: wall-clock bounds fail on a loaded machine.)
    @Test func largeDataSetLastPage() async throws {
        try await SandboxHarness.with({ $0.records = 200_000 }) { h in
            let page = try await h.api("/v1/contacts?limit=1000&offset=199000").object()
            let ids = (page["contacts"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }
            #expect(ids == Array(199_001...200_000))
            #expect(page["count"] as? Int == 200_000)
        }
    }
}

@Suite("Sandbox v1 filters")
struct FilterTests {
    @Test func sinceAndUntilFilterContactsOnLastUpdated() async throws {
        try await SandboxHarness.with { h in
            let since = "2021-06-01T00:00:00.000Z"
            let until = "2022-06-01T00:00:00.000+0000"
            let page = try await h.api("/v1/contacts?since=\(since)&until=\(SandboxHarness.escape(until))").object()
            let rows = try #require(page["contacts"] as? [[String: Any]])
            let total = try #require(page["count"] as? Int)
            #expect(total == rows.count)
            #expect(total > 0 && total < 500)
            let stamps = rows.compactMap { $0["last_updated"] as? String }
            #expect(stamps.count == rows.count)
            #expect(stamps.allSatisfy { $0 >= "2021-06-01" && $0 <= "2022-06-01T00:00:00.000+0000" })
            let next = try #require(page["next"] as? String)
            #expect(next.contains("since="))

            let bad = try await h.api("/v1/contacts?since=yesterday")
            #expect(bad.status == 400)
        }
    }
}
