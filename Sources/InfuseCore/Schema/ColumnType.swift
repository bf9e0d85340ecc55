/// The type of an inferred column. Types widen as values disagree: integer → decimal → text;
/// booleans mixed with numbers or strings become text; nulls never change a type.
public enum ColumnType: String, Sendable, Hashable, CaseIterable, Codable {
    /// Whole numbers that fit `Int64`.
    case integer
    /// Numbers with a fraction or exponent (and integers mixed with them).
    case decimal
    /// `true`/`false`; loaded as 0/1.
    case boolean
    /// Any text, and the widest scalar type.
    case text
    /// ISO 8601 date or date-time strings, including Keap's `2022-09-29T00:42:42.000+0000`.
    case dateTime
    /// Heterogeneous values (objects, arrays, or a mix of kinds) kept as JSON text.
    case json

    /// The declared type for a SQLite column of this type.
    public var sqliteDeclaredType: String {
        switch self {
        case .integer: "INTEGER"
        case .decimal: "REAL"
        case .boolean: "BOOLEAN"
        case .text: "TEXT"
        case .dateTime: "DATETIME"
        case .json: "TEXT"
        }
    }
}

/// An owned value for a preview grid or a test: what a row's cell holds after flattening.
public enum SQLValue: Sendable, Hashable, CustomStringConvertible {
    /// No value.
    case null
    /// An integer (booleans are 0 or 1).
    case integer(Int64)
    /// A floating-point number.
    case double(Double)
    /// Text: strings, date-times, JSON text, or numbers too large for `Int64`/`Double`.
    case text(String)

    /// Plain rendering for grids and logs: `NULL`, digits or the text itself.
    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let v): String(v)
        case .double(let v): String(v)
        case .text(let v): v
        }
    }
}

/// A cell handed to a `RowSink`: like `SQLValue`, but text is borrowed UTF-8 bytes that are
/// valid only during the `appendRow` call, so flattening allocates nothing per value.
public enum FlatValue {
    /// No value.
    case null
    /// An integer (booleans are 0 or 1).
    case integer(Int64)
    /// A floating-point number.
    case double(Double)
    /// UTF-8 text, valid only during the call that received it.
    case text(UnsafeRawBufferPointer)

    /// An owned copy of the value.
    public var sqlValue: SQLValue {
        switch self {
        case .null: .null
        case .integer(let v): .integer(v)
        case .double(let v): .double(v)
        case .text(let bytes): .text(String(decoding: bytes, as: UTF8.self))
        }
    }
}
