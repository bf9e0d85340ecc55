import Foundation
import InfuseTestSupport
import Testing

/// `infuse sources`, `refresh`, `daemon`, `import` and `export` as real processes against
/// `infuse sandbox`.
@Suite("CLI: sources, refresh, daemon, import and export", .serialized, .enabled(if: InfuseBinary.exists, "run `swift build` first"))
struct CLIRefreshEndToEndTests {
    static let apiKey = "KeapAK-sandbox-0000-demo-key"

    /// Adds the API key account `Demo` on `sandbox`.
    static func addAccount(_ sandbox: SandboxProcess, home: URL) async throws {
        let add = try await runInfuse(
            ["accounts", "add", "Demo", "--api-base", sandbox.apiBase.absoluteString, "--api-key", apiKey], home: home)
        try #require(add.status == 0, "\(add.stderr)")
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test("a refresh killed with SIGKILL halfway leaves the previous tables and an interrupted run")
    func killedRefresh() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(["--records", "6000", "--latency-ms", "700"], home: home.url)
        defer { sandbox.stop() }
        try await Self.addAccount(sandbox, home: home.url)
        let create = try await runInfuse(
            ["sources", "create", "Contacts report", "--account", "Demo", "--endpoint", "contacts", "--max-rows", "1500",
             "--schemas", "contacts,contacts.email_addresses"], home: home.url)
        try #require(create.status == 0, "\(create.stderr)")
        let first = try await runInfuse(["refresh", "Contacts report"], home: home.url)
        try #require(first.status == 0, "\(first.stderr)")
        let before = try await runInfuse(["export", "Contacts report", "--table", "contacts", "--format", "json"], home: home.url)
        let beforeRows = try #require(try Self.json(before.stdout) as? [[String: Any]])
        #expect(beforeRows.count == 1500)

        // Another refresh of the same source (700 ms per page), killed once the first page has arrived.
        var source = try #require(try Self.json(try await runInfuse(["sources", "show", "Contacts report", "--json"], home: home.url).stdout) as? [String: Any])
        #expect(source["max_rows"] as? Int == 1500)
        let process = Process()
        process.executableURL = InfuseBinary.url
        var environment = ProcessInfo.processInfo.environment
        environment["INFUSE_HOME"] = home.url.path
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.arguments = ["refresh", "Contacts report"]
        try process.run()
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("fetching: 1000") {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let after = try await runInfuse(["export", "Contacts report", "--table", "contacts", "--format", "json"], home: home.url)
        #expect(after.status == 0, "\(after.stderr)")
        let afterRows = try #require(try Self.json(after.stdout) as? [[String: Any]])
        #expect(afterRows.count == 1500)
        #expect(afterRows.compactMap { $0["id"] as? Int } == beforeRows.compactMap { $0["id"] as? Int })
        source = try #require(try Self.json(try await runInfuse(["sources", "show", "Contacts report", "--json"], home: home.url).stdout) as? [String: Any])
        let runs = try #require(source["runs"] as? [[String: Any]])
        #expect(runs.first?["status"] as? String == "interrupted")
        #expect((runs.first?["error"] as? String)?.contains("interrupted") == true)
        #expect((source["tables"] as? [String])?.contains { $0.hasSuffix("__staging") } == false)

        // The next refresh cleans up and succeeds.
        let next = try await runInfuse(["refresh", "Contacts report"], home: home.url)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("refreshed \"Contacts report\": "))
        let spools = try FileManager.default.contentsOfDirectory(atPath: home.url.path).filter { $0.hasPrefix("spool-") }
        #expect(spools.isEmpty)
    }

    @Test("`infuse daemon --once` refreshes exactly the sources that are due")
    func daemonOnce() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(["--records", "300"], home: home.url)
        defer { sandbox.stop() }
        try await Self.addAccount(sandbox, home: home.url)
        for name in ["Due contacts", "Fresh contacts"] {
            let create = try await runInfuse(
                ["sources", "create", name, "--account", "Demo", "--endpoint", "contacts", "--refresh", "1h"], home: home.url)
            try #require(create.status == 0, "\(create.stderr)")
        }
        let never = try await runInfuse(["sources", "create", "Manual tags", "--account", "Demo", "--endpoint", "tags"], home: home.url)
        try #require(never.status == 0, "\(never.stderr)")
        try #require(try await runInfuse(["refresh", "Fresh contacts"], home: home.url).status == 0)

