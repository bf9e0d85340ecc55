import Foundation
import InfuseSandbox
import Testing

@testable import InfuseCore

/// Helpers shared by the `KeapClient` tests against a real sandbox.
enum KeapClientTesting {
    /// A client for the sandbox's API base with the sandbox API key.
    static func client(_ apiBase: URL, _ configuration: KeapClient.Configuration = .init()) -> KeapClient {
        KeapClient(apiBase: apiBase, credentials: APIKeyCredential(key: SandboxCredentials.apiKey),
                   configuration: configuration)
    }

    /// Everything a fetch delivered.
    struct Collected: Sendable {
        var pages: [FetchedPage] = []
        var lastProgress: FetchProgress?
        var records: [[String: Any]] {
            pages.flatMap { page in
                page.records.map { range in
                    (try? JSONSerialization.jsonObject(with: Data(page.body[range]))) as? [String: Any] ?? [:]
                }
            }
        }
        var ids: [Int] { records.compactMap { ($0["id"] as? NSNumber)?.intValue } }
        var rowCount: Int { pages.reduce(0) { $0 + $1.records.count } }
    }

    /// Runs `pages` to the end and collects pages and the last progress report.
    static func collect(_ client: KeapClient, _ target: FetchTarget, maxRows: Int?) async throws -> Collected {
        let box = ProgressBox()
        var collected = Collected()
        for try await page in client.pages(target, maxRows: maxRows, progress: { box.set($0) }) {
            collected.pages.append(page)
        }
        collected.lastProgress = box.value
        return collected
    }

    static func contacts(_ query: [String: String] = [:]) -> FetchTarget {
        .endpoint(EndpointCatalogue.endpoint(id: "contacts")!, pathParameters: [:], query: query)
    }

    /// Checks ids are distinct and ascending and page offsets add up.
    static func expectWellOrdered(_ collected: Collected, sourceLocation: SourceLocation = #_sourceLocation) {
        let ids = collected.ids
        #expect(ids.count == collected.rowCount, sourceLocation: sourceLocation)
        #expect(Set(ids).count == ids.count, "duplicate ids", sourceLocation: sourceLocation)
        #expect(ids == ids.sorted(), "ids out of order", sourceLocation: sourceLocation)
        var offset = 0
        for page in collected.pages {
            #expect(page.offset == offset, sourceLocation: sourceLocation)
            offset += page.records.count
        }
    }
}

/// Keeps the latest progress report from a `@Sendable` callback.
final class ProgressBox: @unchecked Sendable {
    private let lock = NSLock()
    private var latest: FetchProgress?
    func set(_ progress: FetchProgress) { lock.withLock { latest = progress } }
    var value: FetchProgress? { lock.withLock { latest } }
}

extension KeapClientTesting {
    /// The requests an offset listing of `rows` records takes with pages of `pageSize`: the first
    /// page, then pages that each re-read the record before them (so they carry `pageSize - 1`
    /// new ones), when Keap's `count` gives the total. Written out here, apart from the pager's
    /// own arithmetic.
    static func offsetRequests(rows: Int, pageSize: Int = 1000) -> Int {
        guard rows > 0 else { return 0 }
        var requests = 1, covered = min(rows, pageSize)
        while covered < rows {
            requests += 1
            covered += pageSize - 1
        }
        return requests
    }
}
