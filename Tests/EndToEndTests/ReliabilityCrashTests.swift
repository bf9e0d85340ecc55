#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import InfuseCore
import InfuseTestSupport
import Testing

/// SIGKILL at chosen and random points of refreshes, a nearly full database, and corrupt files.
@Suite("Reliability: crashes, disk and corruption", .serialized, .enabled(if: InfuseBinary.exists, "run `swift build` first"))
struct ReliabilityCrashTests {
    /// Starts `infuse refresh SOURCE`, kills it with SIGKILL once it pauses at `point` (or after
    /// `delay` when `point` is nil) and reports whether it was still running when killed.
    private func killedRefresh(
        _ harness: ReliabilityHarness, source: String, point: TestHooks.PausePoint?, delay: Duration = .zero
    ) async throws -> Bool {
        var environment: [String: String] = [:]
        if let point { environment["INFUSE_TEST_PAUSE_AT"] = point.rawValue }
        let child = try InteractiveInfuse(["refresh", source], home: harness.home.url, environment: environment)
        if let point {
            _ = try await child.waitForStderr(containing: "paused at \(point.rawValue)", timeout: .seconds(60))
        } else {
            try await Task.sleep(for: delay)
        }
        let wasRunning = child.process.isRunning
        kill(child.process.processIdentifier, SIGKILL)
        let output = try await child.finish(timeout: .seconds(10))
        harness.ledger.record("killed infuse refresh", output)
        return wasRunning
    }

    @Test("20 refreshes killed while fetching, loading, swapping and writing secrets.json, and at random moments")
    func killedRefreshes() async throws {
        ReliabilityReport.begin("crash-sigkill", description: "SIGKILL during fetch/load/swap (4 each), 4 random, 4 secrets.json writes")
        let harness = try await ReliabilityHarness(sandbox: ["--records", "3000", "--latency-ms", "300", "--seed", "11"])
        defer { harness.finish() }
        try await harness.addAPIKeyAccount()
        try await harness.createContactsSource("Crashy", account: "Ops", maxRows: 3000)
        let setup1 = try await harness.run(["refresh", "Crashy"])
        try #require(setup1.status == 0, "\(setup1.stderr)")
        let baseline = try #require(try harness.contactsTable(of: "Crashy"))
        try #require(baseline.rows == 3000)

        var plan: [(point: TestHooks.PausePoint?, delay: Duration)] = []
        for point in [TestHooks.PausePoint.fetch, .load, .swap] { plan += Array(repeating: (point, .zero), count: 4) }
        var generator = SplitMix64(seed: 2024)
        for _ in 0..<4 { plan.append((nil, .milliseconds(100 + Int(generator.next() % 1400)))) }
        var problems: [String] = []
        var lost = 0, duplicated = 0, partial = 0, interrupted = 0
        for (index, step) in plan.enumerated() {
            let killedWhileRunning = try await killedRefresh(harness, source: "Crashy", point: step.point, delay: step.delay)
            let label = "kill \(index) at \(step.point?.rawValue ?? "random \(step.delay)")"
            let workspace = try harness.openWorkspace()
            let census = try #require(try harness.contactsTable(of: "Crashy"))
            if census != baseline {
                problems.append("\(label): table changed (\(census.rows) rows, \(census.ids.count) distinct, \(census.integrity))")
                lost += max(0, baseline.rows - census.ids.count)
                duplicated += census.duplicates
                partial += 1
            }
            let run = try workspace.lastRun(source: "Crashy")
            if killedWhileRunning {
                interrupted += 1
                if run?.status != .interrupted { problems.append("\(label): history says \(run?.status.rawValue ?? "nothing")") }
            }
            let secrets = try Data(contentsOf: harness.secretsURL)
            if (try? JSONSerialization.jsonObject(with: secrets)) == nil { problems.append("\(label): secrets.json is not JSON") }
            let probe = try await harness.run(["fetch", "contacts", "--account", "Ops", "--max-rows", "1"])
            if probe.status != 0 { problems.append("\(label): the key no longer works: \(probe.stderr)") }
        }

        // secrets.json killed between the fsynced temporary file and the rename: an OAuth account.
        try await harness.addOAuthAccount()
        try await harness.createContactsSource("Tokens", account: "Demo", maxRows: 100)
        let setup2 = try await harness.run(["refresh", "Tokens"])
        try #require(setup2.status == 0, "\(setup2.stderr)")
        let tokensBaseline = try #require(try harness.contactsTable(of: "Tokens"))
        var secretKills = 0, tokensLost = 0
        for index in 0..<4 {
            try await harness.control("/_sandbox/expire-access-tokens")
            let before = try Data(contentsOf: harness.secretsURL)
            _ = try await killedRefresh(harness, source: "Tokens", point: .secretsWrite)
            secretKills += 1
            interrupted += 1
            let label = "secrets kill \(index)"
            let after = try Data(contentsOf: harness.secretsURL)
            if (try? JSONSerialization.jsonObject(with: after)) == nil { problems.append("\(label): secrets.json is not JSON") }
            if after != before { problems.append("\(label): secrets.json changed although the rename never happened") }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: harness.home.url.path).filter { $0.contains(".tmp-") }
            for name in leftovers { try? FileManager.default.removeItem(at: harness.home.path(name)) }
            if try harness.contactsTable(of: "Tokens") != tokensBaseline { problems.append("\(label): Tokens table changed"); partial += 1 }
            if try harness.openWorkspace().lastRun(source: "Tokens")?.status != .interrupted { problems.append("\(label): not recorded interrupted") }
            // The sandbox already rotated the pair the killed process never saved: the next use
            // must say so plainly and mark the account; re-authorizing brings it back.
            let probe = try await harness.run(["fetch", "contacts", "--account", "Demo", "--max-rows", "1"])
            if probe.status != 0 {
                tokensLost += 1
                if !probe.stderr.contains("re-authoriz") { problems.append("\(label): unclear message \(probe.stderr)") }
                let browser = harness.home.path("approve.sh")
                let reauth = try await harness.run(["accounts", "reauth", "Demo"], environment: ["BROWSER": browser.path])
                if reauth.status != 0 { problems.append("\(label): reauth failed: \(reauth.stderr)") }
            }
            let works = try await harness.run(["fetch", "contacts", "--account", "Demo", "--max-rows", "1"])
            if works.status != 0 { problems.append("\(label): account unusable after reauth: \(works.stderr)") }
        }
        #expect(problems.isEmpty, "\(problems)")

