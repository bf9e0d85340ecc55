#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

/// Refresh history: one `refresh_runs` row per refresh, begun before fetching and finished with
/// the outcome.
extension Workspace {
    /// Records the start of a refresh of `source` by this process and returns the run's id.
    /// - Throws: `dataSourceNotFound`.
    public func beginRun(source: String, at date: Date = Date()) throws -> Int64 {
        try write { db in
            guard try DataSourceRecord.exists(db, key: source) else { throw WorkspaceError.dataSourceNotFound(name: source) }
            try db.execute(
                sql: "INSERT INTO refresh_runs (source_name, started_at, status, pid) VALUES (?, ?, ?, ?)",
                arguments: [source, date, RefreshRunStatus.running.rawValue, Int64(getpid())])
            return db.lastInsertedRowID
        }
    }

    /// Records how a run ended.
    /// - Parameters:
    ///   - rows: rows imported per table.
    ///   - error: why it failed (user-facing message), or nil.
    ///   - schemaChanges: the drift found, one line each.
    ///   - details: how the run read and what it changed.
    /// - Throws: `runNotFound`.
    public func finishRun(
        id: Int64, status: RefreshRunStatus, rows: [String: Int] = [:], error: String? = nil,
        schemaChanges: [String] = [], details: RunDetails = RunDetails(), at date: Date = Date()
    ) throws {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE refresh_runs SET ended_at = ?, status = ?, rows_per_table = ?, error = ?, schema_changes = ?,
                        sync_mode = ?, api_requests = ?, warnings = ?, rows_upserted = ?, rows_deleted = ?, watermark = ?
                    WHERE id = ?
                    """,
                arguments: [
                    date, status.rawValue, try jsonText(rows), error, try jsonText(schemaChanges),
                    details.sync.rawValue, details.apiRequests, try jsonText(details.warnings), details.rowsUpserted,
                    details.rowsDeleted, details.watermark, id,
                ])
            if db.changesCount == 0 { throw WorkspaceError.runNotFound(id: id) }
        }
    }

    /// The runs of `source`, newest first, at most `limit`.
    public func runs(source: String, limit: Int = 20) throws -> [RefreshRun] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM refresh_runs WHERE source_name = ? ORDER BY id DESC LIMIT ?",
                arguments: [source, max(0, limit)]
            ).map(Self.run(from:))
        }
    }

    /// The newest run of `source`, whatever its status.
    public func lastRun(source: String) throws -> RefreshRun? {
        try runs(source: source, limit: 1).first
    }

    /// The newest successful run of `source`.
    public func lastSuccessfulRun(source: String) throws -> RefreshRun? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM refresh_runs WHERE source_name = ? AND status = ? ORDER BY id DESC LIMIT 1",
                arguments: [source, RefreshRunStatus.succeeded.rawValue]
            ).map(Self.run(from:))
        }
    }

    /// Marks as `interrupted` every `running` run whose process is gone (killed, crashed), so the
    /// history says what happened. Runs of live processes are left alone. Called by `open`.
    /// - Returns: the ids of the runs it marked.
    @discardableResult
    public func markInterruptedRuns(at date: Date = Date()) throws -> [Int64] {
        try write { db in
            let running = try Row.fetchAll(
                db, sql: "SELECT id, pid FROM refresh_runs WHERE status = ?", arguments: [RefreshRunStatus.running.rawValue])
            var marked: [Int64] = []
            for row in running {
                let id: Int64 = try row.decode(forColumn: "id")
                let pid: Int64 = try row.decode(forColumn: "pid")
                if Self.processIsAlive(pid) { continue }
                try db.execute(
                    sql: "UPDATE refresh_runs SET status = ?, ended_at = ?, error = ? WHERE id = ?",
                    arguments: [
                        RefreshRunStatus.interrupted.rawValue, date,
                        "the refresh was interrupted: its process (\(pid)) ended before it finished", id,
                    ])
                marked.append(id)
            }
            return marked
        }
    }

    /// Whether a process with this id exists (`kill(pid, 0)`; EPERM means it exists but belongs
    /// to another user).
    static func processIsAlive(_ pid: Int64) -> Bool {
        guard pid > 0, pid <= Int64(Int32.max) else { return false }
        if kill(pid_t(pid), 0) == 0 { return true }
        return errno == EPERM
    }

    static func run(from row: Row) throws -> RefreshRun {
        let pid: Int64 = try row.decode(forColumn: "pid")
        return RefreshRun(
            id: try row.decode(forColumn: "id"),
            sourceName: try row.decode(forColumn: "source_name"),
            startedAt: try row.decode(forColumn: "started_at"),
            endedAt: try row.decode(forColumn: "ended_at"),
            status: try row.decodeEnum(RefreshRunStatus.self, forColumn: "status"),
            rowsPerTable: try row.decodeJSON([String: Int].self, forColumn: "rows_per_table"),
            error: try row.decode(forColumn: "error"),
            schemaChanges: try row.decodeJSON([String].self, forColumn: "schema_changes"),
            pid: Int32(truncatingIfNeeded: pid),
            details: RunDetails(
                sync: try row.decodeEnum(SyncMode.self, forColumn: "sync_mode"),
                apiRequests: try row.decode(forColumn: "api_requests"),
                warnings: try row.decodeJSON([String].self, forColumn: "warnings"),
                rowsUpserted: try row.decode(forColumn: "rows_upserted"),
                rowsDeleted: try row.decode(forColumn: "rows_deleted"),
                watermark: try row.decode(forColumn: "watermark")))
    }
}
