import InfuseApp
import GRDB
import InfuseTUI

/// A ``GridDataSource`` over an SQLite rowid table that reads only the rows a frame shows.
///
/// Rows are in rowid order. To find the first row of a window it takes the cheapest of: counting
/// from the start (`LIMIT 1 OFFSET i`), counting back from the end (`ORDER BY rowid DESC`), or
/// stepping from the rowids of the last window it read (keyset), so scrolling costs a few rows
/// and jumping to either end is as cheap as the first page. The window itself is one
/// `WHERE rowid >= ? ORDER BY rowid LIMIT ?`.
final class SQLiteGridSource: GridDataSource {
    /// Total rows, counted once when the source is made.
    let rowCount: Int
    /// The table's columns with their declared types (lowercased).
    let columns: [GridColumn]
    /// The last SQLite error a read hit (the grid then shows no rows), if any.
    private(set) var lastError: (any Error)?
    /// Total time spent in ``rows(in:)`` so far.
    private(set) var readTime: Duration = .zero

    private let reader: any DatabaseReader
    private let quotedTable: String
    private let selectList: String
    private var window: (lower: Int, rowids: [Int64])?

    /// A source over `table` read through `reader`.
    init(reader: any DatabaseReader, table: String) throws {
        self.reader = reader
        quotedTable = table.quotedDatabaseIdentifier
        let quoted = quotedTable
        let (columns, count) = try reader.read { db -> ([GridColumn], Int) in
            let info = try Row.fetchAll(db, sql: "PRAGMA table_info(\(quoted))")
            let columns = info.map { row in
                GridColumn(name: row["name"] ?? "", type: ((row["type"] as String?) ?? "").lowercased())
            }
            return (columns, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(quoted)") ?? 0)
        }
        guard !columns.isEmpty else { throw BenchError("table \(table) does not exist") }
        self.columns = columns
        self.rowCount = count
        selectList = columns.map { $0.name.quotedDatabaseIdentifier }.joined(separator: ", ")
    }

    /// The cell texts of the rows in `range`; empty (and ``lastError`` set) if SQLite fails.
    func rows(in range: Range<Int>) -> [[String]] {
        let range = range.clamped(to: 0..<rowCount)
        guard !range.isEmpty else { return [] }
        let started = ContinuousClock.now
        defer { readTime += ContinuousClock.now - started }
        do {
            let (rowids, cells) = try reader.read { db in try read(db, range) }
            window = (range.lowerBound, rowids)
            return cells
        } catch {
            lastError = error
            window = nil
            return []
        }
    }

    private func read(_ db: Database, _ range: Range<Int>) throws -> ([Int64], [[String]]) {
        guard let first = try firstRowid(db, index: range.lowerBound) else { return ([], []) }
        let statement = try db.cachedStatement(
            sql: "SELECT rowid, \(selectList) FROM \(quotedTable) WHERE rowid >= ? ORDER BY rowid LIMIT ?")
        var rowids: [Int64] = []
        var cells: [[String]] = []
        rowids.reserveCapacity(range.count)
        cells.reserveCapacity(range.count)
        let cursor = try Row.fetchCursor(statement, arguments: [first, range.count])
        while let row = try cursor.next() {
            rowids.append(row[0])
            var texts: [String] = []
            texts.reserveCapacity(row.count - 1)
            for index in 1..<row.count { texts.append(Self.text(row[index] as DatabaseValue)) }
            cells.append(texts)
        }
        return (rowids, cells)
    }

    /// The rowid of the row at `index`, by the cheapest route.
    private func firstRowid(_ db: Database, index: Int) throws -> Int64? {
        var best: (cost: Int, sql: String, arguments: StatementArguments) = (
            index, "SELECT rowid FROM \(quotedTable) ORDER BY rowid LIMIT 1 OFFSET ?", [index])
        let fromEnd = rowCount - 1 - index
        if fromEnd < best.cost {
            best = (fromEnd, "SELECT rowid FROM \(quotedTable) ORDER BY rowid DESC LIMIT 1 OFFSET ?", [fromEnd])
        }
        if let window, let firstKnown = window.rowids.first, let lastKnown = window.rowids.last {
            let upper = window.lower + window.rowids.count
            if index >= window.lower && index < upper { return window.rowids[index - window.lower] }
            if index >= upper, index - upper < best.cost {
                best = (index - upper, "SELECT rowid FROM \(quotedTable) WHERE rowid > ? ORDER BY rowid LIMIT 1 OFFSET ?",
                        [lastKnown, index - upper])
            } else if index < window.lower, window.lower - 1 - index < best.cost {
                best = (window.lower - 1 - index,
                        "SELECT rowid FROM \(quotedTable) WHERE rowid < ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                        [firstKnown, window.lower - 1 - index])
            }
        }
        return try Int64.fetchOne(db.cachedStatement(sql: best.sql), arguments: best.arguments)
    }

    /// How a stored value reads in a cell: NULL as empty, numbers in full, blobs by size.
    static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: ""
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let string): string
        case .blob(let data): "<\(data.count) bytes>"
        }
    }
}
