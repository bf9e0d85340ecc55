import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

/// Refreshes judged by the independent oracle (`ReliabilityOracle`): the sandbox's data moves
/// before every refresh (a restart with another seed and record count), and each refresh must
/// leave every table (parent and children, every column) exactly as the oracle computes it, or
/// fail cleanly with the previous tables whole. Also the test of the test and the transport
/// faults: short pages, HTML 502/503 pages, trickling bodies, a dead host.
@Suite("Reliability: refreshes judged by the oracle", .serialized, .enabled(if: InfuseBinary.exists, "run `swift build` first"))
struct ReliabilityOracleTests {
    /// What happened over the rounds of one scenario.
    struct Tally {
        var runs = 0, exact = 0, clean = 0, partial = 0
        var lost = 0, duplicated = 0, changed = 0, faults = 0
        var problems: [String] = []
        var passed: Bool { partial == 0 && lost == 0 && duplicated == 0 && changed == 0 && problems.isEmpty }

        /// Judges one refresh of `source` in round `round`: exact (`after` is the oracle's
        /// `expected`), a clean failure (it failed and `after` is still `before`), or partial.
        /// - Returns: true when exact.
        mutating func judge(round: Int, source: String, refresh: ProcessOutput, expected: ReliabilityOracle.Tables,
                            before: ReliabilityOracle.Tables, after: ReliabilityOracle.Tables) -> Bool {
            runs += 1
            let verdict = ReliabilityOracle.compare(expected: expected, actual: after)
            if refresh.status == 0, verdict.exact {
                exact += 1
                return true
            }
            if refresh.status != 0, ReliabilityOracle.compare(expected: before, actual: after).exact {
                clean += 1
                if !refresh.stderr.contains("refresh of \"\(source)\" failed") { problems.append("round \(round): unclear failure \(refresh.stderr.suffix(200))") }
                return false
            }
            partial += 1
            lost += verdict.rowsLost
            duplicated += verdict.rowsDuplicated
            changed += verdict.rowsChanged
            problems.append("round \(round): exit \(refresh.status), \(verdict.digests.joined(separator: "; ")) \(refresh.stderr.suffix(200))")
            return false
        }
    }

    /// The sandbox's arguments for round `round`: another seed and a record count that grows and
    /// shrinks, so values change, records are created and records are deleted.
    static func moved(_ round: Int, records: Int, faults: [String]) -> [String] {
        let count = records + (round % 2 == 0 ? 40 + round : -30 - round)
        return ["--records", String(count), "--seed", String(100 + round)] + faults
    }

    /// A workspace with the API key account and a contacts source importing every schema,
    /// refreshed once against a fault-free sandbox; returns what the oracle expects of it.
    static func prepared(_ name: String, records: Int) async throws -> (ReliabilityHarness, ReliabilityOracle.Tables) {
        let harness = try await ReliabilityHarness(sandbox: ["--records", String(records), "--seed", "99"])
        try await harness.addAPIKeyAccount()
        let create = try await harness.run(["sources", "create", name, "--account", "Ops", "--endpoint", "contacts", "--max-rows", "100000"])
        try #require(create.status == 0, "\(create.stderr)")
        let first = try await harness.run(["refresh", name])
        try #require(first.status == 0, "\(first.stderr)")
        let expected = try await harness.expectedTables()
        let verdict = ReliabilityOracle.compare(expected: expected, actual: try harness.loadedTables(source: name, like: expected))
        try #require(verdict.exact, "the first, fault-free refresh: \(verdict.digests)")
        #expect(expected.count >= 4, "parent and child tables: \(expected.keys.sorted())")
        return (harness, expected)
    }

    /// `runs` rounds of: move the data (with `faults` on), refresh, judge by the oracle.
    static func rounds(
        _ harness: ReliabilityHarness, source: String, runs: Int, records: Int, faults: [String], previous: ReliabilityOracle.Tables,
        from first: Int = 0
    ) async throws -> Tally {
        var tally = Tally()
        var previous = previous
        for round in first..<(first + runs) {
            let before = try harness.loadedTables(source: source, like: previous)
            tally.faults += (try await harness.stats())["injectedFaults"] ?? 0
            try await harness.moveData(moved(round, records: records, faults: faults))
            let expected = try await harness.expectedTables()
            let refresh = try await harness.run(["refresh", source], timeout: .seconds(400))
            let after = try harness.loadedTables(source: source, like: expected.merging(previous) { new, _ in new })
            if tally.judge(round: round, source: source, refresh: refresh, expected: expected, before: before, after: after) {
                previous = expected
            }
        }
        tally.faults += (try await harness.stats())["injectedFaults"] ?? 0
        return tally
    }

