import Foundation
import InfuseApp
import InfuseCore

/// History: the refresh runs of a data source, newest first, with the selected run's details
/// (rows per table, API requests, sync mode, schema changes, warnings, error).
public struct HistoryState: Equatable, Sendable {
    /// The data source.
    public var source: String
    /// The runs, or nil while they are read.
    public var runs: [RunSummary]?
    /// The list of runs.
    public var list = ListState(rows: [], header: RunSummary.header, emptyText: HistoryState.emptyText)

    /// The list's empty state.
    public static let emptyText = "No refresh has run yet — press r on the data sources to refresh now"

    /// History of `source`, before its runs are read.
    public init(source: String) { self.source = source }

    /// Shows `runs`, keeping the selection.
    public mutating func show(_ runs: [RunSummary]) {
        self.runs = runs
        list.setItems(runs.map(\.cells))
    }

    /// The selected run.
    public var selected: RunSummary? {
        guard let runs, let i = list.selectedItemIndex, runs.indices.contains(i) else { return nil }
        return runs[i]
    }
}
