import Foundation

/// How a refresh run ended (or that it is still going).
public enum RefreshRunStatus: String, Codable, Sendable, CaseIterable {
    case running
    case succeeded
    case failed
    /// The process doing the refresh ended before finishing (killed, crashed, power loss).
    case interrupted
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

    /// The total of `rowsPerTable`.
    public var totalRows: Int { rowsPerTable.values.reduce(0, +) }

    /// - Parameters: see the properties.
    public init(
        id: Int64, sourceName: String, startedAt: Date, endedAt: Date? = nil, status: RefreshRunStatus,
        rowsPerTable: [String: Int] = [:], error: String? = nil, schemaChanges: [String] = [], pid: Int32
    ) {
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
