import ArgumentParser
import Foundation
import InfuseApp
import InfuseCore

/// `infuse refresh`: refresh data sources now, one after another.
struct RefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh", abstract: "Fetch data sources again and swap in their new tables.",
        discussion: "Progress goes to stderr, one summary line per source to stdout; the exit code is 1 if any refresh failed.")

    @Argument(help: "Data source names.") var names: [String] = []
    @Flag(help: "Refresh the sources that are due on their schedule.") var due = false
    @Flag(help: "Refresh every data source.") var all = false
    @Flag(help: "Read every record again (and find deleted ones), even for an incremental source.") var full = false

    func validate() throws {
        let modes = (names.isEmpty ? 0 : 1) + (due ? 1 : 0) + (all ? 1 : 0)
        guard modes == 1 else { throw ValidationError("give data source names, --due or --all (one of them)") }
    }

    func run() async throws {
        try await CLI.guarded {
            let context = try InfuseContext.open()
            let engine = RefreshEngine(workspace: context.workspace, accounts: context.accounts)
            let chosen: [String]
            if due {
                chosen = try context.workspace.dueSources().map(\.name)
            } else if all {
                chosen = try context.workspace.allDataSources().map(\.name)
            } else {
                chosen = names
            }
            if chosen.isEmpty { CLI.out(due ? "no data source is due" : "no data sources") }
            var failed = 0
            for name in chosen {
                do {
                    let outcome = try await engine.refresh(sourceNamed: name, full: full, progress: RefreshProgressPrinter.report)
                    CLI.endProgress()
                    CLI.out("refreshed " + RefreshLogLine.summary(source: name, outcome: outcome))
                } catch {
                    CLI.endProgress()
                    CLI.printError("refresh of \"\(name)\" failed: \(userMessage(for: error))")
                    failed += 1
                }
            }
            if failed > 0 { throw ExitCode(1) }
        }
    }
}

/// Progress lines of a refresh on stderr.
enum RefreshProgressPrinter {
    @Sendable static func report(_ progress: RefreshProgress) {
        let eta = progress.estimatedRemaining.map { ", about \(RefreshLogLine.seconds($0)) left" } ?? ""
        switch progress.phase {
        case .fetching:
            CLI.progress("fetching: \(progress.rowsFetched)\(progress.totalRows.map { " of \($0)" } ?? "") records, \(progress.pagesFetched) pages\(eta)\(progress.retrying.map { "; \($0)" } ?? "")")
        case .loading:
            CLI.progress("loading: page \(progress.pagesFetched) of \(progress.totalPages ?? 0)\(eta)")
        case .swapping:
            CLI.progress("swapping in the new tables")
        case .done:
            break
        }
    }
}
