#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif
import GRDB

/// A `RowSink` that binds each row to one reused prepared `INSERT` per table and steps it with
/// SQLite's C API (no per-value allocation). Run it inside a transaction.
struct SQLiteInsertSink: RowSink {
    private let statements: [Statement]
    private let connection: OpaquePointer?
    /// Rows inserted per table.
    private(set) var counts: [Int]

    /// Prepares one statement per table: `sql[i]` must be an `INSERT` with one `?` per column.
    init(db: Database, sql: [String]) throws {
        statements = try sql.map { try db.makeStatement(sql: $0) }
        connection = db.sqliteConnection
        counts = Array(repeating: 0, count: sql.count)
    }

    mutating func appendRow(table: Int, values: UnsafeBufferPointer<FlatValue>) throws {
        let statement = statements[table].sqliteStatement
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(statement, position)
            case .integer(let number):
                code = sqlite3_bind_int64(statement, position, number)
            case .double(let number):
                code = sqlite3_bind_double(statement, position, number)
            case .text(let bytes):
                if let base = bytes.baseAddress, bytes.count > 0 {
                    // The bytes stay valid until this call returns, and the statement is
                    // stepped before then: SQLITE_STATIC (nil) avoids a copy.
                    code = sqlite3_bind_text(statement, position, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
                } else {
                    code = sqlite3_bind_text(statement, position, "", 0, nil)
                }
            }
            guard code == SQLITE_OK else { throw failure(statement) }
        }
        let step = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard step == SQLITE_DONE else { throw failure(statement) }
        counts[table] += 1
    }

    private func failure(_ statement: OpaquePointer?) -> RefreshError {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "unknown SQLite error"
        return .database(message)
    }
}
