import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

/// Throttling, server faults and token trouble against `infuse sandbox`, through the built binary
/// and a real workspace. Each test writes its figures to `.build/reliability/<scenario>.json`.
@Suite("Reliability: throttling, server errors and tokens", .serialized, .enabled(if: InfuseBinary.exists, "run `swift build` first"))
struct ReliabilityFaultTests {
    @Test("10,000 contacts under a low rate and spike limit, then a 429 storm of three fetches: exact rows, no duplicates")
    func throttling() async throws {
        ReliabilityReport.begin("throttle-refresh-10k", description: "refresh 10,000 contacts, --rate-limit 120 --spike-limit 2")
        ReliabilityReport.begin("throttle-storm-3x10k", description: "3 concurrent fetches of 10,000 contacts, --spike-limit 2")
        let harness = try await ReliabilityHarness(sandbox: ["--records", "10000", "--rate-limit", "120", "--spike-limit", "2"])
        defer { harness.finish() }
        try await harness.addAPIKeyAccount()
        try await harness.createContactsSource("Throttled", account: "Ops", maxRows: 10_000)
        let refresh = try await harness.run(["refresh", "Throttled"])
        #expect(refresh.status == 0, "\(refresh.stderr)")
        let census = try #require(try harness.contactsTable(of: "Throttled"))
        #expect(census.rows == 10_000 && census.duplicates == 0)
        let afterRefresh = try await harness.stats()
        // The source imports the contacts table only (`--schemas contacts`).
        let expected = try await harness.expectedTables().filter { $0.key == "contacts" }
        let verdict = ReliabilityOracle.compare(expected: expected, actual: try harness.loadedTables(source: "Throttled", like: expected))
        #expect(verdict.exact, "\(verdict.digests)")
        ReliabilityReport.write(ReliabilityResult(
            scenario: "throttle-refresh-10k", description: "refresh 10,000 contacts, --rate-limit 120 --spike-limit 2",
            passed: refresh.status == 0 && verdict.exact, runs: 1,
            faultsInjected: afterRefresh["tooManyRequests"] ?? 0, rowsLost: verdict.rowsLost,
            rowsDuplicated: verdict.rowsDuplicated, rowsChanged: verdict.rowsChanged, tablesPartial: verdict.exact ? 0 : 1,
            notes: "429s received: \(afterRefresh["tooManyRequests"] ?? 0); contacts table compared with the oracle"))

        // Three processes at once share a 2/s spike limit that none of them can see: a 429 storm.
        async let a = harness.run(["fetch", "contacts", "--account", "Ops", "--max-rows", "10000"], timeout: .seconds(200))
        async let b = harness.run(["fetch", "contacts", "--account", "Ops", "--max-rows", "10000"], timeout: .seconds(200))
        async let c = harness.run(["fetch", "contacts", "--account", "Ops", "--max-rows", "10000"], timeout: .seconds(200))
        var lost = 0, duplicated = 0, failed = 0
        for fetch in try await [a, b, c] {
            if fetch.status != 0 { failed += 1 }
            #expect(fetch.status == 0, "\(fetch.stderr.suffix(300))")
            let records = (try? JSONSerialization.jsonObject(with: Data(fetch.stdout.utf8)) as? [[String: Any]]) ?? []
            let ids = Set(records.compactMap { ($0["id"] as? NSNumber)?.intValue })
            lost += max(0, 10_000 - ids.count)
            duplicated += records.count - ids.count
        }
        let storm = (try await harness.stats())["tooManyRequests"] ?? 0
        let stormed = storm - (afterRefresh["tooManyRequests"] ?? 0)
        #expect(stormed > 0, "three unpaced processes against 2/s should meet 429s")
        #expect(lost == 0 && duplicated == 0)
        ReliabilityReport.write(ReliabilityResult(
            scenario: "throttle-storm-3x10k", description: "3 concurrent fetches of 10,000 contacts, --spike-limit 2",
            passed: stormed > 0 && lost == 0 && duplicated == 0 && failed == 0, runs: 3,
            faultsInjected: stormed, rowsLost: lost, rowsDuplicated: duplicated, rowsChanged: nil, tablesPartial: nil,
            notes: "429s received: \(stormed); failed fetches: \(failed)"))
    }

