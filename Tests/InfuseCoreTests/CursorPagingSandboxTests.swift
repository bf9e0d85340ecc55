import AsyncHTTPClient
import Foundation
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// v2 cursor paging against a real sandbox: Max Rows exact, the wild oddities of
/// `next_page_token`, and the records compared with the sandbox's own export.
@Suite("Cursor paging against the sandbox")
struct CursorPagingSandboxTests {
    static func v2Contacts(_ query: [String: String] = [:]) throws -> FetchTarget {
        .endpoint(try #require(EndpointCatalogue.endpoint(id: "v2.contacts")), pathParameters: [:], query: query)
    }

    @Test("Max Rows gives exactly that many contacts, the sandbox's own, in id order", arguments: [
        Optional(1), 999, 1000, 1001, 2600, 5000, nil,
    ])
    func maxRows(_ maxRows: Int?) async throws {
        try await withSandbox({ $0.records = 2600 }) { server, root, apiBase in
            let expected = try await SandboxExport.records(root: root, resource: "contacts")
            #expect(expected.count == 2600)
            let client = KeapClientTesting.client(apiBase)
            let before = server.statistics().apiRequests
            let collected = try await KeapClientTesting.collect(client, try Self.v2Contacts(), maxRows: maxRows)
            let count = min(maxRows ?? .max, expected.count)
            #expect(collected.rowCount == count)
            try SandboxExport.expectSameContacts(collected.records, Array(expected.prefix(count)))
            let requests = server.statistics().apiRequests - before
            #expect(requests == (count + 999) / 1000, "requests: \(requests)")
            #expect(collected.pages.allSatisfy { $0.records.count <= 1000 })
            #expect(collected.lastProgress?.rowsFetched == count)
            #expect(collected.lastProgress?.totalRows == count)
            #expect(collected.lastProgress?.warnings == [])
            var offset = 0
            for page in collected.pages {
                #expect(page.offset == offset && page.totalCount == nil)
                offset += page.records.count
            }
        }
    }

    @Test("small pages: page_size is min(page limit, rows still wanted)")
    func smallPages() async throws {
        try await withSandbox({ $0.records = 300 }) { server, root, apiBase in
            let expected = try await SandboxExport.records(root: root, resource: "contacts")
            let client = KeapClientTesting.client(apiBase, .init(pageSize: 40))
            let before = server.statistics().apiRequests
            let collected = try await KeapClientTesting.collect(client, try Self.v2Contacts(), maxRows: 101)
            #expect(collected.pages.map(\.records.count) == [40, 40, 21])
            #expect(server.statistics().apiRequests - before == 3)
            try SandboxExport.expectSameContacts(collected.records, Array(expected.prefix(101)))
        }
    }

    @Test("a next_page_token given as a full URL on the API host is followed by its token",
          arguments: [(true, false), (false, true), (true, true)])
    func oddities(_ tokenAsURL: Bool, _ emptyPage: Bool) async throws {
        try await withSandbox({
            $0.records = 2100
            $0.v2Quirks.nextPageTokenAsURL = tokenAsURL
            $0.v2Quirks.emptyPageWithToken = emptyPage
        }) { server, root, apiBase in
            let expected = try await SandboxExport.records(root: root, resource: "contacts")
            let client = KeapClientTesting.client(apiBase)
            let before = server.statistics().apiRequests
            let collected = try await KeapClientTesting.collect(client, try Self.v2Contacts(), maxRows: nil)
            #expect(collected.rowCount == expected.count)
            try SandboxExport.expectSameContacts(collected.records, expected)
            let requests = server.statistics().apiRequests - before
            // Three pages of records; with the empty-page oddity also the empty pages it adds
            // (followed, within the bound), which are not delivered.
            if emptyPage {
                #expect(requests > 3 && requests <= 3 + CursorPager.maxEmptyPagesInARow, "requests: \(requests)")
            } else {
                #expect(requests == 3, "requests: \(requests)")
            }
            #expect(collected.pages.count == 3)
            // Max Rows still exact with the oddities on.
            let some = try await KeapClientTesting.collect(client, try Self.v2Contacts(), maxRows: 1001)
            #expect(some.rowCount == 1001)
            try SandboxExport.expectSameContacts(some.records, Array(expected.prefix(1001)))
        }
    }

    @Test("a token URL on another host is refused with a clear error and never requested")
    func foreignHostToken() async throws {
        try await withSandbox({
            $0.records = 1500
            $0.v2Quirks.nextPageTokenAsURL = true
        }) { server, _, apiBase in
            // The sandbox writes its token URLs on 127.0.0.1; an account on `localhost` (the same
            // server under another host name) must not send its key there.
            var components = try #require(URLComponents(url: apiBase, resolvingAgainstBaseURL: false))
            #expect(components.host == "127.0.0.1")
            components.host = "localhost"
            let client = KeapClientTesting.client(try #require(components.url))
            let before = server.statistics().apiRequests
            var delivered = 0
            var refused: KeapAPIError?
            do {
                for try await page in client.pages(try Self.v2Contacts(), maxRows: nil) { delivered += page.records.count }
            } catch let error as KeapAPIError {
                refused = error
            }
            let error = try #require(refused)
            guard case .refusedPageToken = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(error.userMessage.contains("127.0.0.1") && error.userMessage.contains("not followed"))
            #expect(!error.userMessage.contains("page_token="))
            // The page whose token was refused is not delivered: a refresh fails as a whole.
            #expect(delivered == 0)
            // Only the first page was asked for; the URL in its token never was.
            #expect(server.statistics().apiRequests - before == 1)
        }
    }

    @Test("a custom /v2/ URL on the base pages like its endpoint, keeping its filters")
    func customURL() async throws {
        try await withSandbox({ $0.records = 300 }) { _, root, apiBase in
            let expected = try await SandboxExport.records(root: root, resource: "contacts")
            let client = KeapClientTesting.client(apiBase, .init(pageSize: 50))
            let url = try #require(URL(string: apiBase.absoluteString + "/v2/contacts?order_by=id%20desc&page_size=7"))
            let collected = try await KeapClientTesting.collect(client, .url(url), maxRows: 120)
            #expect(collected.pages.map(\.records.count) == [50, 50, 20])
            try SandboxExport.expectSameContacts(collected.records, Array(expected.reversed().prefix(120)))
        }
    }
}

/// The sandbox's own records from its test-only `GET /_sandbox/export` (written straight from its
/// world in the v1 shape, not through any paging code), to compare v2 answers with.
enum SandboxExport {
    /// Every live record of `resource`, in id order.
    static func records(root: URL, resource: String) async throws -> [[String: Any]] {
        var request = HTTPClientRequest(url: root.appendingPathComponent("_sandbox/export").absoluteString + "?resource=\(resource)")
        request.method = .GET
        let response = try await InfuseHTTPClient.shared.execute(request, timeout: .seconds(60))
        #expect(response.status == .ok)
        let body = try await response.body.collect(upTo: 256 * 1_048_576)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
        let list = try #require(object[resource] as? [[String: Any]])
        return list.sorted { id($0) < id($1) }
    }

    /// A record's id as an integer (v1 writes numbers, v2 strings).
    static func id(_ record: [String: Any]) -> Int {
        if let number = record["id"] as? NSNumber { return number.intValue }
        return (record["id"] as? String).flatMap { Int($0) } ?? -1
    }

    static func emails(_ record: [String: Any]) -> Set<String> {
        Set(((record["email_addresses"] as? [[String: Any]]) ?? []).compactMap { $0["email"] as? String })
    }

    /// v2 contacts against exported v1 contacts: same ids in the same order, no id twice, and the
    /// same names and e-mail addresses.
    static func expectSameContacts(
        _ v2: [[String: Any]], _ exported: [[String: Any]], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let ids = v2.map(id)
        #expect(Set(ids).count == ids.count, "duplicate ids", sourceLocation: sourceLocation)
        #expect(ids == exported.map(id), sourceLocation: sourceLocation)
        #expect(v2.allSatisfy { $0["id"] is String }, "v2 ids are strings", sourceLocation: sourceLocation)
        for (new, old) in zip(v2, exported) {
            #expect(new["given_name"] as? String == old["given_name"] as? String, "\(id(old))", sourceLocation: sourceLocation)
            #expect(new["family_name"] as? String == old["family_name"] as? String, "\(id(old))", sourceLocation: sourceLocation)
            #expect(emails(new) == emails(old), "\(id(old))", sourceLocation: sourceLocation)
        }
    }
}