    /// Writes the row of a rounds scenario. Unless `passed` is given, it passes only when the
    /// tally passed and the sandbox counted at least one injected fault: a fault row whose
    /// faults never fired tried nothing, and says so by failing.
    static func write(_ scenario: String, _ description: String, _ tally: Tally, passed: Bool? = nil, notes: String = "") {
        let noFaults = passed == nil && tally.faults == 0 ? "; no fault was injected, so nothing was tried" : ""
        ReliabilityReport.write(ReliabilityResult(
            scenario: scenario, description: description, passed: passed ?? (tally.passed && tally.faults > 0), runs: tally.runs,
            faultsInjected: tally.faults, rowsLost: tally.lost, rowsDuplicated: tally.duplicated, rowsChanged: tally.changed,
            tablesPartial: tally.partial,
            notes: "exact: \(tally.exact), clean failures (old tables kept): \(tally.clean)\(notes.isEmpty ? "" : "; " + notes)\(noFaults)"
                + (tally.problems.isEmpty ? "" : "; problems: " + tally.problems.prefix(3).joined(separator: " | "))))
    }

    @Test("data that moves: 4 refreshes, each after the data changed, match the oracle; a stale or truncated table is caught")
    func movingData() async throws {
        let scenario = "oracle-moving-data", description = "4 refreshes of 2000 contacts (all tables), the data changed before each"
        ReliabilityReport.begin(scenario, description: description)
        let (harness, initial) = try await Self.prepared("Moving", records: 2000)
        defer { harness.finish() }

        // The test of the test: a refresh that keeps the old table, and one that drops a child
        // table, must both be reported as losing rows.
        try await harness.moveData(Self.moved(0, records: 2000, faults: []))
        let changed = try await harness.expectedTables()
        let stale = ReliabilityOracle.compare(expected: changed, actual: initial)
        var truncated = changed
        truncated.removeValue(forKey: "contacts.email_addresses")
        let dropped = ReliabilityOracle.compare(expected: changed, actual: truncated)
        #expect(stale.rowsLost > 0, "a refresh that kept the old table must lose rows: \(stale)")
        #expect(stale.rowsChanged > 0, "the new seed changes values")
        #expect(dropped.rowsLost == (changed["contacts.email_addresses"]?.count ?? 0) && dropped.rowsLost > 0)

        let tally = try await Self.rounds(
            harness, source: "Moving", runs: 4, records: 2000, faults: [], previous: try harness.loadedTables(source: "Moving", like: initial),
            from: 1)
        #expect(tally.passed, "\(tally.problems)")
        #expect(tally.exact == 4)
        Self.write(scenario, description, tally, passed: tally.passed && tally.exact == 4 && stale.rowsLost > 0 && dropped.rowsLost > 0,
                   notes: "test of the test: old table kept → lost \(stale.rowsLost), changed \(stale.rowsChanged); email_addresses dropped → lost \(dropped.rowsLost)")
    }

    @Test("the living sandbox: records updated, created and deleted by POST /_sandbox/changes before each of 4 refreshes; every table matches the oracle")
    func livingData() async throws {
        let scenario = "oracle-living-data"
        let description = "4 refreshes of 2000 contacts (all tables), 40 updated, 15 created and 10 deleted through /_sandbox/changes before each"
        ReliabilityReport.begin(scenario, description: description)
        let (harness, initial) = try await Self.prepared("Living", records: 2000)
        defer { harness.finish() }
        var tally = Tally()
        var previous = initial
        var changedRecords = 0
        for round in 0..<4 {
            let before = try harness.loadedTables(source: "Living", like: previous)
            let report = try await harness.control("/_sandbox/changes?resource=contacts&update=40&create=15&delete=10")
            let ids = ["updated", "created", "deleted"].map { (report[$0] as? [Any])?.count ?? 0 }
            changedRecords += ids.reduce(0, +)
            if ids != [40, 15, 10] { tally.problems.append("round \(round): the sandbox changed \(ids)") }
            let expected = try await harness.expectedTables()
            // The test of the test: the tables of the last refresh no longer match the moved data.
            let stale = ReliabilityOracle.compare(expected: expected, actual: previous)
            if stale.exact { tally.problems.append("round \(round): the changes are invisible to the oracle") }
            let refresh = try await harness.run(["refresh", "Living"], timeout: .seconds(300))
            let after = try harness.loadedTables(source: "Living", like: expected.merging(previous) { new, _ in new })
            if tally.judge(round: round, source: "Living", refresh: refresh, expected: expected, before: before, after: after) {
                previous = expected
            }
        }
        tally.faults = changedRecords
        #expect(tally.passed, "\(tally.problems)")
        #expect(tally.exact == 4)
        Self.write(scenario, description, tally, passed: tally.passed && tally.exact == 4,
                   notes: "records changed through /_sandbox/changes: \(changedRecords)")
    }

    @Test("short but well-formed pages (--short-page-rate 0.3): re-read, never a silent partial refresh")
    func shortPages() async throws {
        let scenario = "short-pages-0.3", description = "refresh 3000 contacts with --short-page-rate 0.3, data moving"
        ReliabilityReport.begin(scenario, description: description)
        let (harness, initial) = try await Self.prepared("Short", records: 3000)
        defer { harness.finish() }
        let tally = try await Self.rounds(harness, source: "Short", runs: 3, records: 3000, faults: ["--short-page-rate", "0.3"], previous: initial)
        #expect(tally.passed, "\(tally.problems)")
        #expect(tally.faults > 0)
        Self.write(scenario, description, tally)
    }

