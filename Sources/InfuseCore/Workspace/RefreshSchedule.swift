import Foundation
import GRDB

/// When data sources are due: the interval counts from the start of the last refresh that ran to
/// an end, successful or failed. A failure (Keap or PostgreSQL down, a revoked token) is retried at
/// the next due time rather than at every check of the daemon; a run that was interrupted (its
/// process killed) does not count, so it runs again at the next check.
public enum RefreshSchedule {
    /// The statuses of the runs the interval counts from.
    static let attemptStatuses: [RefreshRunStatus] = [.succeeded, .failed]

    /// The next time `source` should be refreshed.
    ///
    /// - Returns: nil for `never`; `source.createdAt` (so: due now) when no refresh has ended
    ///   yet; else `lastAttempt + interval`.
    public static func nextDue(for source: DataSource, lastAttempt: Date?) -> Date? {
        guard let seconds = source.refreshInterval.seconds else { return nil }
        guard let lastAttempt else { return source.createdAt }
        return lastAttempt.addingTimeInterval(seconds)
    }

    /// Whether `source` is due at `now`.
    public static func isDue(_ source: DataSource, lastAttempt: Date?, now: Date) -> Bool {
        guard let due = nextDue(for: source, lastAttempt: lastAttempt) else { return false }
        return lastAttempt == nil || due <= now
    }
}

extension Workspace {
    /// The next time the saved source `source` is due (see `RefreshSchedule.nextDue`), from the
    /// start of its last successful or failed run.
    public func nextDue(for source: DataSource) throws -> Date? {
        RefreshSchedule.nextDue(for: source, lastAttempt: try lastAttempts(of: source.name)[source.name])
    }

    /// Per source name (only `name`'s when given), the start of its last successful or failed run.
    func lastAttempts(of name: String? = nil) throws -> [String: Date] {
        let statuses = RefreshSchedule.attemptStatuses.map(\.rawValue)
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT source_name, MAX(started_at) AS started_at FROM refresh_runs
                WHERE status IN (\(statuses.map { _ in "?" }.joined(separator: ", ")))
                \(name == nil ? "" : "AND source_name = ?") GROUP BY source_name
                """, arguments: StatementArguments(statuses + (name.map { [$0] } ?? [])))
            .reduce(into: [String: Date]()) { result, row in
                result[try row.decode(forColumn: "source_name")] = try row.decode(forColumn: "started_at")
            }
        }
    }

    /// The data sources due at `now`, by name: those with an interval whose refreshes never ended,
    /// or whose last successful or failed run started at least one interval ago.
    public func dueSources(now: Date = Date()) throws -> [DataSource] {
        let sources = try allDataSources().filter { $0.refreshInterval != .never }
        let attempts = try lastAttempts()
        return sources.filter { RefreshSchedule.isDue($0, lastAttempt: attempts[$0.name], now: now) }
    }
}
