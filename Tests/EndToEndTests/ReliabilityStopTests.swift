import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

/// `infuse daemon` stopped by SIGTERM in the middle of a refresh, and a real full disk (a small
/// tmpfs holding the workspace), judged by the oracle.
@Suite("Reliability: SIGTERM mid-refresh and a real full disk", .serialized, .enabled(if: InfuseBinary.exists, "run `swift build` first"))
struct ReliabilityStopTests {
    @Test("SIGTERM to infuse daemon mid-refresh: the refresh finishes or rolls back, never half a table")
    func daemonSIGTERM() async throws {
        let scenario = "daemon-sigterm", description = "SIGTERM to `infuse daemon` 0–3 s into a running 6000-contact refresh"
        ReliabilityReport.begin(scenario, description: description)
        let harness = try await ReliabilityHarness(sandbox: ["--records", "6000", "--latency-ms", "300", "--spike-limit", "4", "--seed", "21"])
        defer { harness.finish() }
        try await harness.addAPIKeyAccount()
        let expected = try await harness.expectedTables()
        let delays: [Duration] = [.zero, .milliseconds(500), .milliseconds(1500), .seconds(3)]
        var finished = 0, rolledBack = 0, partial = 0, lost = 0, duplicated = 0, changed = 0
        var problems: [String] = []
        for (round, delay) in delays.enumerated() {
            let name = "Daemon \(round)"
            let create = try await harness.run(
                ["sources", "create", name, "--account", "Ops", "--endpoint", "contacts", "--max-rows", "100000", "--refresh", "15m"])
            try #require(create.status == 0, "\(create.stderr)")
            let daemon = try InteractiveInfuse(["daemon", "--interval", "1"], home: harness.home.url)
            // Mid-refresh: once the history shows the run in flight, then `delay` more.
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline, try harness.openWorkspace().lastRun(source: name)?.status != .running {
                try await Task.sleep(for: .milliseconds(20))
            }
            try await Task.sleep(for: delay)
            kill(daemon.process.processIdentifier, SIGTERM)
            let output = try await daemon.finish(timeout: .seconds(120))
            harness.ledger.record("infuse daemon (SIGTERM)", output)
            if output.status != 0 { problems.append("round \(round): exit \(output.status) \(output.stderr.suffix(200))") }
            if !output.stdout.contains("received SIGTERM") { problems.append("round \(round): no SIGTERM line: \(output.stdout.suffix(200))") }
            let tables = try harness.loadedTables(source: name, like: expected)
            let run = try harness.openWorkspace().lastRun(source: name)
            let verdict = ReliabilityOracle.compare(expected: expected, actual: tables)
            if tables.isEmpty {
                rolledBack += 1
                if run != nil && run?.status == .succeeded { problems.append("round \(round): no tables but the run says succeeded") }
                if run?.status == .running { problems.append("round \(round): the run is still marked running") }
            } else if verdict.exact {
                finished += 1
                if run?.status != .succeeded { problems.append("round \(round): tables in place but the run says \(run?.status.rawValue ?? "nothing")") }
            } else {
                partial += 1
                lost += verdict.rowsLost
                duplicated += verdict.rowsDuplicated
                changed += verdict.rowsChanged
                problems.append("round \(round): \(verdict.digests)")
            }
        }
        #expect(problems.isEmpty, "\(problems)")
        #expect(partial == 0)
        ReliabilityReport.write(ReliabilityResult(
            scenario: scenario, description: description, passed: problems.isEmpty && partial == 0, runs: delays.count,
            faultsInjected: delays.count, rowsLost: lost, rowsDuplicated: duplicated, rowsChanged: changed, tablesPartial: partial,
            notes: "finished before stopping: \(finished), rolled back (no tables, run recorded): \(rolledBack)"
                + (problems.isEmpty ? "" : "; " + problems.prefix(3).joined(separator: " | "))))
    }

    @Test("a real full disk: the workspace on a 3 MB tmpfs, a refresh too big for it fails clearly, old tables kept")
    func realFullDisk() async throws {
        let scenario = "disk-full-tmpfs", description = "refresh into a workspace on a 3 MB tmpfs, 300 then 20,000 contacts"
        ReliabilityReport.begin(scenario, description: description)
        let mountPoint = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("infuse-tmpfs-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", mountPoint.path]
        mount.standardError = Pipe()
        try? mount.run()
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else {
            try? FileManager.default.removeItem(at: mountPoint)
            ReliabilityReport.write(ReliabilityResult(
                scenario: scenario, description: description, passed: true, runs: 0, faultsInjected: 0, rowsLost: nil,
                rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil,
                notes: "skipped: mounting a tmpfs failed (not root, or no mount permission in this container)"))
            return
        }
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [mountPoint.path]
            try? umount.run()
            umount.waitUntilExit()
            try? FileManager.default.removeItem(at: mountPoint)
        }
        let harness = try await ReliabilityHarness(sandbox: ["--records", "300", "--seed", "31"], home: mountPoint)
        try await harness.addAPIKeyAccount()
        let create = try await harness.run(["sources", "create", "Full", "--account", "Ops", "--endpoint", "contacts", "--max-rows", "100000"])
        try #require(create.status == 0, "\(create.stderr)")
        let first = try await harness.run(["refresh", "Full"])
        try #require(first.status == 0, "\(first.stderr)")
        let small = try await harness.expectedTables()
        try #require(ReliabilityOracle.compare(expected: small, actual: try harness.loadedTables(source: "Full", like: small)).exact)

        try await harness.moveData(["--records", "20000", "--seed", "32"])
        let big = try await harness.expectedTables()
        let refresh = try await harness.run(["refresh", "Full"], timeout: .seconds(300))
        let errors = refresh.stderr.split(separator: "\n").filter { $0.hasPrefix("infuse:") }
        let kept = ReliabilityOracle.compare(expected: small, actual: try harness.loadedTables(source: "Full", like: small.merging(big) { a, _ in a }))
        let clear = errors.count == 1 && (errors[0].contains("full") || errors[0].contains("space"))
        #expect(refresh.status != 0, "20,000 contacts cannot fit in 3 MB")
        #expect(clear, "\(refresh.stderr.suffix(400))")
        #expect(kept.exact, "\(kept.digests)")
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: mountPoint.path)) ?? []
        let spool = leftovers.filter { $0.contains("spool") || $0.contains("pgcopy") }
        #expect(spool.isEmpty, "spool files left: \(spool)")

        try await harness.moveData(["--records", "300", "--seed", "33"])
        let again = try await harness.run(["refresh", "Full"])
        let recovered = try await harness.expectedTables()
        let after = ReliabilityOracle.compare(expected: recovered, actual: try harness.loadedTables(source: "Full", like: recovered))
        #expect(again.status == 0 && after.exact, "a refresh that fits works again: \(again.stderr.suffix(300))")
        harness.finish()
        ReliabilityReport.write(ReliabilityResult(
            scenario: scenario, description: description,
            passed: refresh.status != 0 && clear && kept.exact && spool.isEmpty && again.status == 0 && after.exact, runs: 3,
            faultsInjected: refresh.status != 0 ? 1 : 0, rowsLost: kept.rowsLost + after.rowsLost,
            rowsDuplicated: kept.rowsDuplicated + after.rowsDuplicated, rowsChanged: kept.rowsChanged + after.rowsChanged,
            tablesPartial: (kept.exact ? 0 : 1) + (after.exact ? 0 : 1),
            notes: "message: \(errors.last.map(String.init) ?? "none"); old tables kept: \(kept.exact); next refresh that fits: \(after.exact)"))
    }
}
