import Foundation
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// Paging to Max Rows against a real sandbox with 2600 contacts.
@Suite("Paging against the sandbox")
struct PagingSandboxTests {
    @Test("Max Rows gives exactly that many distinct contacts in order", arguments: [
        Optional(0), 1, 999, 1000, 1001, 2500, 2600, 5000, nil,
    ])
    func maxRows(_ maxRows: Int?) async throws {
        try await withSandbox({ $0.records = 2600 }) { server, _, apiBase in
            let client = KeapClientTesting.client(apiBase)
            let before = server.statistics().apiRequests
            let collected = try await KeapClientTesting.collect(client, KeapClientTesting.contacts(), maxRows: maxRows)
            let expected = min(maxRows ?? 2600, 2600)
            #expect(collected.rowCount == expected)
            KeapClientTesting.expectWellOrdered(collected)
            let requests = server.statistics().apiRequests - before
            #expect(requests == KeapClientTesting.offsetRequests(rows: expected), "requests: \(requests)")
            if expected > 0 {
                #expect(collected.pages.first?.totalCount == 2600)
                #expect(collected.lastProgress?.rowsFetched == expected)
                #expect(collected.lastProgress?.totalRows == expected)
                #expect(collected.lastProgress?.retries == 0)
            } else {
                #expect(collected.pages.isEmpty)
            }
        }
    }

    @Test("small pages are fetched concurrently yet delivered in offset order")
    func concurrentSmallPages() async throws {
        try await withSandbox({ $0.records = 730; $0.latencyMs = 5 }) { server, _, apiBase in
            let client = KeapClientTesting.client(apiBase, .init(maxConcurrentPages: 6, pageSize: 50, spikeLimitPerSecond: 200))
            let collected = try await KeapClientTesting.collect(client, KeapClientTesting.contacts(), maxRows: nil)
            #expect(collected.rowCount == 730)
            #expect(collected.pages.count == KeapClientTesting.offsetRequests(rows: 730, pageSize: 50))
            // The first page holds 50 records, each later one 49 new ones (it re-reads the record before it).
            #expect(collected.pages.first?.records.count == 50)
            #expect(collected.pages.dropFirst().dropLast().allSatisfy { $0.records.count == 49 })
            KeapClientTesting.expectWellOrdered(collected)
            // One request per page, plus any the client retried (a loaded machine can time one out).
            #expect(server.statistics().apiRequests == KeapClientTesting.offsetRequests(rows: 730, pageSize: 50) + (collected.lastProgress?.retries ?? 0))
        }
    }

    @Test("filters are passed through and a custom URL on the base pages like its endpoint")
    func customURL() async throws {
        try await withSandbox({ $0.records = 300 }) { _, _, apiBase in
            let client = KeapClientTesting.client(apiBase, .init(pageSize: 40))
            let url = try #require(URL(string: apiBase.absoluteString + "/v1/contacts?order_direction=DESCENDING&offset=10&limit=3"))
            let collected = try await KeapClientTesting.collect(client, .url(url), maxRows: 100)
            #expect(collected.rowCount == 100)
            let ids = collected.ids
            #expect(Set(ids).count == 100)
            #expect(ids == ids.sorted(by: >))
            let all = try await KeapClientTesting.collect(
                client, KeapClientTesting.contacts(["order_direction": "DESCENDING"]), maxRows: 110)
            #expect(Array(all.ids.dropFirst(10)) == ids)
        }
    }

    @Test("a non-paged endpoint gives one page holding the object")
    func nonPaged() async throws {
        try await withSandbox({ $0.records = 50 }) { server, _, apiBase in
            let client = KeapClientTesting.client(apiBase)
            let endpoint = try #require(EndpointCatalogue.endpoint(id: "account.profile"))
            let collected = try await KeapClientTesting.collect(client, .endpoint(endpoint, pathParameters: [:], query: [:]), maxRows: 10)
            #expect(collected.pages.count == 1)
            #expect(collected.rowCount == 1)
            let profile = try #require(collected.records.first)
            #expect(profile["name"] != nil || profile["email"] != nil)
            #expect(server.statistics().apiRequests == 1)
        }
    }

    @Test("a by-id endpoint fills its path parameter")
    func byID() async throws {
        try await withSandbox({ $0.records = 50 }) { _, _, apiBase in
            let client = KeapClientTesting.client(apiBase)
            let first = try await KeapClientTesting.collect(client, KeapClientTesting.contacts(), maxRows: 1)
            let id = try #require(first.ids.first)
            let endpoint = try #require(EndpointCatalogue.endpoint(id: "contacts.byId"))
            let one = try await KeapClientTesting.collect(client, .endpoint(endpoint, pathParameters: ["id": "\(id)"], query: [:]), maxRows: nil)
            #expect(one.ids == [id])
        }
    }

    @Test("stopping early cancels the rest")
    func earlyStop() async throws {
        try await withSandbox({ $0.records = 2600 }) { _, _, apiBase in
            let client = KeapClientTesting.client(apiBase, .init(pageSize: 100))
            var seen = 0, pages = 0
            for try await page in client.pages(KeapClientTesting.contacts(), maxRows: nil, progress: nil) {
                seen += page.records.count
                pages += 1
                if pages == 3 { break }
            }
            // The first page holds 100 new records, each later one 99 (it re-reads the record before it).
            #expect(seen == 100 + 99 + 99)
        }
    }
}
