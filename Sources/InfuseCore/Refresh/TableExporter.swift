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
        var writer = ChunkWriter(handle: output)
        let count = try workspace.dbPool.read { db -> Int in
            let filter = selection.map { " WHERE \($0.condition) \($0.orderBy)" } ?? ""
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(relation.quotedIdentifier)" + filter,
                                             arguments: selection?.arguments ?? [])
            let statement = try db.makeStatement(sql: "SELECT * FROM \(relation.quotedIdentifier) LIMIT 0")
            let columns = statement.columnNames
            var rows = 0
            switch format {
            case .csv:
                writer.write(columns.map { csvField(visibleControls ? TextSafety.visible($0) : $0) }.joined(separator: ",") + "\r\n")
                while let row = try cursor.next() {
                    writer.write((0..<columns.count).map { index in
                        let value = row[index] as DatabaseValue
                        let stored = text(value)
                        let cell = visibleControls ? TextSafety.visible(stored) : stored
                        if !keepFormulas, case .string = value.storage, CSVInjection.looksLikeFormula(stored) {
                            return CSVInjection.neutralised(cell)
                        }
                        return csvField(cell)
                    }.joined(separator: ",") + "\r\n")
                    rows += 1
                }
            case .json:
                writer.write("[")
                let keys = columns.map { visibleControls ? String(decoding: TextSafety.visibleJSON(Array(jsonString($0).utf8)), as: UTF8.self) : jsonString($0) }
                while let row = try cursor.next() {
                    writer.write(rows == 0 ? "\n{" : ",\n{")
                    for index in 0..<columns.count {
                        let value = jsonValue(row[index] as DatabaseValue)
                        let shown = visibleControls ? String(decoding: TextSafety.visibleJSON(Array(value.utf8)), as: UTF8.self) : value
                        writer.write((index == 0 ? "" : ",") + keys[index] + ":" + shown)
                    }
                    writer.write("}")
                    rows += 1
                }
                writer.write(rows == 0 ? "]\n" : "\n]\n")
            }
            return rows
        }
        try writer.flush()
        return count
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
        var writer = ChunkWriter(handle: output)
        func shown(_ text: String) -> String { visibleControls ? TextSafety.visible(text) : text }
        func shownJSON(_ json: String) -> String {
            visibleControls ? String(decoding: TextSafety.visibleJSON(Array(json.utf8)), as: UTF8.self) : json
        }
        var count = 0
        switch format {
        case .csv:
            writer.write(columns.map { csvField(shown($0)) }.joined(separator: ",") + "\r\n")
        case .json:
            writer.write("[")
        }
        let keys = columns.map { shownJSON(jsonString($0)) }
        try rows { batch in
            for row in batch {
                switch format {
                case .csv:
                    writer.write(row.enumerated().map { index, value in
                        let stored = value ?? ""
                        let numeric = index < types.count && [ColumnType.integer, .decimal, .boolean].contains(types[index])
                        if !keepFormulas, value != nil, !numeric, CSVInjection.looksLikeFormula(stored) {
                            return CSVInjection.neutralised(shown(stored))
                        }
                        return csvField(shown(stored))
                    }.joined(separator: ",") + "\r\n")
                case .json:
                    writer.write(count == 0 ? "\n{" : ",\n{")
                    for (index, value) in row.enumerated() {
                        let type = index < types.count ? types[index] : nil
                        let json: String
                        switch (value, type) {
                        case (nil, _): json = "null"
                        case (let text?, .integer?), (let text?, .decimal?):
                            json = Double(text).map { $0.isFinite } == true ? text : jsonString(text)
                        case (let text?, .boolean?): json = (text == "t" || text == "true") ? "true" : "false"
                        case (let text?, .json?): json = text
                        case (let text?, _): json = jsonString(text)
                        }
                        writer.write((index == 0 ? "" : ",") + keys[min(index, keys.count - 1)] + ":" + shownJSON(json))
                    }
                    writer.write("}")
                }
                count += 1
            }
        }
        if format == .json { writer.write(count == 0 ? "]\n" : "\n]\n") }
        try writer.flush()
        return count
    }

    private static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: ""
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let string): string
        case .blob(let data): data.base64EncodedString()
        }
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func jsonValue(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "null"
        case .int64(let number): String(number)
        case .double(let number): number.isFinite ? String(number) : "null"
        case .string(let string): jsonString(string)
        case .blob(let data): jsonString(data.base64EncodedString())
        }
    }

    private static func jsonString(_ text: String) -> String {
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
