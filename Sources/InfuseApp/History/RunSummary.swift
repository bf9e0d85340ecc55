import Foundation
import InfuseCore

/// One refresh run as the History screen lists it: short texts for the columns and the lines of
/// its detail panel.
public struct RunSummary: Hashable, Sendable {
    /// The run's id.
    public var id: Int64
    /// `today 09:12:05`, `3 Nov 17:40:00`.
    public var startedText: String
    /// `2.1 s`, `1 m 05 s`, `running`.
    public var durationText: String
    /// `full` or `incremental`.
    public var modeText: String
    /// Total rows, grouped.
    public var rowsText: String
    /// API requests sent, or `—` where not counted.
    public var requestsText: String
    /// `succeeded`, `failed`, `interrupted`, `running`.
    public var statusText: String
    /// True when the run failed or was interrupted.
    public var failed: Bool
    /// The detail panel's lines.
    public var details: [String]

    /// The columns of the runs list.
    public static let header = ["Started", "Took", "Sync", "Rows", "Requests", "Status"]

    /// The texts of the list row.
    public var cells: [String] { [startedText, durationText, modeText, rowsText, requestsText, statusText] }

    /// Summarises `run` of the source whose tables start with `slug`, dates relative to `now` in `calendar`.
    public init(run: RefreshRun, slug: String, now: Date, calendar: Calendar = .current) {
        id = run.id
        startedText = Self.dateText(run.startedAt, now: now, calendar: calendar)
        durationText = run.endedAt.map { NumberText.duration($0.timeIntervalSince(run.startedAt)) } ?? "running"
        modeText = run.details.sync.rawValue
        rowsText = NumberText.grouped(run.totalRows)
        requestsText = run.details.apiRequests.map(NumberText.grouped) ?? "—"
        statusText = run.status.rawValue
        failed = run.status == .failed || run.status == .interrupted
        var lines: [String] = []
        let ended = run.endedAt.map { ", ended " + Self.dateText($0, now: now, calendar: calendar) } ?? ""
        lines.append("Run \(run.id) · started \(startedText)\(ended) · \(durationText) · \(statusText)")
        var read = run.details.sync == .full ? "Read: full (every record, tables replaced)" : "Read: incremental (changes since the watermark, merged by id)"
        if let requests = run.details.apiRequests { read += " · \(NumberText.grouped(requests)) API request\(requests == 1 ? "" : "s")" }
        lines.append(read)
        if run.details.rowsUpserted != nil || run.details.rowsDeleted != nil || run.details.watermark != nil {
            var parts: [String] = []
            if let n = run.details.rowsUpserted { parts.append("\(NumberText.grouped(n)) upserted") }
            if let n = run.details.rowsDeleted { parts.append("\(NumberText.grouped(n)) deleted") }
            if let w = run.details.watermark { parts.append("watermark \(CellText.safe(w))") }
            lines.append("Changes: " + parts.joined(separator: " · "))
        }
        if !run.rowsPerTable.isEmpty {
            lines.append("Rows: " + run.rowsPerTable.sorted { $0.key < $1.key }
                .map { "\(BrowseService.label(table: $0.key, slug: slug)) \(NumberText.grouped($0.value))" }
                .joined(separator: " · "))
        }
        if !run.schemaChanges.isEmpty { lines.append("Schema changes: " + run.schemaChanges.map(CellText.safe).joined(separator: "; ")) }
        for warning in run.details.warnings { lines.append("Warning: " + CellText.safe(warning)) }
        if let error = run.error { lines.append("Error: " + CellText.safe(error)) }
        details = lines
    }

    /// `today 09:12:05`, `yesterday 17:40:00`, `3 Nov 2026 17:40:00`.
    public static func dateText(_ date: Date, now: Date, calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .day, .month, .hour, .minute, .second], from: date)
        let time = String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        if calendar.isDate(date, inSameDayAs: now) { return "today \(time)" }
        if let y = calendar.date(byAdding: .day, value: -1, to: now), calendar.isDate(date, inSameDayAs: y) { return "yesterday \(time)" }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(c.day ?? 1) \(months[max(0, min(11, (c.month ?? 1) - 1))]) \(c.year ?? 0) \(time)"
    }
}

/// The History use case: the runs of a data source, newest first.
public struct HistoryService: Sendable {
    /// The workspace.
    public let workspace: Workspace

    /// Creates the use case.
    public init(workspace: Workspace) { self.workspace = workspace }

    /// The newest `limit` runs of `source`, summarised relative to `now`.
    /// - Throws: `WorkspaceError.dataSourceNotFound`.
    public func runs(of source: String, limit: Int = 200, now: Date = Date()) throws -> [RunSummary] {
        guard try workspace.dataSource(named: source) != nil else { throw WorkspaceError.dataSourceNotFound(name: source) }
        let slug = TableNaming.slug(for: source)
        return try workspace.runs(source: source, limit: limit).map { RunSummary(run: $0, slug: slug, now: now) }
    }
}