    @Test("fail rates 0.1, 0.3 and 0.5, data moving: tables exact by the oracle or a clean failure with the old tables", arguments: [0.1, 0.3, 0.5])
    func serverErrors(rate: Double) async throws {
        // At 0.1 the small run makes too few requests to meet a fault; 10,000 rows make 11 pages a refresh.
        let records = rate < 0.2 ? 10_000 : 3000
        let scenario = "server-errors-\(rate)", description = "refresh \(records) contacts (all tables) at --fail-rate \(rate), data moving"
        ReliabilityReport.begin(scenario, description: description)
        let (harness, initial) = try await ReliabilityOracleTests.prepared("Faulty", records: records)
        defer { harness.finish() }
        let tally = try await ReliabilityOracleTests.rounds(
            harness, source: "Faulty", runs: 3, records: records, faults: ["--fail-rate", String(rate)], previous: initial)
        #expect(tally.passed, "\(tally.problems)")
        #expect(tally.faults > 0)
        ReliabilityOracleTests.write(scenario, description, tally, passed: tally.passed && tally.faults > 0)
    }

    @Test("an access token expiring every 2 s during a long refresh, then a revoked refresh token")
    func expiringAndRevokedTokens() async throws {
        ReliabilityReport.begin("tokens-expiring", description: "refresh 10,000 contacts with 2 s access tokens")
        ReliabilityReport.begin("tokens-revoked", description: "refresh after the refresh token was revoked")
        let harness = try await ReliabilityHarness(
            sandbox: ["--records", "10000", "--token-ttl", "2", "--latency-ms", "600", "--spike-limit", "2"])
        defer { harness.finish() }
        try await harness.addOAuthAccount()
        try await harness.createContactsSource("Slow", account: "Demo", maxRows: 10_000)
        let started = ContinuousClock.now
        let refresh = try await harness.run(["refresh", "Slow"], timeout: .seconds(200))
        let seconds = (ContinuousClock.now - started).components.seconds
        #expect(refresh.status == 0, "\(refresh.stderr)")
        let census = try #require(try harness.contactsTable(of: "Slow"))
        #expect(census.rows == 10_000 && census.duplicates == 0)
        let stats = try await harness.stats()
        let refreshes = stats["tokenRefreshes"] ?? 0
        let expected = try await harness.expectedTables().filter { $0.key == "contacts" }
        let verdict = ReliabilityOracle.compare(expected: expected, actual: try harness.loadedTables(source: "Slow", like: expected))
        #expect(verdict.exact, "\(verdict.digests)")
        #expect(refreshes >= 2, "a \(seconds) s refresh with 2 s tokens should refresh the token more than once")
        ReliabilityReport.write(ReliabilityResult(
            scenario: "tokens-expiring", description: "refresh 10,000 contacts with 2 s access tokens",
            passed: refresh.status == 0 && verdict.exact && refreshes >= 2, runs: 1,
            faultsInjected: refreshes, rowsLost: verdict.rowsLost, rowsDuplicated: verdict.rowsDuplicated,
            rowsChanged: verdict.rowsChanged, tablesPartial: verdict.exact ? 0 : 1,
            notes: "\(seconds) s refresh; token refreshes: \(refreshes); 401s: \(stats["unauthorized"] ?? 0)"))

        try await harness.control("/_sandbox/revoke")
        let revoked = try await harness.run(["refresh", "Slow"], timeout: .seconds(60))
        #expect(revoked.status != 0)
        #expect(revoked.stderr.contains("re-authoriz"), "\(revoked.stderr)")
        #expect(revoked.stderr.contains("infuse accounts reauth Demo") || revoked.stderr.contains("reauth"))
        #expect(revoked.stderr.split(separator: "\n").filter { $0.hasPrefix("infuse:") }.count == 1)
        let list = try await harness.run(["accounts", "list", "--json"])
        let accounts = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
        #expect(accounts?.first?["status"] as? String == "needs_reauthorization")
        let after = try #require(try harness.contactsTable(of: "Slow"))
        #expect(after == census)
        let keptVerdict = ReliabilityOracle.compare(expected: expected, actual: try harness.loadedTables(source: "Slow", like: expected))
        #expect(keptVerdict.exact, "the old tables are kept")
        let run = try harness.openWorkspace().lastRun(source: "Slow")
        #expect(run?.status == .failed)
        #expect(run?.error?.contains("re-authoriz") == true)
        ReliabilityReport.write(ReliabilityResult(
            scenario: "tokens-revoked", description: "refresh after the refresh token was revoked",
            passed: revoked.status != 0 && after == census && run?.status == .failed, runs: 1, faultsInjected: 1,
            rowsLost: keptVerdict.rowsLost, rowsDuplicated: keptVerdict.rowsDuplicated, rowsChanged: keptVerdict.rowsChanged,
            tablesPartial: keptVerdict.exact ? 0 : 1,
            notes: "account marked \(accounts?.first?["status"] as? String ?? "?"); old rows kept"))
    }

