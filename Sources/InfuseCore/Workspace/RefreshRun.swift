import Foundation

/// How a refresh run ended (or that it is still going).
public enum RefreshRunStatus: String, Codable, Sendable, CaseIterable {
    case running
    case succeeded
    case failed
    /// The process doing the refresh ended before finishing (killed, crashed, power loss).
    case interrupted
}

/// How a refresh read the API: everything again, or only what changed since the last watermark.
public enum SyncMode: String, Codable, Sendable, CaseIterable {
    /// Every record is read and the tables are replaced.
    case full
    /// Only the records changed since the watermark are read and merged by id.
    case incremental
}

/// What a run did beyond its row counts: how it read, what it cost, what it changed.
public struct RunDetails: Codable, Sendable, Equatable {
    /// How the run read the API.
    public var sync: SyncMode
    /// API requests the run sent (retries included); nil where not counted (imports, older runs).
    public var apiRequests: Int?
    /// Warnings of the fetch, one line each (a repeated page token, a short page read again).
    public var warnings: [String]
    /// Parent rows inserted or updated by an incremental run; nil for a full run.
    public var rowsUpserted: Int?
    /// Rows removed because the API no longer lists them (an id sweep); nil where none was made.
    public var rowsDeleted: Int?
    /// The largest change time seen (the next incremental run reads from it), as the API wrote it.
    public var watermark: String?

    /// Creates details; the defaults describe a full run with nothing counted.
    public init(sync: SyncMode = .full, apiRequests: Int? = nil, warnings: [String] = [], rowsUpserted: Int? = nil,
                rowsDeleted: Int? = nil, watermark: String? = nil) {
        self.sync = sync
        self.apiRequests = apiRequests
        self.warnings = warnings
        self.rowsUpserted = rowsUpserted
        self.rowsDeleted = rowsDeleted
        self.watermark = watermark
    }
}

/// One refresh of one data source, as recorded in the history.
public struct RefreshRun: Codable, Sendable, Equatable, Identifiable {
    /// The run's id in `refresh_runs` (as returned by `beginRun`).
    public var id: Int64
    /// The data source refreshed.
    public var sourceName: String
    /// When the run began; the schedule counts from this time of the last successful run.
    public var startedAt: Date
    /// When the run finished; nil while running.
    public var endedAt: Date?
    /// Running, succeeded, failed or interrupted.
    public var status: RefreshRunStatus
    /// Rows imported per table name.
    public var rowsPerTable: [String: Int]
    /// Why the run failed or was interrupted (a user-facing message, never a secret).
    public var error: String?
    /// Schema drift found by this run, one line each ("contacts: column fax added").
    public var schemaChanges: [String]
    /// The process that ran (or runs) the refresh.
    public var pid: Int32
    /// How the run read and what it changed (sync mode, requests, warnings, upserts, deletes, watermark).
    public var details: RunDetails

    /// The total of `rowsPerTable`.
    public var totalRows: Int { rowsPerTable.values.reduce(0, +) }

    /// - Parameters: see the properties.
    public init(
        id: Int64, sourceName: String, startedAt: Date, endedAt: Date? = nil, status: RefreshRunStatus,
        rowsPerTable: [String: Int] = [:], error: String? = nil, schemaChanges: [String] = [], pid: Int32, details: RunDetails = RunDetails()
    ) {
        self.details = details
        self.id = id
        self.sourceName = sourceName
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.rowsPerTable = rowsPerTable
        self.error = error
        self.schemaChanges = schemaChanges
        self.pid = pid
    }
}
