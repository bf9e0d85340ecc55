import Foundation

/// Runs due refreshes, one at a time, for `infuse daemon`: every `interval` it asks the
/// workspace which sources are due (`dueSources(now:)`) and refreshes each, logging one line
/// per refresh. Cancelling the task running `run()` rolls back the refresh in flight (its old
/// tables stay) and returns.
public final class RefreshScheduler: Sendable {
    /// The engine that refreshes.
    public let engine: RefreshEngine
    /// Time between checks for due sources.
    public let interval: Duration
    private let log: @Sendable (String) -> Void
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - interval: time between checks (the daemon's default is 30 s).
    ///   - now: the clock that decides what is due (the system's; tests pass their own).
    ///   - log: receives one line per refresh (see `RefreshLogLine`).
    public init(engine: RefreshEngine, interval: Duration = .seconds(30), now: @escaping @Sendable () -> Date = { Date() },
                log: @escaping @Sendable (String) -> Void) {
        self.engine = engine
        self.interval = interval
        self.now = now
        self.log = log
    }

    /// What one scheduled refresh did.
    public struct Result: Sendable {
        /// The data source's name.
        public let source: String
        /// The outcome, or the failure's message.
        public let outcome: Swift.Result<RefreshOutcome, RefreshFailure>
    }

    /// A failed refresh's message (already recorded in the history).
    public struct RefreshFailure: Error, Sendable, Equatable {
        /// The user-facing message.
        public let message: String
    }

    /// Refreshes every source due now (by the scheduler's clock), one at a time, logging each;
    /// stops early when the task is cancelled. Errors of single refreshes are logged, not thrown.
    /// - Throws: only when the workspace cannot list the due sources.
    @discardableResult
    public func runDue() async throws -> [Result] {
        var results: [Result] = []
        for source in try engine.workspace.dueSources(now: now()) {
            if Task.isCancelled { break }
            let started = now()
            do {
                let outcome = try await engine.refresh(sourceNamed: source.name, progress: nil)
                log(RefreshLogLine.success(source: source.name, outcome: outcome, at: started))
                results.append(Result(source: source.name, outcome: .success(outcome)))
            } catch {
                let message = userMessage(for: error)
                log(RefreshLogLine.failure(source: source.name, message: message, at: started))
                results.append(Result(source: source.name, outcome: .failure(RefreshFailure(message: message))))
            }
        }
        return results
    }

    /// Checks for due sources every `interval` until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            do {
                try await runDue()
            } catch {
                log("\(RefreshLogLine.timestamp(now())) cannot list due data sources: \(userMessage(for: error))")
            }
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
        }
    }
}

/// The daemon's and `infuse refresh`'s one-line summaries.
public enum RefreshLogLine {
    /// `2026-11-29T10:00:00Z refreshed "Contacts report": 2,500 rows in 3 tables (1.2 s)`.
    public static func success(source: String, outcome: RefreshOutcome, at date: Date) -> String {
        "\(timestamp(date)) refreshed \(summary(source: source, outcome: outcome))"
    }

    /// `2026-11-29T10:00:00Z refresh of "Contacts report" failed: <message>`.
    public static func failure(source: String, message: String, at date: Date) -> String {
        "\(timestamp(date)) refresh of \"\(source)\" failed: \(message)"
    }

    /// `"Contacts report": 2,500 rows in 3 tables (1.2 s, 4 requests)`, plus the schema changes
    /// and the fetch's warnings if any.
    public static func summary(source: String, outcome: RefreshOutcome) -> String {
        let tables = outcome.rowsPerTable.count
        let requests = outcome.details.apiRequests.map { ", \(grouped($0)) request\($0 == 1 ? "" : "s")" } ?? ""
        var line = "\"\(source)\": \(grouped(outcome.totalRows)) rows in \(tables) table\(tables == 1 ? "" : "s") (\(seconds(outcome.duration))\(requests))"
        let details = outcome.details
        if details.sync == .incremental {
            line += "; incremental: \(grouped(details.rowsUpserted ?? 0)) upserted"
            if let deleted = details.rowsDeleted { line += ", \(grouped(deleted)) deleted" }
        } else if let deleted = details.rowsDeleted, deleted > 0 {
            line += "; \(grouped(deleted)) deleted"
        }
        if !outcome.schemaChanges.isEmpty { line += "; schema changes: " + outcome.schemaChanges.joined(separator: ", ") }
        if !outcome.details.warnings.isEmpty { line += "; warnings: " + outcome.details.warnings.joined(separator: "; ") }
        return line
    }

    /// UTC ISO 8601 with seconds: `2026-11-29T10:00:00Z`.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// `2,500`.
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return (number < 0 ? "-" : "") + out
    }

    /// `1.2 s`.
    public static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.1f s", value)
    }
}
