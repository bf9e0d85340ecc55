import Foundation
import InfuseApp
import InfuseCore

/// Screen 1, Data sources: the saved sources with account, endpoint, rows, last refresh, status
/// and next due, and a detail panel for the selected one.
public struct HomeState: Equatable, Sendable {
    /// The table of sources (filterable with `/`).
    public var list = ListState(rows: [], header: HomeState.header, emptyText: HomeState.emptyText)

    /// Creates an empty home screen.
    public init() {}

    /// Column headings.
    public static let header = ["Name", "Account", "Endpoint", "Rows", "Last refresh", "Status", "Next"]
    /// The empty state's line.
    public static let emptyText = "No data sources yet — press n to create one (try `infuse --sandbox` for demo data)"

    /// Rebuilds the table from `sources`, keeping the selection.
    public mutating func show(_ sources: [SourceRow]) {
        list.setItems(sources.map { row in
            [row.source.name, row.accountText, row.source.target.summary, row.rowsText, row.lastRefreshText,
             row.statusText, row.nextDueText]
        })
    }

    /// The selected source among `sources`.
    public func selected(in sources: [SourceRow]) -> SourceRow? {
        list.selectedItemIndex.flatMap { sources.indices.contains($0) ? sources[$0] : nil }
    }

}
