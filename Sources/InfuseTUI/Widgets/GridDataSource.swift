import InfuseApp
/// Where a data grid gets its rows. The grid asks only for the rows it shows, so a source can
/// page from SQLite or generate rows on demand; it never has to hold every row in memory.
public protocol GridDataSource {
    /// Total number of rows.
    var rowCount: Int { get }
    /// The columns, in display order.
    var columns: [GridColumn] { get }
    /// The cell texts of the rows in `range` (row indices, 0-based), one array per row.
    func rows(in range: Range<Int>) -> [[String]]
}

/// A grid source over rows already in memory (small previews, tests).
public struct ArrayGridDataSource: GridDataSource, Hashable, Sendable {
    /// The columns.
    public var columns: [GridColumn]
    /// All rows.
    public var allRows: [[String]]

    /// Creates a source.
    public init(columns: [GridColumn], rows: [[String]]) {
        self.columns = columns
        self.allRows = rows
    }

    /// Number of rows.
    public var rowCount: Int { allRows.count }

    /// The rows in `range`, clamped to the rows that exist.
    public func rows(in range: Range<Int>) -> [[String]] {
        let r = range.clamped(to: 0..<allRows.count)
        return Array(allRows[r])
    }
}
