import ArgumentParser
import Foundation
import InfuseApp
import InfuseCore

/// `infuse daemon`: refresh due data sources until SIGTERM.
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon", abstract: "Refresh data sources when they are due, until SIGINT or SIGTERM.",
        discussion: """
            Logs one line per refresh on stdout. On SIGTERM the refresh in flight is rolled back (its old \
            tables stay) and the daemon exits 0. With --once it runs what is due and exits (1 if any failed).
            """)

    @Flag(help: "Run the refreshes that are due now, then exit.") var once = false
    @Option(help: "Seconds between checks for due sources (default 30).") var interval: Int = 30

    func validate() throws {
        guard (1...86_400).contains(interval) else { throw ValidationError("--interval must be from 1 to 86400 seconds") }
    }

    func run() async throws {
        try await CLI.guarded {
            let context = try InfuseContext.open()
            let engine = RefreshEngine(workspace: context.workspace, accounts: context.accounts)
            let scheduler = RefreshScheduler(engine: engine, interval: .seconds(interval)) { line in CLI.out(line) }
            if once {
                let results = try await scheduler.runDue()
                if results.isEmpty { CLI.out("\(RefreshLogLine.timestamp(Date())) no data source is due") }
                if results.contains(where: { if case .failure = $0.outcome { true } else { false } }) { throw ExitCode(1) }
                return
            }
            let signals = SignalWaiter()
            CLI.out("\(RefreshLogLine.timestamp(Date())) daemon started: checking every \(interval) s")
            let loop = Task { await scheduler.run() }
            let stopper = Task {
                let signal = await signals.wait()
                CLI.out("\(RefreshLogLine.timestamp(Date())) received \(signal == SIGTERM ? "SIGTERM" : "SIGINT"): stopping")
                loop.cancel()
            }
            await loop.value
            stopper.cancel()
            CLI.out("\(RefreshLogLine.timestamp(Date())) daemon stopped")
        }
    }
}
