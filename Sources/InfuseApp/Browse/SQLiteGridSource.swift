import Foundation
import GRDB
import InfuseCore

/// A ``BrowseGridSource`` over an SQLite table or view that reads only the rows a frame shows.
///
/// Unsorted table rows are in rowid order. To find the first row of a window it takes the
/// cheapest of: counting from the start (`LIMIT 1 OFFSET i`), counting back from the end
/// (`ORDER BY rowid DESC`), or stepping from the rowids of the last window it read (keyset), so
/// scrolling costs a few rows and jumping to either end is as cheap as the first page; the
/// window itself is one `WHERE rowid >= ? ORDER BY rowid LIMIT ?`. A sorted table reads its
/// window by offset in the sort order (ties by rowid), from whichever end is nearer; a view,
/// which has no rowid, by offset from the start. The filter is a `WHERE` condition of every
/// query, and the count is taken once when the source opens.
public final class SQLiteGridSource: BrowseGridSource, @unchecked Sendable {
    /// See ``BrowseGridSource/rowCount``.
    public let rowCount: Int
    /// See ``BrowseGridSource/columns``.
    public let columns: [GridColumn]
    /// See ``BrowseGridSource/columnTypes``.
    public let columnTypes: [ColumnType?]
    /// See ``BrowseGridSource/table``.
    public let table: BrowseTable
    /// See ``BrowseGridSource/query``.
    public let query: BrowseQuery

    private let reader: any DatabaseReader
    private let quotedRelation: String
    private let selectList: String
    private let sql: SQLiteBrowseSQL
    private let lock = NSLock()
    private var window: (lower: Int, rowids: [Int64])?
    private var cached: (range: Range<Int>, rows: [[String]])?
    private var failure: String?
    private var spent: Duration = .zero

