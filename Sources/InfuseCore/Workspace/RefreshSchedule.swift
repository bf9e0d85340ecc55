import Foundation
import GRDB

/// When data sources are due: the interval counts from the start of the last successful refresh.
public enum RefreshSchedule {
    /// The next time `source` should be refreshed.
    ///
    /// - Returns: nil for `never`; `source.createdAt` (so: due now) when it has never been
    ///   refreshed successfully; else `lastSuccess + interval`.
    public static func nextDue(for source: DataSource, lastSuccess: Date?) -> Date? {
        guard let seconds = source.refreshInterval.seconds else { return nil }
        guard let lastSuccess else { return source.createdAt }
        return lastSuccess.addingTimeInterval(seconds)
    }

    /// Whether `source` is due at `now`.
    public static func isDue(_ source: DataSource, lastSuccess: Date?, now: Date) -> Bool {
        guard let due = nextDue(for: source, lastSuccess: lastSuccess) else { return false }
        return lastSuccess == nil || due <= now
    }
}

extension Workspace {
    /// The next time the saved source `source` is due (see `RefreshSchedule.nextDue`), from the
    /// start of its last successful run.
    public func nextDue(for source: DataSource) throws -> Date? {
        RefreshSchedule.nextDue(for: source, lastSuccess: try lastSuccessfulRun(source: source.name)?.startedAt)
    }

    /// The data sources due at `now`, by name: those with an interval that were never refreshed
    /// successfully or whose last success started at least one interval ago.
    public func dueSources(now: Date = Date()) throws -> [DataSource] {
        let sources = try allDataSources().filter { $0.refreshInterval != .never }
        let lastSuccess = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT source_name, MAX(started_at) AS started_at FROM refresh_runs
                WHERE status = ? GROUP BY source_name
                """, arguments: [RefreshRunStatus.succeeded.rawValue])
            .reduce(into: [String: Date]()) { result, row in
                result[try row.decode(forColumn: "source_name")] = try row.decode(forColumn: "started_at")
            }
        }
        return sources.filter { RefreshSchedule.isDue($0, lastSuccess: lastSuccess[$0.name], now: now) }
    }
}
