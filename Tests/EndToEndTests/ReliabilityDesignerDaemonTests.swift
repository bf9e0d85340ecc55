import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

/// The terminal designer (a real `infuse` under tmux) and `infuse daemon` refreshing sources of
/// the same OAuth account at the same moment, with the access token expired before every round,
/// so both race to spend Keap's single-use refresh token.
@Suite(
    "Reliability: the designer and the daemon on one account", .serialized,
    .enabled(if: TmuxSession.available && InfuseBinary.exists, "needs tmux and a built infuse (swift build)"))
struct ReliabilityDesignerDaemonTests {
    @Test("the designer's r and `infuse daemon --once` refresh one account's sources together, 50 times")
    func designerAndDaemon() async throws {
        ReliabilityReport.begin("tokens-designer-and-daemon", description: "the designer's r and `infuse daemon --once` on one account, token expired each round")
        let rounds = 50
        let harness = try await ReliabilityHarness(sandbox: ["--records", "300"])
        defer { harness.finish() }
        try await harness.addOAuthAccount()
        // The designer lists sources by name: "Designer" is the first row, where the cursor starts.
        try await harness.createContactsSource("Designer", account: "Demo", maxRows: 200)
        try await harness.createContactsSource("Scheduler", account: "Demo", maxRows: 200, extra: ["--refresh", "15m"])
        let command = "env -u BROWSER -u NO_COLOR INFUSE_HOME='\(harness.home.url.path)' LANG=C.UTF-8 '\(InfuseBinary.url.path)'; echo EXITED=$?; sleep 60"
        let tmux = try TmuxSession(command: command, width: 120, height: 40)
        defer { tmux.kill() }
        try await tmux.waitUntil("both sources listed") { $0.contains("Designer") && $0.contains("Scheduler") }
        let database = harness.home.path("infuse.sqlite")

        var failures: [String] = []
        var screens: [String] = []
        var overlapping = 0
        for round in 0..<rounds {
            try await harness.control("/_sandbox/expire-access-tokens")
            // Make the daemon's source due again: its last success moves back a day.
            _ = try sqlite(database, "UPDATE refresh_runs SET started_at = datetime(started_at, '-1 day') WHERE source_name = 'Scheduler'")
            // The daemon process needs a moment to start; pressing r after a random part of that
            // moment makes the two reach the expired token at nearly the same instant in some rounds.
            async let daemonRun = harness.run(["daemon", "--once"], timeout: .seconds(60))
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...150)))
            try tmux.keys("r")
            let daemon = try await daemonRun
            if daemon.status != 0 || !daemon.stdout.contains("Scheduler") {
                failures.append("round \(round) daemon: \(daemon.status) \(daemon.stdout.suffix(200)) \(daemon.stderr.suffix(200))")
            }
            // The designer's run is recorded in the history like any other.
            let deadline = ContinuousClock.now + .seconds(60)
            var finished = 0
            while ContinuousClock.now < deadline {
                finished = Int(try sqlite(database, "SELECT count(*) FROM refresh_runs WHERE source_name = 'Designer' AND status != 'running'")) ?? 0
                if finished > round { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            if finished <= round { failures.append("round \(round) designer: no run finished within 60 s") }
            let status = try sqlite(database, "SELECT status || ' ' || coalesce(error, '') FROM refresh_runs WHERE source_name = 'Designer' ORDER BY id DESC LIMIT 1")
            if !status.hasPrefix("succeeded") { failures.append("round \(round) designer: \(status)") }
            let overlap = try sqlite(database, """
                SELECT max(d.started_at, s.started_at) < min(d.ended_at, s.ended_at)
                FROM (SELECT * FROM refresh_runs WHERE source_name = 'Designer' ORDER BY id DESC LIMIT 1) d,
                     (SELECT * FROM refresh_runs WHERE source_name = 'Scheduler' ORDER BY id DESC LIMIT 1) s
                """)
            if overlap == "1" { overlapping += 1 }
            let screen = try await tmux.waitUntil("the designer back at rest") { $0.contains("Refreshed Designer") || $0.contains("Error") }
            screens.append(screen)
            harness.ledger.record("designer screen, round \(round)", text: screen)
            harness.ledger.harvest(secretsFile: harness.secretsURL)
            if !failures.isEmpty { break }
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(overlapping > 0, "the two refreshes never ran at the same time")
        #expect(screens.allSatisfy { !$0.contains("re-authoriz") }, "the designer never showed a re-authorization error")

        // The account still works, from the CLI and from the designer.
        let check = try await harness.run(["fetch", "contacts", "--account", "Demo", "--max-rows", "5"])
        #expect(check.status == 0, "\(check.stderr)")
        let list = try await harness.run(["accounts", "list", "--json"])
        #expect(list.stdout.contains("\"ok\""))
        var partial = 0
        for name in ["Designer", "Scheduler"] {
            let census = try #require(try harness.contactsTable(of: name))
            if census.rows != 200 || census.duplicates != 0 { partial += 1 }
        }
        #expect(partial == 0)
        let runs = try sqlite(database, "SELECT source_name || ':' || count(*) FROM refresh_runs WHERE status = 'succeeded' GROUP BY source_name ORDER BY source_name")
        #expect(runs == "Designer:\(rounds)\nScheduler:\(rounds)")
        try tmux.keys("q")
        try await tmux.waitFor("EXITED=0")

        let stats = try await harness.stats()
        ReliabilityReport.write(ReliabilityResult(
            scenario: "tokens-designer-and-daemon",
            description: "the designer's r and `infuse daemon --once` on one account, token expired each round",
            passed: failures.isEmpty && partial == 0 && check.status == 0,
            runs: rounds * 2, faultsInjected: rounds, rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: partial,
            notes: "rounds: \(rounds), \(overlapping) with both refreshes running at once; failed refreshes: \(failures.count); token refreshes: \(stats["tokenRefreshes"] ?? 0); account ok after: \(check.status == 0)"))
    }
}
