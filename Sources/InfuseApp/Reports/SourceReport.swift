import Foundation
import InfuseCore

/// A data source with its last run and next due time, as `infuse sources list` and `show` print
/// it (`--json` encodes it; absent values are `null`, not missing keys).
public struct SourceReport: Encodable, Sendable {
    /// The saved definition.
    public let source: DataSource
    /// The newest run, if any.
    public let lastRun: RefreshRun?
    /// When the schedule next refreshes it.
    public let nextDue: Date?
    /// The source's tables in the workspace (`show` only).
    public var tables: [String]?
    /// Its recent runs, newest first (`show` only).
    public var runs: [RunReport]?

    /// The report of `source` from the workspace; with `details`, its tables and last 10 runs too.
    public init(source: DataSource, workspace: Workspace, details: Bool = false) throws {
        self.source = source
        lastRun = try workspace.lastRun(source: source.name)
        nextDue = try workspace.nextDue(for: source)
        if details {
            tables = try workspace.importedTables(of: source.name)
            runs = try workspace.runs(source: source.name, limit: 10).map(RunReport.init)
        }
    }

    private enum Key: String, CodingKey {
        case name, description, account, target, schemas, status, rows, tables, view, runs
        case maxRows = "max_rows", refreshInterval = "refresh_interval", customFieldsPivot = "custom_fields_pivot"
        case lastRefresh = "last_refresh", nextDue = "next_due", destination
    }

    /// Encodes the report's fields in snake case.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(source.name, forKey: .name)
        try c.encode(source.description, forKey: .description)
        try c.encode(source.accountName, forKey: .account)
        try c.encode(source.target.summary, forKey: .target)
        try c.encode(source.maxRows, forKey: .maxRows)
        try c.encode(source.refreshInterval.word, forKey: .refreshInterval)
        try c.encode(source.selectedSchemas, forKey: .schemas)
        try c.encode(source.customFieldsPivot, forKey: .customFieldsPivot)
        try c.encode(source.destination, forKey: .destination)
        try c.encode(lastRun.map { RefreshLogLine.timestamp($0.startedAt) }, forKey: .lastRefresh)
        try c.encode(lastRun?.status.rawValue, forKey: .status)
        try c.encode(lastRun?.totalRows, forKey: .rows)
        try c.encode(nextDue.map(RefreshLogLine.timestamp), forKey: .nextDue)
        if let tables {
            try c.encode(tables, forKey: .tables)
            try c.encode(source.slug, forKey: .view)
        }
        try c.encodeIfPresent(runs, forKey: .runs)
    }
}

/// One refresh run as the CLI prints it.
public struct RunReport: Encodable, Sendable {
    /// The run.
    public let run: RefreshRun

    /// Wraps a run.
    public init(_ run: RefreshRun) { self.run = run }

    private enum Key: String, CodingKey {
        case id, status, error
        case startedAt = "started_at", endedAt = "ended_at", rowsPerTable = "rows_per_table", schemaChanges = "schema_changes"
    }

    /// Encodes the run's fields in snake case.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(run.id, forKey: .id)
        try c.encode(RefreshLogLine.timestamp(run.startedAt), forKey: .startedAt)
        try c.encode(run.endedAt.map(RefreshLogLine.timestamp), forKey: .endedAt)
        try c.encode(run.status.rawValue, forKey: .status)
        try c.encode(run.rowsPerTable, forKey: .rowsPerTable)
        try c.encode(run.error, forKey: .error)
        try c.encode(run.schemaChanges, forKey: .schemaChanges)
    }
}
