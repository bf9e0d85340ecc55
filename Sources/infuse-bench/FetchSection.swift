import Foundation
import InfuseCore
import InfuseSandbox

/// *fetch*: pages the contacts from an in-process sandbox that adds `--latency-ms` to every
/// response and keeps Keap's default burst limit (25 requests a second), with the client's default
/// settings, and compares the wall time with the floor
/// `max(pages × latency ÷ concurrency, pages ÷ burst limit)`.
enum FetchSection {
    static func run(_ options: BenchOptions) async throws -> SectionOutcome {
        var configuration = SandboxConfiguration()
        configuration.records = options.fetchRecords
        configuration.seed = options.seed
        configuration.latencyMs = options.latencyMs
        let burstLimit = configuration.spikeLimitPerSecond
        let server = SandboxServer(configuration: configuration)
        let root = try await server.start()
        let clientConfiguration = KeapClient.Configuration()
        let client = KeapClient(
            apiBase: root.appendingPathComponent("crm/rest"),
            credentials: APIKeyCredential(key: SandboxCredentials.apiKey),
            configuration: clientConfiguration)
        var pages = 0
        var records = 0
        var bytes = 0
        let started = ContinuousClock.now
        do {
            for try await page in client.pages(try ContactCorpus.contactsTarget(), maxRows: nil) {
                pages += 1
                records += page.records.count
                bytes += page.body.count
            }
        } catch {
            await server.stop()
            throw error
        }
        let wall = (ContinuousClock.now - started).seconds
        let statistics = server.statistics()
        await server.stop()
        guard records == options.fetchRecords else {
            throw BenchError("fetched \(records) contacts, expected \(options.fetchRecords)")
        }
        let concurrency = Double(clientConfiguration.maxConcurrentPages)
        let latency = Double(options.latencyMs) / 1000
        let floor = max(Double(pages) * latency / concurrency, Double(pages) / Double(burstLimit))
        let setup = "\(records) contacts, \(pages) pages of \(clientConfiguration.pageSize), \(options.latencyMs) ms latency, "
            + "burst limit \(burstLimit)/s, \(clientConfiguration.maxConcurrentPages) pages in flight"
        return SectionOutcome(figures: [
            Figure("fetch", "wall_seconds", wall, "s", note: setup),
            Figure("fetch", "floor_seconds", floor, "s", note: "max(pages × latency ÷ concurrency, pages ÷ burst limit)"),
            Figure("fetch", "ratio_to_floor", wall / floor, "x", goal: .atMost(1.15)),
            Figure("fetch", "requests", Double(statistics.apiRequests), ""),
            Figure("fetch", "responses_429", Double(statistics.tooManyRequests), "", goal: .atMost(0)),
            Figure("fetch", "megabytes", Double(bytes) / 1e6, "MB"),
        ])
    }
}
