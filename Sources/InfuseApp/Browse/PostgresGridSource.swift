import Foundation
import GRDB
import InfuseCore

/// A ``BrowseGridSource`` over a table or the view of a data source's PostgreSQL destination.
///
/// Windows are `LIMIT … OFFSET` queries in the sort order (ties, and the unsorted order, by
/// `ctid` for a table), read from whichever end is nearer, over a count taken once when the
/// source opens. A read fetches the asked rows plus a margin either side and keeps them, so
/// scrolling within the margin queries nothing. Sorting and filtering are SQL; values are read
/// as `::text` and formatted by type (``CellText/postgres(_:type:)``).
public final class PostgresGridSource: BrowseGridSource, @unchecked Sendable {
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

    /// Rows read beyond the asked window on each side.
    static let margin = 100

    private let connection: PostgresQueryConnection
    private let from: String
    private let selectList: String
    private let condition: String
    private let binds: [String]
    private let lock = NSLock()
    private var cached: (lower: Int, rows: [[String]])?
    private var failure: String?

    private init(connection: PostgresQueryConnection, schema: String, table: BrowseTable, query: BrowseQuery,
                 columns: [(name: String, type: String)]) throws {
        // `AS t`: the columns are qualified (`t."id"`) in WHERE and ORDER BY, because a bare name in
        // ORDER BY would mean the select list's `"id"::text`, sorting numbers as text.
        let from = schema.quotedDatabaseIdentifier + "." + table.relation.quotedDatabaseIdentifier + " AS t"
        let types = columns.map { ColumnType(postgresTypeName: $0.type) }
        let names = columns.map(\.name)
        for name in [query.sort?.column, query.filter?.column].compactMap({ $0 }) where !names.contains(name) {
            throw BrowseError.noSuchColumn(name, table: table.label)
        }
        var condition = "TRUE"
        var binds: [String] = []
        if let filter = query.filter {
            let column = "t." + filter.column.quotedDatabaseIdentifier
            let text = filter.text.trimmingCharacters(in: .whitespaces)
            let type = names.firstIndex(of: filter.column).flatMap { types[$0] }
            if type == .boolean, let value = SQLiteBrowseSQL.booleanValue(text) {
                condition = "\(column) = $1::boolean"
                binds = [value ? "true" : "false"]
            } else {
                let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_")
                condition = "\(column)::text ILIKE $1"
                binds = ["%" + escaped + "%"]
            }
        }
        let count = try connection.textRows("SELECT COUNT(*)::text FROM \(from) WHERE \(condition)", binds: binds, columns: 1)
        self.connection = connection
        self.table = table
        self.query = query
        self.from = from
        self.condition = condition
        self.binds = binds
        columnTypes = types
        self.columns = zip(columns, types).map { GridColumn(name: $0.0.name, type: CellText.label($0.1, declared: $0.0.type)) }
        selectList = columns.map { "t." + $0.name.quotedDatabaseIdentifier + "::text" }.joined(separator: ", ")
        rowCount = Int((count.first?.first ?? nil) ?? "") ?? 0
    }

    /// The source's view (when it exists) and tables in `slug`'s schema.
    public static func tables(destination: String, secrets: SecretsStore?, slug: String, view: String) async throws -> [BrowseTable] {
        let connection = try await PostgresQueryConnection.connect(destination: destination, secrets: secrets)
        defer { Task { await connection.close() } }
        let rows = try connection.textRows(
            "SELECT table_name::text, table_type::text FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
            binds: [slug], columns: 2)
        var views: [BrowseTable] = []
        var tables: [BrowseTable] = []
        for row in rows {
            guard let name = row[0] else { continue }
            if row[1] == "VIEW" {
                if name == view { views.append(BrowseTable(label: "view", relation: name, isView: true)) }
            } else {
                tables.append(BrowseTable(label: BrowseService.label(table: name, slug: slug), relation: name, isView: false))
            }
        }
        return views + tables
    }

    /// Opens `table` in `schema` of `destination` showing `query`: reads the columns and counts the rows.
    public static func open(destination: String, secrets: SecretsStore?, schema: String, table: BrowseTable,
                            query: BrowseQuery) async throws -> PostgresGridSource {
        let connection = try await PostgresQueryConnection.connect(destination: destination, secrets: secrets)
        let info = try connection.textRows("""
            SELECT a.attname::text, format_type(a.atttypid, a.atttypmod)
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = format('%I.%I', $1::text, $2::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """, binds: [schema, table.relation], columns: 2)
        let columns = info.compactMap { row -> (name: String, type: String)? in
            guard let name = row[0] else { return nil }
            return (name, row[1] ?? "")
        }
        guard !columns.isEmpty else { throw BrowseError.noSuchTable(table.relation) }
        return try PostgresGridSource(connection: connection, schema: schema, table: table, query: query, columns: columns)
    }

