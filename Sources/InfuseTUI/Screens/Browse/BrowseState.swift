import Foundation
import InfuseApp
import InfuseCore

/// Browse: a data source's view and tables in the data grid, read on demand from the
/// destination (``BrowseGridSource``), with a cell cursor, sort, filter, jump, copy and export.
public struct BrowseState: Equatable, Sendable {
    /// The data source browsed.
    public var source: String
    /// Its view and tables (view first); empty until they are read.
    public var tables: [BrowseTable] = []
    /// The table shown.
    public var tableIndex = 0
    /// The sort and filter asked for (the grid shows ``data``'s own until the new one opens).
    public var query = BrowseQuery()
    /// The open grid source, or nil while the first one opens.
    public var data: BrowseGrid?
    /// Row selection and scrolling.
    public var grid = GridState(columnCap: 40, emptyText: "(no rows)")
    /// The column of the cell cursor (sort, filter and copy act on it).
    public var focusedColumn = 0

    /// Browse of `source`, before its tables are read.
    public init(source: String) { self.source = source }

    /// The table shown, when known.
    public var table: BrowseTable? { tables.indices.contains(tableIndex) ? tables[tableIndex] : nil }

    /// The columns of the open source.
    public var columns: [GridColumn] { data?.source.columns ?? [] }

    /// Rows of the open source.
    public var rowCount: Int { data?.source.rowCount ?? 0 }

    /// The focused column's name.
    public var focusedColumnName: String? {
        columns.indices.contains(focusedColumn) ? columns[focusedColumn].name : nil
    }

    /// Data rows the grid shows on a terminal `height` rows high: all but the frame's title,
    /// separator, status, footer and bottom lines, the table tabs, the grid's box, its two header
    /// rows and its position line.
    public static func visibleRows(height: Int) -> Int { max(1, height - 11) }

    /// The selected row's cells, read from the source (tests; the reducer copies through an effect).
    public func selectedRowCells() -> [String]? {
        guard let data, rowCount > 0 else { return nil }
        return data.source.rows(in: grid.selectedRow..<(grid.selectedRow + 1)).first
    }
}
