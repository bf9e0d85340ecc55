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
    /// When an incremental source last found its deleted records (a full read or an id sweep).
    public let lastReconciled: Date?

    /// The report of `source` from the workspace; with `details`, its tables and last 10 runs too.
    public init(source: DataSource, workspace: Workspace, details: Bool = false) throws {
        self.source = source
        lastRun = try workspace.lastRun(source: source.name)
        nextDue = try workspace.nextDue(for: source)
        lastReconciled = try workspace.lastReconciled(source: source.name)
        if details {
            tables = try workspace.importedTables(of: source.name)
            runs = try workspace.runs(source: source.name, limit: 10).map(RunReport.init)
        }
    }

    /// A reconcile interval in seconds as `1d`, `12h`, `30m` or `90 s`.
    public static func intervalText(_ seconds: Int) -> String {
        if seconds > 0, seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds > 0, seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
        if seconds > 0, seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds) s"
    }

    private enum Key: String, CodingKey {
        case name, description, account, target, schemas, status, rows, tables, view, runs
        case maxRows = "max_rows", refreshInterval = "refresh_interval", customFieldsPivot = "custom_fields_pivot"
        case lastRefresh = "last_refresh", nextDue = "next_due", destination, sync
        case reconcileInterval = "reconcile_interval", lastReconciled = "last_reconciled"
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
        try c.encode(source.sync.rawValue, forKey: .sync)
        try c.encode(source.reconcileInterval, forKey: .reconcileInterval)
        try c.encode(lastReconciled.map(RefreshLogLine.timestamp), forKey: .lastReconciled)
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
        case sync, warnings, watermark
        case apiRequests = "api_requests", rowsUpserted = "rows_upserted", rowsDeleted = "rows_deleted"
    }

    /// What a run changed, one short phrase: `+12 upserted, -3 deleted`, or `-` when not counted.
    public static func changedText(_ details: RunDetails) -> String {
        var parts: [String] = []
        if let upserted = details.rowsUpserted { parts.append("\(RefreshLogLine.grouped(upserted)) upserted") }
        if let deleted = details.rowsDeleted { parts.append("\(RefreshLogLine.grouped(deleted)) deleted") }
        return parts.isEmpty ? "-" : parts.joined(separator: ", ")
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
        try c.encode(run.details.sync.rawValue, forKey: .sync)
        try c.encode(run.details.apiRequests, forKey: .apiRequests)
        try c.encode(run.details.rowsUpserted, forKey: .rowsUpserted)
        try c.encode(run.details.rowsDeleted, forKey: .rowsDeleted)
        try c.encode(run.details.watermark, forKey: .watermark)
        try c.encode(run.details.warnings, forKey: .warnings)
    }
}
