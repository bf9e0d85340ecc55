import AsyncHTTPClient
import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

/// `infuse sources create --sync`, `refresh` (incremental by default where the endpoint has a
/// change filter), `refresh --full` and `sources show` as real processes against a changing
/// `infuse sandbox`.
@Suite("CLI: incremental refresh", .serialized, .enabled(if: InfuseBinary.exists, "run `swift build` first"))
struct CLIIncrementalEndToEndTests {
    /// `POST /_sandbox/changes` on the sandbox process.
    static func change(_ sandbox: SandboxProcess, update: Int, create: Int, delete: Int) async throws -> [String: [Int]] {
        var request = HTTPClientRequest(url: sandbox.root.absoluteString + "/_sandbox/changes")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Connection", value: "close")
        request.body = .bytes(Array("resource=contacts&update=\(update)&create=\(create)&delete=\(delete)".utf8))
        let response = try await InfuseHTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        try #require(response.status == .ok)
        return try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: [Int]])
    }

    @Test("a contacts source is incremental by default; refreshes say what they read and changed; show and --json list it per run")
    func incrementalFromTheCLI() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(["--records", "2000", "--spike-limit", "1000"], home: home.url)
        defer { sandbox.stop() }
        try await CLIRefreshEndToEndTests.addAccount(sandbox, home: home.url)
        let create = try await runInfuse(["sources", "create", "Inc", "--account", "Demo", "--endpoint", "contacts"], home: home.url)
        try #require(create.status == 0, "\(create.stderr)")
        #expect(create.stdout.contains("sync incremental"), "\(create.stdout)")
        let refused = try await runInfuse(
            ["sources", "create", "Tags", "--account", "Demo", "--endpoint", "tags", "--sync", "incremental"], home: home.url)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("Sync: incremental needs an endpoint with a change filter"), "\(refused.stderr)")

        let first = try await runInfuse(["refresh", "Inc"], home: home.url)
        try #require(first.status == 0, "\(first.stderr)")
        #expect(!first.stdout.contains("incremental"), "the first run reads in full: \(first.stdout)")
        let changes = try await Self.change(sandbox, update: 6, create: 2, delete: 3)
        let second = try await runInfuse(["refresh", "Inc"], home: home.url)
        try #require(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.range(of: #", 1 request\); incremental: \d+ upserted"#, options: .regularExpression) != nil, "\(second.stdout)")
        let third = try await runInfuse(["refresh", "Inc", "--full"], home: home.url)
        try #require(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("; 3 deleted"), "\(third.stdout)")

        let show = try await runInfuse(["sources", "show", "Inc"], home: home.url)
        #expect(show.stdout.contains("Sync:        incremental, reconciled every 1d"), "\(show.stdout)")
        #expect(show.stdout.contains("SYNC") && show.stdout.contains("REQUESTS") && show.stdout.contains("CHANGED"))
        #expect(show.stdout.contains("3 deleted"))
        let json = try await runInfuse(["sources", "show", "Inc", "--json"], home: home.url)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["sync"] as? String == "incremental")
        #expect(object["reconcile_interval"] as? Int == 86_400)
        #expect(object["last_reconciled"] is String)
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.map { $0["sync"] as? String } == ["full", "incremental", "full"])
        #expect((runs[1]["rows_upserted"] as? Int ?? 0) >= changes["updated", default: []].count + 2)
        #expect(runs[1]["api_requests"] as? Int == 1)
        #expect(runs[0]["rows_deleted"] as? Int == 3)
        #expect(runs[2]["watermark"] is String)
        let export = try await runInfuse(["export", "Inc", "--table", "contacts", "--format", "json"], home: home.url)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 2000 + 2 - 3)
        #expect(Set(rows.compactMap { $0["id"] as? Int }).isDisjoint(with: changes["deleted", default: []]))
    }

    @Test("sources set changes a saved source's sync: refused for an endpoint without a change filter (nothing changed), then full, then incremental again")
    func setSync() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(["--records", "1200", "--spike-limit", "1000"], home: home.url)
        defer { sandbox.stop() }
        try await CLIRefreshEndToEndTests.addAccount(sandbox, home: home.url)
        for (name, endpoint) in [("Inc", "contacts"), ("Tags", "tags")] {
            let create = try await runInfuse(["sources", "create", name, "--account", "Demo", "--endpoint", endpoint], home: home.url)
            try #require(create.status == 0, "\(create.stderr)")
        }
        let refused = try await runInfuse(["sources", "set", "Tags", "--sync", "incremental"], home: home.url)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("Sync: incremental needs an endpoint with a change filter"), "\(refused.stderr)")
        let tags = try await runInfuse(["sources", "show", "Tags"], home: home.url)
        #expect(tags.stdout.contains("Sync:        full"), "\(tags.stdout)")
        let nothing = try await runInfuse(["sources", "set", "Inc"], home: home.url)
        #expect(nothing.status != 0)
        #expect(nothing.stderr.contains("give at least one of --sync"), "\(nothing.stderr)")

        let toFull = try await runInfuse(["sources", "set", "Inc", "--sync", "full"], home: home.url)
        try #require(toFull.status == 0, "\(toFull.stderr)")
        #expect(toFull.stdout.contains("sync full"), "\(toFull.stdout)")
        _ = try await runInfuse(["refresh", "Inc"], home: home.url)
        _ = try await Self.change(sandbox, update: 3, create: 1, delete: 0)
        let stillFull = try await runInfuse(["refresh", "Inc"], home: home.url)
        try #require(stillFull.status == 0, "\(stillFull.stderr)")
        #expect(!stillFull.stdout.contains("incremental"), "\(stillFull.stdout)")

        let back = try await runInfuse(["sources", "set", "Inc", "--sync", "incremental", "--reconcile-every", "3600"], home: home.url)
        try #require(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.contains("sync incremental, reconciled every 1h"), "\(back.stdout)")
        let show = try await runInfuse(["sources", "show", "Inc"], home: home.url)
        #expect(show.stdout.contains("Sync:        incremental, reconciled every 1h"), "\(show.stdout)")
        // What is read did not change, so the last (full) run's watermark still holds: the next
        // run reads only the changed records.
        _ = try await Self.change(sandbox, update: 2, create: 0, delete: 0)
        let incremental = try await runInfuse(["refresh", "Inc"], home: home.url)
        try #require(incremental.status == 0, "\(incremental.stderr)")
        #expect(incremental.stdout.range(of: #", 1 request\); incremental: \d+ upserted"#, options: .regularExpression) != nil,
                "\(incremental.stdout)")
    }
}