    /// See ``BrowseGridSource/lastError``.
    public var lastError: String? { lock.withLock { failure } }

    /// See ``BrowseGridSource/rows(in:)``.
    public func rows(in range: Range<Int>) -> [[String]] {
        let range = range.clamped(to: 0..<rowCount)
        guard !range.isEmpty else { return [] }
        return lock.withLock {
            if let cached, range.lowerBound >= cached.lower, range.upperBound <= cached.lower + cached.rows.count {
                return Array(cached.rows[(range.lowerBound - cached.lower)..<(range.upperBound - cached.lower)])
            }
            let chunk = max(0, range.lowerBound - Self.margin)..<min(rowCount, range.upperBound + Self.margin)
            do {
                let rows = try read(chunk)
                cached = (chunk.lowerBound, rows)
                failure = nil
                let lower = range.lowerBound - chunk.lowerBound
                return Array(rows[min(lower, rows.count)..<min(lower + range.count, rows.count)])
            } catch {
                failure = "reading \(table.label) failed: \((error as? any UserFacingError)?.userMessage ?? "\(error)")"
                cached = nil
                return []
            }
        }
    }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// Every row the query selects, in its order, as PostgreSQL's text of each value (nil for
    /// NULL), `size` rows at a time: what Browse exports. Reads until a batch comes back short.
    public func forEachBatch(size: Int = 1000, _ body: ([[String?]]) throws -> Void) throws {
        var offset = 0
        while true {
            let rows = try lock.withLock {
                try connection.textRows(
                    "SELECT \(selectList) FROM \(from) WHERE \(condition)\(orderClause(backwards: false)) LIMIT \(size) OFFSET \(offset)",
                    binds: binds, columns: columns.count)
            }
            if !rows.isEmpty { try body(rows) }
            if rows.count < size { return }
            offset += rows.count
        }
    }

    /// ` ORDER BY …` for the query's sort (ties, and the unsorted order, by `ctid` for a table).
    private func orderClause(backwards: Bool) -> String {
        var order: [String] = []
        if let sort = query.sort {
            let descending = sort.descending != backwards
            // Text in byte order (COLLATE "C"), NULLs first ascending: the order SQLite browses in.
            let index = columns.firstIndex { $0.name == sort.column }
            let isText = index.map { columnTypes[$0] == .text || columnTypes[$0] == nil } ?? false
            order.append("t." + sort.column.quotedDatabaseIdentifier + (isText ? " COLLATE \"C\"" : "")
                         + (descending ? " DESC NULLS LAST" : " ASC NULLS FIRST"))
        }
        if !table.isView { order.append("t.ctid" + (backwards ? " DESC" : " ASC")) }
        return order.isEmpty ? "" : " ORDER BY " + order.joined(separator: ", ")
    }

    private func read(_ range: Range<Int>) throws -> [[String]] {
        let fromEnd = rowCount - range.upperBound
        let backwards = !table.isView && fromEnd < range.lowerBound
        let orderBy = orderClause(backwards: backwards)
        let offset = backwards ? fromEnd : range.lowerBound
        let rows = try connection.textRows(
            "SELECT \(selectList) FROM \(from) WHERE \(condition)\(orderBy) LIMIT \(range.count) OFFSET \(offset)",
            binds: binds, columns: columns.count)
        let cells = rows.map { row in row.enumerated().map { CellText.postgres($0.element, type: columnTypes[$0.offset]) } }
        return backwards ? Array(cells.reversed()) : cells
    }
}

extension ColumnType {
    /// The column type of a PostgreSQL type as `format_type` writes it (Infuse's own mapping), or nil.
    init?(postgresTypeName name: String) {
        switch name.lowercased() {
        case "bigint", "integer", "smallint": self = .integer
        case "numeric", "double precision", "real": self = .decimal
        case "boolean": self = .boolean
        case "text", "character varying": self = .text
        case "timestamp with time zone", "timestamptz": self = .dateTime
        case "jsonb", "json": self = .json
        default:
            if name.lowercased().hasPrefix("numeric") { self = .decimal } else { return nil }
        }
    }
}
