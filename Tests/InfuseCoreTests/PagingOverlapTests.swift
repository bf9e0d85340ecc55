import Foundation
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// Offset paging re-reads the record before each page, so records created or deleted ahead of
/// the listing's offset are noticed even when `count` stays the same.
@Suite("Paging overlap")
struct PagingOverlapTests {
    @Test("as many records deleted before the offset as created after it: count stays, the listing is refused, never a gap")
    func equalDeletesAndCreates() async throws {
        try await withSandbox({ $0.records = 1000; $0.spikeLimitPerSecond = 10_000 }) { server, _, apiBase in
            let client = KeapClientTesting.client(apiBase, .init(maxConcurrentPages: 1, pageSize: 100))
            let once = OnceFlag()
            var delivered: [Int] = []
            var caught: KeapAPIError?
            do {
                // The progress call comes after a page is handed over and before the next one is
                // asked for: ids 5 and 6 (on page 1) go, two new records come at the end.
                let stream = client.pages(KeapClientTesting.contacts(), maxRows: nil) { progress in
                    if progress.pagesFetched == 1, once.take() {
                        _ = server.applyChanges(resource: "contacts", update: 0, create: 2, delete: 0, deleteIDs: [5, 6])
                    }
                }
                for try await page in stream {
                    delivered += page.records.map { Self.id(page.body[$0]) }
                }
            } catch let error as KeapAPIError {
                caught = error
            }
            let error = try #require(caught, "the shift must be noticed; delivered \(delivered.count) records")
            #expect(error == .shiftedWhilePaging(offset: 99, expected: "100", found: "102"), "\(error)")
            #expect(error.userMessage.contains("changed while paging"))
            #expect(delivered == Array(1...100), "only the first page was handed over")
        }
    }

    @Test("a listing that does not move reads every record once, in order, the pages overlapping by one record")
    func steadyListing() async throws {
        try await withSandbox({ $0.records = 1000; $0.spikeLimitPerSecond = 10_000 }) { server, root, apiBase in
            let client = KeapClientTesting.client(apiBase, .init(maxConcurrentPages: 3, pageSize: 100))
            let before = server.statistics().apiRequests
            let collected = try await KeapClientTesting.collect(client, KeapClientTesting.contacts(), maxRows: nil)
            KeapClientTesting.expectWellOrdered(collected)
            #expect(server.statistics().apiRequests - before == KeapClientTesting.offsetRequests(rows: 1000, pageSize: 100))
            // Each page body is still one valid JSON document holding exactly its own records.
            for page in collected.pages {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(page.body)) as? [String: Any])
                let listed = try #require(object["contacts"] as? [[String: Any]])
                #expect(listed.compactMap { ($0["id"] as? NSNumber)?.intValue } == page.records.map { Self.id(page.body[$0]) })
            }
            // By content: the records equal the sandbox's own export.
            let exported = try await SandboxExport.records(root: root, resource: "contacts")
            #expect(collected.records.count == exported.count)
            for (mine, theirs) in zip(collected.records, exported) {
                let differing = Set(mine.keys).union(theirs.keys).filter {
                    !((mine[$0] as? NSObject)?.isEqual(theirs[$0]) ?? (theirs[$0] == nil))
                }
                #expect(differing.isEmpty, "record \(SandboxExport.id(mine)) differs in \(differing.sorted())")
            }
        }
    }

    @Test("dropping the re-read record keeps the page valid JSON with the other records' ranges")
    func removingFirstRecord() throws {
        for text in [#"{"contacts":[{"id":1},{"id":2,"a":[1,2]} , {"id":3}],"count":3}"#, #"{"contacts":[ {"id":7} ],"count":1}"#] {
            let body = Array(text.utf8)
            let scan = try JSONPageScan.scan(body, locate: .listKey("contacts"))
            let (trimmed, records) = Pager.removingFirstRecord(body, scan.records)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(trimmed)) as? [String: Any])
            let listed = try #require(object["contacts"] as? [[String: Any]])
            #expect(listed.count == scan.records.count - 1)
            #expect(records.map { String(decoding: trimmed[$0], as: UTF8.self) } == scan.records.dropFirst().map { String(decoding: body[$0], as: UTF8.self) })
        }
    }

    static func id(_ bytes: ArraySlice<UInt8>) -> Int {
        ((try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any])?["id"] as? Int ?? -1
    }
}
