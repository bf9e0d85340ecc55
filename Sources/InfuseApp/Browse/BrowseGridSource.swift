import Foundation
import InfuseCore

/// Rows of one destination relation read on demand for a data grid: only the window a frame
/// shows is queried (``rows(in:)``), so any number of rows can be browsed in constant memory.
/// Implementations are ``SQLiteGridSource`` and ``PostgresGridSource``; the designer's Browse
/// screen and `infuse-bench` use the same ones.
public protocol BrowseGridSource: AnyObject, Sendable {
    /// Rows that match the query, counted when the source was opened.
    var rowCount: Int { get }
    /// The columns with their type labels (`int`, `decimal`, `bool`, `date-time`, `text`).
    var columns: [GridColumn] { get }
    /// The column types (nil where the destination's type is not one Infuse writes).
    var columnTypes: [ColumnType?] { get }
    /// The relation and the query it shows.
    var table: BrowseTable { get }
    /// See ``table``.
    var query: BrowseQuery { get }
    /// The display texts of the rows in `range` (0-based row indices, clamped to the rows that
    /// exist), formatted by type (``CellText``); empty, with ``lastError`` set, if the read fails.
    func rows(in range: Range<Int>) -> [[String]]
    /// The last read's failure, one line, or nil.
    var lastError: String? { get }
}

/// A grid source as screen state: equal when it is the same open source.
public struct BrowseGrid: Equatable, Sendable {
    /// The open source.
    public let source: any BrowseGridSource

    /// Wraps `source`.
    public init(_ source: any BrowseGridSource) { self.source = source }

    /// Same source object.
    public static func == (a: BrowseGrid, b: BrowseGrid) -> Bool { a.source === b.source }
}
