import Foundation
import InfuseCore
import InfuseSandbox

/// The benchmark's input: `contacts` Keap contacts generated from `seed`, saved as the list pages
/// Keap answers (`{"contacts":[…],"count":N,"next":…}`, 1000 per page, requested with
/// `optional_properties=custom_fields`), one file per page.
///
/// The pages come from an in-process ``SandboxServer`` over loopback (its generator is internal),
/// with its throttle opened wide so generation is quick; this part is never timed.
struct ContactCorpus {
    /// The page files, in offset order.
    var files: [URL]
    /// Their total size in bytes.
    var bytes: Int
    /// Records written.
    var records: Int

    /// Default seed, the sandbox's.
    static let defaultSeed: UInt64 = 42

    /// Writes the pages into `directory` as `contacts-00001.json`, … and returns them.
    static func write(contacts: Int, seed: UInt64 = defaultSeed, to directory: URL) async throws -> ContactCorpus {
        guard contacts > 0 else { throw BenchError("--contacts must be at least 1") }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = SandboxConfiguration()
        configuration.records = contacts
        configuration.seed = seed
        configuration.spikeLimitPerSecond = 1_000_000
        configuration.rateLimitPerMinute = 1_000_000_000
        let server = SandboxServer(configuration: configuration)
        let root = try await server.start()
        do {
            let client = contactsClient(root: root, concurrency: 2, spikeLimit: 1_000_000)
            var corpus = ContactCorpus(files: [], bytes: 0, records: 0)
            for try await page in client.pages(try contactsTarget(), maxRows: contacts) {
                let file = directory.appendingPathComponent(String(format: "contacts-%05d.json", corpus.files.count + 1))
                try Data(page.body).write(to: file)
                corpus.files.append(file)
                corpus.bytes += page.body.count
                corpus.records += page.records.count
            }
            await server.stop()
            return corpus
        } catch {
            await server.stop()
            throw error
        }
    }

    /// The page files already in `directory` (`contacts-*.json`, sorted), with their total size.
    static func existing(in directory: URL) throws -> (files: [URL], bytes: Int) {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("contacts-") && $0.hasSuffix(".json") }
            .sorted()
        let files = names.map { directory.appendingPathComponent($0) }
        let bytes = try files.reduce(0) { total, file in
            total + ((try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0)
        }
        return (files, bytes)
    }

    /// A client for a sandbox rooted at `root`, using the sandbox API key.
    static func contactsClient(root: URL, concurrency: Int, spikeLimit: Int) -> KeapClient {
        KeapClient(
            apiBase: root.appendingPathComponent("crm/rest"),
            credentials: APIKeyCredential(key: SandboxCredentials.apiKey),
            configuration: .init(maxConcurrentPages: concurrency, spikeLimitPerSecond: spikeLimit)
        )
    }

    /// `GET /v1/contacts?optional_properties=custom_fields`.
    static func contactsTarget() throws -> FetchTarget {
        guard let endpoint = EndpointCatalogue.endpoint(id: "contacts") else {
            throw BenchError("the endpoint catalogue has no `contacts` endpoint")
        }
        return .endpoint(endpoint, pathParameters: [:], query: ["optional_properties": "custom_fields"])
    }
}
