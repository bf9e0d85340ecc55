import Foundation
import InfuseApp
import InfuseCore
import InfuseSandbox

/// *incremental*: a v1 contacts source refreshed in full from an in-process sandbox (the
/// fetch section's latency and burst limit), then 100 contacts changed (`applyChanges`, what
/// `POST /_sandbox/changes` does) and the source refreshed again incrementally: requests and wall
/// time of each, from the runs' own details and the sandbox's request counter.
enum IncrementalSection {
    static func run(_ options: BenchOptions) async throws -> SectionOutcome {
        var configuration = SandboxConfiguration()
        configuration.records = options.fetchRecords
        configuration.seed = options.seed
        configuration.latencyMs = options.latencyMs
        let server = SandboxServer(configuration: configuration)
        let root = try await server.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("infuse-bench-incr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let outcome = try await measure(server: server, apiBase: root.appendingPathComponent("crm/rest"), directory: directory, options: options)
            await server.stop()
            return outcome
        } catch {
            await server.stop()
            throw error
        }
    }

    private static func measure(server: SandboxServer, apiBase: URL, directory: URL, options: BenchOptions) async throws -> SectionOutcome {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let paths = WorkspacePaths(directory: directory)
        let workspace = try Workspace.open(paths)
        let accounts = AccountManager(workspace: workspace, secrets: SecretsStore(fileURL: paths.secretsURL))
        _ = try await accounts.addAPIKeyAccount(name: "Bench", apiBase: apiBase, key: SandboxCredentials.apiKey)
        // Created as `infuse sources create` does: the default schemas (all but root) after a 100-row check.
        _ = try await DataSourceService(workspace: workspace, accounts: accounts).create(
            DataSource(name: "Contacts", accountName: "Bench", target: .endpoint(id: "contacts"), sync: .incremental))
        let engine = RefreshEngine(workspace: workspace, accounts: accounts)

        var requests = server.statistics().apiRequests
        let full = try await engine.refresh(sourceNamed: "Contacts", progress: nil)
        let fullRequests = server.statistics().apiRequests - requests
        guard full.details.sync == .full, full.rowsPerTable["contacts__contacts"] == options.fetchRecords else {
            throw BenchError("the full refresh loaded \(full.rowsPerTable["contacts__contacts"] ?? 0) contacts")
        }
        let changed = 100
        _ = server.applyChanges(resource: "contacts", update: changed, create: 0, delete: 0)
        requests = server.statistics().apiRequests
        let incremental = try await engine.refresh(sourceNamed: "Contacts", progress: nil)
        let incrementalRequests = server.statistics().apiRequests - requests
        guard incremental.details.sync == .incremental else { throw BenchError("the second refresh read in full: \(incremental.details.warnings)") }
        let setup = "\(options.fetchRecords) contacts, \(options.latencyMs) ms latency, \(changed) changed between the refreshes"
        return SectionOutcome(figures: [
            Figure("incremental", "full_wall_seconds", full.duration.seconds, "s", note: setup),
            Figure("incremental", "full_requests", Double(fullRequests), ""),
            Figure("incremental", "incremental_wall_seconds", incremental.duration.seconds, "s", goal: .atMost(1)),
            Figure("incremental", "incremental_requests", Double(incrementalRequests), "", goal: .atMost(3)),
            Figure("incremental", "rows_upserted", Double(incremental.details.rowsUpserted ?? 0), "",
                   note: "the changed contacts plus those within the \(Int(ChangeTime.overlap)) s overlap before the watermark"),
        ])
    }
}
