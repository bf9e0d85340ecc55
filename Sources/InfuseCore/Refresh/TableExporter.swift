import Foundation
import GRDB

/// The formats `infuse export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// RFC 4180 CSV with a header row; NULL is an empty field.
    case csv
    /// A JSON array of objects, one per row, with numbers as numbers and NULL as null.
    case json
}

/// Writes a data source's view or one of its tables as CSV or JSON, streaming rows.
public enum TableExporter {
    /// The table or view `export` reads: the source's view when `table` is nil, else the table
    /// of the schema path `table` (`contacts.email_addresses`) or the full table name.
    /// - Throws: `WorkspaceError.dataSourceNotFound`, `ExportError.noSuchTable`.
    public static func relation(workspace: Workspace, source name: String, table: String?) throws -> String {
        guard try workspace.dataSource(named: name) != nil else { throw WorkspaceError.dataSourceNotFound(name: name) }
        let existing = try workspace.dbPool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        }
        let tables = try workspace.importedTables(of: name).filter { !$0.hasSuffix(TablePlan.stagingSuffix) }
        guard let table else {
            let view = TableNaming.viewName(source: name)
            guard existing.contains(view) else { throw ExportError.notRefreshed(source: name) }
            return view
        }
        let candidate = TableNaming.tableName(source: name, schemaPath: table)
        if tables.contains(candidate) { return candidate }
        if tables.contains(table) { return table }
        throw ExportError.noSuchTable(source: name, table: table, available: tables.map { SchemaDrift.displayPath($0, slug: TableNaming.slug(for: name)) })
    }

    /// Writes every row of `relation` to `output` in `format`; returns the number of rows.
    ///
    /// In CSV, a text cell that a spreadsheet would run as a formula (it starts with `=`, `+`,
    /// `-`, `@`, a tab or a carriage return) gets a leading `'` and quotes, as OWASP advises
    /// against CSV injection, unless `keepFormulas` is set. Numbers are never changed.
    /// With `visibleControls` (the output is a terminal), control characters, C1 controls and bidi
    /// overrides in CRM text are written as visible escapes (`TextSafety.visible`; in JSON as the
    /// equivalent `\uXXXX`), so a cell cannot drive the terminal; files and pipes get the text as stored.
    ///
    /// `selection` narrows and orders the rows (the designer's Browse exports what it shows).
    public static func export(
        workspace: Workspace, relation: String, format: ExportFormat, to output: FileHandle, keepFormulas: Bool = false,
        visibleControls: Bool = false, selection: ExportSelection? = nil
    ) throws -> Int {
        try workspace.dbPool.read { db -> Int in
            let filter = selection.map { " WHERE \($0.condition) \($0.orderBy)" } ?? ""
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(relation.quotedIdentifier)" + filter,
                                             arguments: selection?.arguments ?? [])
            let statement = try db.makeStatement(sql: "SELECT * FROM \(relation.quotedIdentifier) LIMIT 0")
            var writer = ExportRowWriter(handle: output, columns: statement.columnNames, format: format,
                                         keepFormulas: keepFormulas, visibleControls: visibleControls)
            while let row = try cursor.next() {
                writer.write((0..<row.count).map { ExportCell(row[$0] as DatabaseValue) })
            }
            return try writer.finish()
        }
    }

    /// Writes rows read from another destination (PostgreSQL values as its `::text`, nil for
    /// NULL) in `format`, with the same CSV quoting, formula neutralising (text columns only:
    /// numbers are never changed) and visible escapes as ``export(workspace:relation:format:to:keepFormulas:visibleControls:selection:)``.
    /// In JSON, integer and decimal columns are numbers, booleans `true`/`false`, JSON columns
    /// their JSON, the rest strings. `rows` calls its argument with each batch of rows in order.
    /// - Returns: the number of rows written.
    public static func export(
        columns: [String], types: [ColumnType?], format: ExportFormat, to output: FileHandle, keepFormulas: Bool = false,
        visibleControls: Bool = false, rows: ((_ batch: [[String?]]) throws -> Void) throws -> Void
    ) throws -> Int {
        var writer = ExportRowWriter(handle: output, columns: columns, format: format, keepFormulas: keepFormulas,
                                     visibleControls: visibleControls)
        try rows { batch in
            for row in batch {
                writer.write(row.enumerated().map { index, value in
                    ExportCell(text: value, type: index < types.count ? types[index] : nil)
                })
            }
        }
        return try writer.finish()
    }
}

/// One exported value: what the rows of either destination become before they are written.
enum ExportCell {
    /// NULL: an empty CSV field, JSON `null`.
    case null
    /// A number as the database wrote it (`42`, `1.5`); never neutralised.
    case number(String)
    /// A boolean (PostgreSQL's; SQLite keeps booleans as integers).
    case boolean(Bool)
    /// The text of a JSON column, embedded as is in JSON.
    case json(String)
    /// CRM text: quoted, formula-neutralised in CSV unless kept, escaped in JSON.
    case text(String)
    /// Binary data as base64: never neutralised.
    case blob(String)