        let daemon = try await runInfuse(["daemon", "--once"], home: home.url)
        #expect(daemon.status == 0, "\(daemon.stderr)")
        let lines = daemon.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 1)
        #expect(lines.first?.contains(#"refreshed "Due contacts": "#) == true)
        let line = lines.first ?? ""
        #expect(line.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ refreshed "Due contacts": [\d,]+ rows in 5 tables \(\d+\.\d s, [\d,]+ requests?\)"#, options: .regularExpression) != nil, "\(line)")
        let list = try #require(try Self.json(try await runInfuse(["sources", "list", "--json"], home: home.url).stdout) as? [[String: Any]])
        let status = Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as! String, $0["status"] as? String ?? "none") })
        #expect(status == ["Due contacts": "succeeded", "Fresh contacts": "succeeded", "Manual tags": "none"])
        let fresh = try #require(try Self.json(try await runInfuse(["sources", "show", "Fresh contacts", "--json"], home: home.url).stdout) as? [String: Any])
        #expect((fresh["runs"] as? [Any])?.count == 1)
        let second = try await runInfuse(["daemon", "--once"], home: home.url)
        #expect(second.stdout.contains("no data source is due"))
    }

    @Test("a PostgreSQL that is down: one clear line, the failure in the history, no retry before the next due time")
    func daemonDestinationDown() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(["--records", "300"], home: home.url)
        defer { sandbox.stop() }
        try await Self.addAccount(sandbox, home: home.url)
        let create = try await runInfuse(
            ["sources", "create", "Down pg", "--account", "Demo", "--endpoint", "contacts", "--refresh", "1h",
             "--destination", "postgres://infuse@127.0.0.1:1/infuse?sslmode=disable"], home: home.url)
        try #require(create.status == 0, "\(create.stderr)")

        let daemon = try await runInfuse(["daemon", "--once"], home: home.url)
        #expect(daemon.status == 1)
        let lines = daemon.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 1)
        #expect(lines.first?.contains(#"refresh of "Down pg" failed: "#) == true)
        #expect(lines.first?.contains("cannot reach PostgreSQL 127.0.0.1:1") == true, "\(lines)")
        let show = try #require(try Self.json(try await runInfuse(["sources", "show", "Down pg", "--json"], home: home.url).stdout) as? [String: Any])
        let runs = try #require(show["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(runs.first?["status"] as? String == "failed")
        #expect((runs.first?["error"] as? String)?.contains("cannot reach PostgreSQL") == true)
        let nextDue = try #require(show["next_due"] as? String)
        let due = try #require(ISO8601DateFormatter().date(from: nextDue))
        #expect(due.timeIntervalSinceNow > 3000, "retried an interval after the failure, not at the next check")

        let second = try await runInfuse(["daemon", "--once"], home: home.url)
        #expect(second.status == 0)
        #expect(second.stdout.contains("no data source is due"))
    }

    @Test("`infuse import` of saved pages equals a refresh; exports round-trip; bad input gives one line")
    func importAndExport() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(["--records", "1500"], home: home.url)
        defer { sandbox.stop() }
        try await Self.addAccount(sandbox, home: home.url)
        let create = try await runInfuse(["sources", "create", "Live", "--account", "Demo", "--endpoint", "contacts"], home: home.url)
        try #require(create.status == 0, "\(create.stderr)")
        try #require(try await runInfuse(["refresh", "Live"], home: home.url).status == 0)
        // Save the same records, byte for byte as Keap sent them, as two bare JSON arrays.
        let fetch = try await runInfuse(["fetch", "contacts", "--account", "Demo"], home: home.url)
        let records = try #require(try Self.json(fetch.stdout) as? [Any])
        #expect(records.count == 1500)
        var lines: [String] = []
        for line in fetch.stdout.split(separator: "\n") where line != "[" && line != "]" {
            lines.append(line.hasSuffix(",") ? String(line.dropLast()) : String(line))
        }
        #expect(lines.count == 1500)
        var files: [String] = []
        for (index, slice) in [lines[..<700], lines[700...]].enumerated() {
            let url = home.path("page\(index).json")
            try Data(("[" + slice.joined(separator: ",\n") + "]").utf8).write(to: url)
            files.append(url.path)
        }
        let schemas = "contacts,contacts.email_addresses,contacts.phone_numbers,contacts.addresses,contacts.tag_ids"
        let imported = try await runInfuse(["import", "--source", "Saved", "--account", "Demo", "--endpoint", "contacts", "--schemas", schemas] + files, home: home.url)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported \"Saved\": "))
        for schema in schemas.split(separator: ",").map(String.init) {
            let live = try await runInfuse(["export", "Live", "--table", schema, "--format", "csv"], home: home.url)
            let saved = try await runInfuse(["export", "Saved", "--table", schema, "--format", "csv"], home: home.url)
            #expect(live.status == 0 && saved.status == 0)
            #expect(Set(live.stdout.split(separator: "\r\n")) == Set(saved.stdout.split(separator: "\r\n")), "\(schema)")
            #expect(live.stdout.split(separator: "\r\n").count > 1)
        }
        let output = home.path("contacts.json")
        let export = try await runInfuse(["export", "Saved", "--table", "contacts", "--format", "json", "--output", output.path], home: home.url)
        #expect(export.status == 0)
        let exported = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [[String: Any]])
        let originals = records.compactMap { $0 as? [String: Any] }
        #expect(exported.map { $0["id"] as? Int } == originals.map { $0["id"] as? Int })
        #expect(exported.map { $0["given_name"] as? String } == originals.map { $0["given_name"] as? String })

        let bad = home.path("bad.json")
        try Data("{\"contacts\":[{\"id\":1},".utf8).write(to: bad)
        let failed = try await runInfuse(["import", "--source", "Saved", bad.path], home: home.url)
        #expect(failed.status != 0)
        #expect(failed.stderr.hasPrefix("infuse: \(bad.path): "))
        #expect(failed.stderr.split(separator: "\n").count == 1)
        let noAccount = try await runInfuse(["import", "--source", "Other", files[0]], home: home.url)
        #expect(noAccount.stderr.contains("pass --account"))
        let badField = try await runInfuse(
            ["sources", "create", "X", "--account", "Demo", "--endpoint", "contacts", "--max-rows", "0", "--refresh", "hourly-ish"], home: home.url)
        #expect(badField.status != 0)
        #expect(badField.stderr.contains("Max Rows must be") && badField.stderr.contains("Refresh Interval must be one of"))
    }
}
