#if canImport(Glibc)
import Glibc
#endif
import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

/// A refresh into PostgreSQL killed with SIGKILL while loading and during the swap: the previous
/// tables stay whole and readable, no staging schema is left, and the history says interrupted.
@Suite(
    "PostgreSQL destination: killed refreshes", .serialized,
    .enabled(if: InfuseBinary.exists, "run `swift build` first"),
    .enabled(if: ProcessInfo.processInfo.environment["INFUSE_TEST_POSTGRES_URL"] != nil,
             "set INFUSE_TEST_POSTGRES_URL (.ci/run starts a private PostgreSQL)"))
struct PostgresCrashEndToEndTests {
    static var url: String { ProcessInfo.processInfo.environment["INFUSE_TEST_POSTGRES_URL"] ?? "" }

    /// Runs one SQL statement with psql against the test server; returns its unaligned output.
    static func psql(_ sql: String) throws -> String {
        guard let components = URLComponents(string: url) else { return "" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [
            "-X", "-A", "-t", "-h", components.host ?? "127.0.0.1", "-p", String(components.port ?? 5432),
            "-U", components.user ?? "infuse", "-d", String(components.path.dropFirst()), "-c", sql,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("SIGKILL while loading and during the swap leaves the previous PostgreSQL tables intact")
    func killedRefreshesKeepOldTables() async throws {
        let harness = try await ReliabilityHarness(sandbox: ["--records", "1500", "--latency-ms", "100", "--seed", "5"])
        defer { harness.finish() }
        try await harness.addAPIKeyAccount()
        let name = "PgCrash\(UInt16.random(in: 1000...9999))"
        let slug = TableNaming.slug(for: name)
        let table = "\(slug).\(TableNaming.tableName(source: name, schemaPath: "contacts"))"
        try await harness.createContactsSource(name, account: "Ops", maxRows: 1500, extra: ["--destination", Self.url])
        let first = try await harness.run(["refresh", name])
        try #require(first.status == 0, "\(first.stderr)")
        let census = "SELECT count(*), count(DISTINCT id), sum(id) FROM \(table)"
        let baseline = try Self.psql(census)
        #expect(baseline == "1500|1500|1125750")

        for point in [TestHooks.PausePoint.load, .swap] {
            let child = try InteractiveInfuse(
                ["refresh", name], home: harness.home.url, environment: ["INFUSE_TEST_PAUSE_AT": point.rawValue])
            _ = try await child.waitForStderr(containing: "paused at \(point.rawValue)", timeout: .seconds(60))
            kill(child.process.processIdentifier, SIGKILL)
            _ = try await child.finish(timeout: .seconds(10))
            // PostgreSQL rolls back the dead connection's transaction once it notices the socket closed.
            var staging = "1"
            for _ in 0..<50 where staging != "0" {
                staging = try Self.psql("SELECT count(*) FROM pg_namespace WHERE nspname = '\(slug)__staging'")
                if staging != "0" { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(staging == "0", "a staging schema was left after a kill at \(point.rawValue)")
            #expect(try Self.psql(census) == baseline, "tables changed after a kill at \(point.rawValue)")
            #expect(try harness.openWorkspace().lastRun(source: name)?.status == .interrupted)
        }
        let again = try await harness.run(["refresh", name])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.psql(census) == baseline)
        _ = try Self.psql("DROP SCHEMA IF EXISTS \(slug) CASCADE")
    }
}