        // The next refresh cleans up after the killed ones: no staging tables or spool files stay.
        let setup3 = try await harness.run(["refresh", "Crashy"])
        try #require(setup3.status == 0, "\(setup3.stderr)")
        let names = try await harness.openWorkspace().dbPool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(!names.contains { $0.hasSuffix(TablePlanStagingSuffix.value) }, "\(names)")
        ReliabilityReport.write(ReliabilityResult(
            scenario: "crash-sigkill", description: "SIGKILL during fetch/load/swap (4 each), 4 random, 4 secrets.json writes",
            passed: problems.isEmpty && lost == 0 && duplicated == 0 && partial == 0,
            runs: plan.count + secretKills, faultsInjected: plan.count + secretKills, rowsLost: lost, rowsDuplicated: duplicated,
            rowsChanged: nil, tablesPartial: partial,
            notes: "interrupted runs recorded: \(interrupted); rotated token pairs lost with the process: \(tokensLost) of \(secretKills) (account marked needs re-authorization, restored by reauth)"))
    }

    @Test("a nearly full database: a clear error, the old tables kept")
    func diskFull() async throws {
        ReliabilityReport.begin("disk-full", description: "refresh with max_page_count just above the current size")
        let harness = try await ReliabilityHarness(sandbox: ["--records", "3000"])
        defer { harness.finish() }
        try await harness.addAPIKeyAccount()
        try await harness.createContactsSource("Full", account: "Ops", maxRows: 3000)
        let setup4 = try await harness.run(["refresh", "Full"])
        try #require(setup4.status == 0, "\(setup4.stderr)")
        let baseline = try #require(try harness.contactsTable(of: "Full"))
        let pages = try await harness.openWorkspace().dbPool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            return try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        }
        let refresh = try await harness.run(["refresh", "Full"], environment: ["INFUSE_TEST_MAX_PAGE_COUNT": String(pages + 8)])
        #expect(refresh.status != 0)
        #expect(refresh.stderr.contains("full"), "\(refresh.stderr)")
        #expect(refresh.stderr.split(separator: "\n").filter { $0.hasPrefix("infuse:") }.count == 1)
        let after = try #require(try harness.contactsTable(of: "Full"))
        #expect(after == baseline)
        let run = try harness.openWorkspace().lastRun(source: "Full")
        #expect(run?.status == .failed)
        let again = try await harness.run(["refresh", "Full"])
        #expect(again.status == 0, "\(again.stderr)")
        ReliabilityReport.write(ReliabilityResult(
            scenario: "disk-full", description: "refresh with max_page_count just above the current size", 
            passed: refresh.status != 0 && refresh.stderr.contains("full") && after == baseline && again.status == 0,
            runs: 2, faultsInjected: refresh.status != 0 ? 1 : 0,
            rowsLost: max(0, baseline.rows - after.ids.count), rowsDuplicated: after.duplicates, rowsChanged: nil,
            tablesPartial: after == baseline ? 0 : 1,
            notes: "message: \(refresh.stderr.split(separator: "\n").last.map(String.init) ?? "")"))
    }

    @Test("garbage or truncated infuse.sqlite and secrets.json: the path and what to do, the file untouched")
    func corruptFiles() async throws {
        ReliabilityReport.begin("corrupt-files", description: "garbage/truncated infuse.sqlite and secrets.json")
        let harness = try await ReliabilityHarness(sandbox: ["--records", "500"])
        defer { harness.finish() }
        try await harness.addAPIKeyAccount()
        try await harness.createContactsSource("Corrupt", account: "Ops", maxRows: 500)
        let setup5 = try await harness.run(["refresh", "Corrupt"])
        try #require(setup5.status == 0, "\(setup5.stderr)")
        try await harness.openWorkspace().dbPool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let goodDatabase = try Data(contentsOf: harness.databaseURL)
        let goodSecrets = try Data(contentsOf: harness.secretsURL)
        var generator = SplitMix64(seed: 99)
        let garbage = Data((0..<8192).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        let cases: [(label: String, file: URL, bytes: Data, command: [String], advice: String)] = [
            ("garbage database", harness.databaseURL, garbage, ["sources", "list"], "move"),
            ("truncated database", harness.databaseURL, goodDatabase.prefix(goodDatabase.count / 3), ["refresh", "Corrupt"], "move"),
            ("garbage secrets", harness.secretsURL, garbage, ["fetch", "contacts", "--account", "Ops", "--max-rows", "1"], "restore"),
            ("truncated secrets", harness.secretsURL, goodSecrets.prefix(goodSecrets.count / 2), ["fetch", "contacts", "--account", "Ops", "--max-rows", "1"], "restore"),
        ]
        var problems: [String] = []
        for item in cases {
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: harness.databaseURL.path + suffix) }
            try item.bytes.write(to: item.file)
            chmod(item.file.path, 0o600)
            let output = try await harness.run(item.command)
            let message = output.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            if output.status == 0 { problems.append("\(item.label): succeeded") }
            if !message.contains(item.file.path) { problems.append("\(item.label): message lacks the path: \(message)") }
            if !message.lowercased().contains(item.advice) { problems.append("\(item.label): message lacks what to do: \(message)") }
            if message.split(separator: "\n").count != 1 { problems.append("\(item.label): not one line: \(message)") }
            if try Data(contentsOf: item.file) != item.bytes { problems.append("\(item.label): the file was modified") }
            try goodDatabase.write(to: harness.databaseURL)
            try goodSecrets.write(to: harness.secretsURL)
            chmod(harness.secretsURL.path, 0o600)
        }
        #expect(problems.isEmpty, "\(problems)")
        let restored = try await harness.run(["refresh", "Corrupt"])
        #expect(restored.status == 0, "\(restored.stderr)")
        ReliabilityReport.write(ReliabilityResult(
            scenario: "corrupt-files", description: "garbage/truncated infuse.sqlite and secrets.json",
            passed: problems.isEmpty && restored.status == 0, runs: cases.count,
            faultsInjected: cases.count, rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil, notes: problems.isEmpty ? "all reported with path and advice, files untouched" : problems.joined(separator: "; ")))
    }

    @Test("secrets.json or the workspace readable by others is refused at start-up with the fix")
    func fileModes() async throws {
        ReliabilityReport.begin("file-modes", description: "secrets.json 0644 and workspace 0755 at start-up")
        let harness = try await ReliabilityHarness(sandbox: ["--records", "10"])
        defer { harness.finish() }
        try await harness.addAPIKeyAccount()
        let fileMode = try WorkspaceFilesMode.of(harness.secretsURL)
        let directoryMode = try WorkspaceFilesMode.of(harness.home.url)
        #expect(fileMode == 0o600)
        #expect(directoryMode == 0o700)
        chmod(harness.secretsURL.path, 0o644)
        let open = try await harness.run(["accounts", "list"])
        #expect(open.status != 0)
        #expect(open.stderr.contains("chmod 600 \(harness.secretsURL.path)"), "\(open.stderr)")
        chmod(harness.secretsURL.path, 0o600)
        chmod(harness.home.url.path, 0o755)
        let directory = try await harness.run(["accounts", "list"])
        #expect(directory.status != 0)
        #expect(directory.stderr.contains("chmod 700"), "\(directory.stderr)")
        chmod(harness.home.url.path, 0o700)
        let setup6 = try await harness.run(["accounts", "list"])
        #expect(setup6.status == 0, "\(setup6.stderr)")
        ReliabilityReport.write(ReliabilityResult(
            scenario: "file-modes", description: "secrets.json 0644 and workspace 0755 at start-up", 
            passed: directory.status != 0 && setup6.status == 0, runs: 2, faultsInjected: 2,
            rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil,
            notes: "both refused with the chmod fix"))
    }
}

/// The permission bits of a path.
enum WorkspaceFilesMode {
    static func of(_ url: URL) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }
}

/// The staging-table suffix, spelled as the loader spells it (`TablePlan` is internal).
enum TablePlanStagingSuffix {
    static let value = "__staging"
}

/// A small deterministic generator for test plans (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