    @Test("two processes refreshing the same OAuth account at the same moment, many times")
    func concurrentTokenRefresh() async throws {
        ReliabilityReport.begin("tokens-two-processes", description: "2 processes refresh one account's expired token at once")
        let rounds = 30
        let harness = try await ReliabilityHarness(sandbox: ["--records", "300"])
        defer { harness.finish() }
        try await harness.addOAuthAccount()
        try await harness.createContactsSource("Left", account: "Demo", maxRows: 200, extra: ["--refresh", "15m"])
        try await harness.createContactsSource("Right", account: "Demo", maxRows: 200)
        var failures: [String] = []
        for round in 0..<rounds {
            // Both processes find an expired access token and race to spend the single-use refresh token.
            try await harness.control("/_sandbox/expire-access-tokens")
            let first: [String] = round == 0 ? ["daemon", "--once"] : ["refresh", "Left"]
            let second: [String] = round % 2 == 0 ? ["refresh", "Right"] : ["fetch", "contacts", "--account", "Demo", "--max-rows", "50"]
            async let x = harness.run(first, timeout: .seconds(60))
            async let y = harness.run(second, timeout: .seconds(60))
            for (arguments, output) in zip([first, second], try await [x, y]) where output.status != 0 {
                failures.append("round \(round) \(arguments.joined(separator: " ")): \(output.stderr.suffix(200))")
            }
        }
        #expect(failures.isEmpty, "\(failures)")
        let check = try await harness.run(["fetch", "contacts", "--account", "Demo", "--max-rows", "5"])
        #expect(check.status == 0, "\(check.stderr)")
        let list = try await harness.run(["accounts", "list", "--json"])
        #expect(list.stdout.contains("\"ok\""))
        var partial = 0
        for name in ["Left", "Right"] {
            let census = try #require(try harness.contactsTable(of: name))
            if census.rows != 200 || census.duplicates != 0 { partial += 1 }
        }
        #expect(partial == 0)
        let stats = try await harness.stats()
        ReliabilityReport.write(ReliabilityResult(
            scenario: "tokens-two-processes", description: "2 processes refresh one account's expired token at once",
            passed: failures.isEmpty && partial == 0 && check.status == 0, runs: rounds * 2,
            faultsInjected: rounds, rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: partial,
            notes: "rounds: \(rounds); failed processes: \(failures.count); token refreshes: \(stats["tokenRefreshes"] ?? 0); account ok after: \(check.status == 0)"))
    }
}