    /// A SQLite value.
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .number(String(number))
        case .double(let number): self = number.isFinite ? .number(String(number)) : .null
        case .string(let string): self = .text(string)
        case .blob(let data): self = .blob(data.base64EncodedString())
        }
    }

    /// A PostgreSQL value as its `::text` (nil for NULL) in a column of `type`.
    init(text: String?, type: ColumnType?) {
        guard let text else { self = .null; return }
        switch type {
        case .integer?, .decimal?: self = Double(text).map { $0.isFinite } == true ? .number(text) : .text(text)
        case .boolean?: self = .boolean(text == "t" || text == "true")
        case .json?: self = .json(text)
        default: self = .text(text)
        }
    }
}

/// Writes exported rows as CSV or JSON — the one writer behind `infuse export` and Browse's
/// export, for both destinations: RFC 4180 quoting, OWASP formula neutralising of text cells,
/// visible escapes for a terminal, typed JSON.
struct ExportRowWriter {
    private var writer: ChunkWriter
    private let format: ExportFormat
    private let keepFormulas: Bool
    private let visibleControls: Bool
    private let keys: [String]
    private var rows = 0

    /// Starts the output: the CSV header, or the JSON array.
    init(handle: FileHandle, columns: [String], format: ExportFormat, keepFormulas: Bool, visibleControls: Bool) {
        writer = ChunkWriter(handle: handle)
        self.format = format
        self.keepFormulas = keepFormulas
        self.visibleControls = visibleControls
        keys = columns.map { Self.jsonString($0) }
        switch format {
        case .csv: writer.write(columns.map { Self.csvField(visibleControls ? TextSafety.visible($0) : $0) }.joined(separator: ",") + "\r\n")
        case .json: writer.write("[")
        }
    }

    /// Writes one row.
    mutating func write(_ cells: [ExportCell]) {
        switch format {
        case .csv:
            writer.write(cells.map(csvCell).joined(separator: ",") + "\r\n")
        case .json:
            writer.write(rows == 0 ? "\n{" : ",\n{")
            for (index, cell) in cells.enumerated() {
                let key = index < keys.count ? keys[index] : Self.jsonString("column_\(index + 1)")
                writer.write((index == 0 ? "" : ",") + shownJSON(key) + ":" + shownJSON(jsonCell(cell)))
            }
            writer.write("}")
        }
        rows += 1
    }

    /// Ends the output and flushes it; returns the rows written.
    mutating func finish() throws -> Int {
        if format == .json { writer.write(rows == 0 ? "]\n" : "\n]\n") }
        try writer.flush()
        return rows
    }

    private func shown(_ text: String) -> String { visibleControls ? TextSafety.visible(text) : text }

    private func shownJSON(_ json: String) -> String {
        visibleControls ? String(decoding: TextSafety.visibleJSON(Array(json.utf8)), as: UTF8.self) : json
    }

    private func csvCell(_ cell: ExportCell) -> String {
        switch cell {
        case .null: return ""
        case .number(let text), .blob(let text): return Self.csvField(text)
        case .boolean(let value): return value ? "true" : "false"
        case .json(let text), .text(let text):
            if !keepFormulas, CSVInjection.looksLikeFormula(text) { return CSVInjection.neutralised(shown(text)) }
            return Self.csvField(shown(text))
        }
    }

    private func jsonCell(_ cell: ExportCell) -> String {
        switch cell {
        case .null: "null"
        case .number(let text), .json(let text): text
        case .boolean(let value): value ? "true" : "false"
        case .text(let text), .blob(let text): Self.jsonString(text)
        }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Which rows of a relation an export writes, in which order: an SQL condition with its
/// arguments and an `ORDER BY` clause (empty for the relation's own order).
public struct ExportSelection {
    /// The `WHERE` condition (`1` for every row).
    public var condition: String
    /// The condition's arguments.
    public var arguments: StatementArguments
    /// `ORDER BY …`, or empty.
    public var orderBy: String

    /// Creates a selection.
    public init(condition: String, arguments: StatementArguments, orderBy: String) {
        self.condition = condition
        self.arguments = arguments
        self.orderBy = orderBy
    }
}

/// Why an export cannot be done.
public enum ExportError: UserFacingError, Equatable {
    /// The source has no view yet: it was never refreshed.
    case notRefreshed(source: String)
    /// The source has no such table.
    case noSuchTable(source: String, table: String, available: [String])
    /// The output file cannot be written.
    case cannotWrite(path: String)

    /// One line for a person.
    public var userMessage: String {
        switch self {
        case .notRefreshed(let source):
            "the data source \"\(source)\" has no data yet: run `infuse refresh \"\(source)\"` first"
        case .noSuchTable(let source, let table, let available):
            "the data source \"\(source)\" has no table \(table)" + (available.isEmpty ? "" : " (it has: \(available.joined(separator: ", ")))")
        case .cannotWrite(let path):
            "cannot write \(path): check the directory exists and is writable"
        }
    }
}

/// Buffers text and writes it in 64 KiB chunks.
private struct ChunkWriter {
    let handle: FileHandle
    var buffer: [UInt8] = []
    var failed = false

    init(handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 {
            do { try flush() } catch { failed = true; buffer.removeAll(keepingCapacity: true) }
        }
    }

    mutating func flush() throws {
        if failed { throw ExportError.cannotWrite(path: "the output") }
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