    @Test("records created and deleted while paging (--paging-churn-rate 0.5): a clean failure, never a gap or a duplicate")
    func recordsMovingWhilePaging() async throws {
        let scenario = "records-moving-while-paging", description = "refresh 4000 contacts while 1–5 records are created or deleted between pages (--paging-churn-rate 0.5)"
        ReliabilityReport.begin(scenario, description: description)
        let (harness, initial) = try await Self.prepared("Churn", records: 4000)
        defer { harness.finish() }
        let tally = try await Self.rounds(harness, source: "Churn", runs: 3, records: 4000, faults: ["--paging-churn-rate", "0.5"], previous: initial)
        #expect(tally.passed, "\(tally.problems)")
        #expect(tally.faults > 0)
        Self.write(scenario, description, tally)
    }

    @Test("HTML 502/503 pages (--html-error-rate 0.3): retried, exact tables or a clean failure")
    func htmlErrors() async throws {
        let scenario = "html-errors-0.3", description = "refresh 3000 contacts with --html-error-rate 0.3, data moving"
        ReliabilityReport.begin(scenario, description: description)
        let (harness, initial) = try await Self.prepared("Html", records: 3000)
        defer { harness.finish() }
        let tally = try await Self.rounds(harness, source: "Html", runs: 3, records: 3000, faults: ["--html-error-rate", "0.3"], previous: initial)
        #expect(tally.passed, "\(tally.problems)")
        #expect(tally.faults > 0)
        Self.write(scenario, description, tally)
    }

    @Test("bodies trickling at 1 byte/s (--trickle-rate 0.25): cut by the 20 s request timeout, retried")
    func tricklingBodies() async throws {
        let scenario = "trickle-1-byte-per-s", description = "refresh 1500 contacts with --trickle-rate 0.25 (1 byte/s bodies), data moving"
        ReliabilityReport.begin(scenario, description: description)
        let (harness, initial) = try await Self.prepared("Trickle", records: 1500)
        defer { harness.finish() }
        let started = ContinuousClock.now
        let tally = try await Self.rounds(harness, source: "Trickle", runs: 2, records: 1500, faults: ["--trickle-rate", "0.25"], previous: initial)
        let seconds = (ContinuousClock.now - started).components.seconds
        #expect(tally.passed, "\(tally.problems)")
        #expect(tally.faults > 0)
        Self.write(scenario, description, tally, notes: "\(seconds) s for \(tally.runs) refreshes")
    }

    @Test("a dead API: refresh and preview fail within 30 s naming host and cause; retry progress; old tables kept")
    func deadHost() async throws {
        let scenario = "dead-host", description = "refresh and preview after the API's process is gone (connection refused)"
        ReliabilityReport.begin(scenario, description: description)
        let (harness, initial) = try await Self.prepared("Dead", records: 500)
        defer { harness.finish() }
        let host = "127.0.0.1:\(harness.sandbox.root.port ?? 0)"
        harness.sandbox.stop()
        var problems: [String] = []
        var slowest: Duration = .zero
        for arguments in [["refresh", "Dead"], ["preview", "contacts", "--account", "Ops"]] {
            let started = ContinuousClock.now
            let output = try await harness.run(arguments, timeout: .seconds(120))
            let took = ContinuousClock.now - started
            slowest = max(slowest, took)
            let errors = output.stderr.split(separator: "\n").filter { $0.hasPrefix("infuse:") }
            if output.status == 0 { problems.append("\(arguments[0]) succeeded") }
            if took > .seconds(30) { problems.append("\(arguments[0]) took \(took)") }
            if errors.count != 1 || !errors[0].contains("cannot reach \(host): connection refused") {
                problems.append("\(arguments[0]) said \(errors)")
            }
            if !output.stderr.contains("retrying 1/2: connection refused") || !output.stderr.contains("retrying 2/2: connection refused") {
                problems.append("\(arguments[0]) progress: \(output.stderr.suffix(300))")
            }
        }
        let kept = ReliabilityOracle.compare(expected: initial, actual: try harness.loadedTables(source: "Dead", like: initial))
        #expect(problems.isEmpty, "\(problems)")
        #expect(kept.exact, "\(kept.digests)")
        ReliabilityReport.write(ReliabilityResult(
            scenario: scenario, description: description, passed: problems.isEmpty && kept.exact, runs: 2, faultsInjected: 2,
            rowsLost: kept.rowsLost, rowsDuplicated: kept.rowsDuplicated, rowsChanged: kept.rowsChanged, tablesPartial: kept.exact ? 0 : 1,
            notes: "slowest \(slowest.components.seconds) s; old tables kept: \(kept.exact)\(problems.isEmpty ? "" : "; " + problems.joined(separator: " | "))"))
    }
}