    /// Opens `table` read through `reader`, showing `query`: reads the columns and counts the rows.
    /// - Throws: `BrowseError.noSuchTable`, or the SQLite error (a filter on a missing column).
    public init(reader: any DatabaseReader, table: BrowseTable, query: BrowseQuery = BrowseQuery()) throws {
        self.reader = reader
        self.table = table
        self.query = query
        quotedRelation = table.relation.quotedDatabaseIdentifier
        let quoted = quotedRelation
        let info = try reader.read { db in try Row.fetchAll(db, sql: "PRAGMA table_info(\(quoted))") }
        guard !info.isEmpty else { throw BrowseError.noSuchTable(table.relation) }
        let declared = info.map { (($0["type"] as String?) ?? "") }
        let names = info.map { (($0["name"] as String?) ?? "") }
        columnTypes = declared.map(CellText.columnType(sqliteDeclared:))
        columns = zip(names, zip(columnTypes, declared)).map { GridColumn(name: $0.0, type: CellText.label($0.1.0, declared: $0.1.1)) }
        for name in [query.sort?.column, query.filter?.column].compactMap({ $0 }) where !names.contains(name) {
            throw BrowseError.noSuchColumn(name, table: table.label)
        }
        let types = Dictionary(zip(names, columnTypes), uniquingKeysWith: { a, _ in a })
        sql = SQLiteBrowseSQL(query: query, types: types)
        selectList = names.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        let (condition, arguments) = (sql.condition, sql.arguments)
        rowCount = try reader.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(quoted) WHERE \(condition)", arguments: arguments) ?? 0
        }
    }

    /// See ``BrowseGridSource/lastError``.
    public var lastError: String? { lock.withLock { failure } }

    /// Total time spent reading in ``rows(in:)`` so far (the bench reports it).
    public var readTime: Duration { lock.withLock { spent } }

    /// See ``BrowseGridSource/rows(in:)``. The last window is kept, so redrawing the same rows
    /// reads nothing.
    public func rows(in range: Range<Int>) -> [[String]] {
        let range = range.clamped(to: 0..<rowCount)
        guard !range.isEmpty else { return [] }
        return lock.withLock {
            if let cached, cached.range == range { return cached.rows }
            let started = ContinuousClock.now
            defer { spent += ContinuousClock.now - started }
            do {
                let cells = try reader.read { db in try read(db, range) }
                cached = (range, cells)
                failure = nil
                return cells
            } catch {
                failure = "reading \(table.label) failed: \(error)"
                window = nil
                cached = nil
                return []
            }
        }
    }

    private func read(_ db: Database, _ range: Range<Int>) throws -> [[String]] {
        if table.isView || sql.sortColumn != nil { return try readByOffset(db, range) }
        guard let first = try firstRowid(db, index: range.lowerBound) else { return [] }
        let statement = try db.cachedStatement(
            sql: "SELECT rowid, \(selectList) FROM \(quotedRelation) WHERE (\(sql.condition)) AND rowid >= ? ORDER BY rowid LIMIT ?")
        var rowids: [Int64] = []
        var cells: [[String]] = []
        rowids.reserveCapacity(range.count)
        cells.reserveCapacity(range.count)
        let cursor = try Row.fetchCursor(statement, arguments: sql.arguments + [first, range.count])
        while let row = try cursor.next() {
            rowids.append(row[0])
            cells.append(texts(row, from: 1))
        }
        window = (range.lowerBound, rowids)
        return cells
    }

    /// A window by `LIMIT … OFFSET` in the sort order, from the nearer end (a table only: a view
    /// cannot be read backwards without a key).
    private func readByOffset(_ db: Database, _ range: Range<Int>) throws -> [[String]] {
        let tie: String? = table.isView ? nil : "rowid"
        let fromEnd = rowCount - range.upperBound
        let backwards = !table.isView && fromEnd < range.lowerBound
        let order = sql.orderBy(reversed: backwards, tieBreak: tie)
        let statement = try db.cachedStatement(
            sql: "SELECT \(selectList) FROM \(quotedRelation) WHERE \(sql.condition) \(order) LIMIT ? OFFSET ?")
        let offset = backwards ? fromEnd : range.lowerBound
        var cells: [[String]] = []
        cells.reserveCapacity(range.count)
        let cursor = try Row.fetchCursor(statement, arguments: sql.arguments + [range.count, offset])
        while let row = try cursor.next() { cells.append(texts(row, from: 0)) }
        return backwards ? Array(cells.reversed()) : cells
    }

    private func texts(_ row: Row, from start: Int) -> [String] {
        var texts: [String] = []
        texts.reserveCapacity(row.count - start)
        for index in start..<row.count { texts.append(CellText.sqlite(row[index] as DatabaseValue, type: columnTypes[index - start])) }
        return texts
    }

    /// The rowid of the row at `index` (in rowid order, among the rows the filter keeps), by the cheapest route.
    private func firstRowid(_ db: Database, index: Int) throws -> Int64? {
        let w = sql.condition
        var best: (cost: Int, sql: String, arguments: StatementArguments) = (
            index, "SELECT rowid FROM \(quotedRelation) WHERE \(w) ORDER BY rowid LIMIT 1 OFFSET ?", sql.arguments + [index])
        let fromEnd = rowCount - 1 - index
        if fromEnd < best.cost {
            best = (fromEnd, "SELECT rowid FROM \(quotedRelation) WHERE \(w) ORDER BY rowid DESC LIMIT 1 OFFSET ?", sql.arguments + [fromEnd])
        }
        if let window, let firstKnown = window.rowids.first, let lastKnown = window.rowids.last {
            let upper = window.lower + window.rowids.count
            if index >= window.lower && index < upper { return window.rowids[index - window.lower] }
            if index >= upper, index - upper < best.cost {
                best = (index - upper, "SELECT rowid FROM \(quotedRelation) WHERE (\(w)) AND rowid > ? ORDER BY rowid LIMIT 1 OFFSET ?",
                        sql.arguments + [lastKnown, index - upper])
            } else if index < window.lower, window.lower - 1 - index < best.cost {
                best = (window.lower - 1 - index,
                        "SELECT rowid FROM \(quotedRelation) WHERE (\(w)) AND rowid < ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                        sql.arguments + [firstKnown, window.lower - 1 - index])
            }
        }
        return try Int64.fetchOne(db.cachedStatement(sql: best.sql), arguments: best.arguments)
    }
}

/// Why a relation cannot be browsed.
public enum BrowseError: UserFacingError, Equatable {
    /// The relation does not exist (the source was never refreshed, or its tables were dropped).
    case noSuchTable(String)
    /// The sort or filter names a column the relation does not have.
    case noSuchColumn(String, table: String)
    /// The source has no view or tables yet.
    case notRefreshed(source: String)
    /// Export from Browse is not offered for this destination.
    case exportUnsupported(String)

    /// One line for a person.
    public var userMessage: String {
        switch self {
        case .noSuchTable(let name): "the table \(name) does not exist: refresh the data source first"
        case .noSuchColumn(let column, let table): "\(table) has no column \(column)"
        case .notRefreshed(let source): "\(source) has no data yet: refresh it first (r on the home screen)"
        case .exportUnsupported(let reason): reason
        }
    }
}
