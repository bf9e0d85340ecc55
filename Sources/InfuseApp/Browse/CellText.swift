import Foundation
import GRDB
import InfuseCore

/// How a stored value reads in a grid cell, by its column's type: booleans as `true`/`false`,
/// decimals without binary-float noise (`0.1 + 0.2` reads `0.3`), date-times with their zone as
/// `2024-01-05 10:00:00 +00:00`, NULL as empty. CRM text is shown safely: controls appear as
/// visible escapes (`TextSafety.visible`) and line breaks as spaces.
public enum CellText {
    /// The column type an SQLite declared type stands for (as ``ColumnType/sqliteDeclaredType``
    /// writes them), or nil.
    public static func columnType(sqliteDeclared declared: String) -> ColumnType? {
        switch declared.uppercased() {
        case "INTEGER", "INT", "BIGINT": .integer
        case "REAL", "NUMERIC", "DOUBLE", "FLOAT": .decimal
        case "BOOLEAN", "BOOL": .boolean
        case "DATETIME", "TIMESTAMP", "TIMESTAMPTZ": .dateTime
        case "TEXT": .text
        default: nil
        }
    }

    /// The label a grid header shows for `type` (the design view's labels).
    public static func label(_ type: ColumnType?, declared: String) -> String {
        type.map(DesignColumnType.label) ?? declared.lowercased()
    }

    /// An SQLite value of a column of `type`.
    public static func sqlite(_ value: DatabaseValue, type: ColumnType?) -> String {
        switch value.storage {
        case .null: return ""
        case .int64(let number):
            if type == .boolean { return number == 0 ? "false" : "true" }
            return String(number)
        case .double(let number):
            if type == .boolean { return number == 0 ? "false" : "true" }
            return decimal(number)
        case .string(let string):
            return type == .dateTime ? dateTime(string) : safe(string)
        case .blob(let data):
            return "<\(data.count) bytes>"
        }
    }

    /// A PostgreSQL value as `::text` wrote it, of a column of `type`.
    public static func postgres(_ text: String?, type: ColumnType?) -> String {
        guard let text else { return "" }
        switch type {
        case .boolean: return text == "t" || text == "true" ? "true" : (text == "f" || text == "false" ? "false" : safe(text))
        case .dateTime: return dateTime(text)
        default: return safe(text)
        }
    }

    /// A double with at most 15 significant digits (what a decimal column held before it was a
    /// binary float), integral values without `.0`.
    public static func decimal(_ number: Double) -> String {
        guard number.isFinite else { return String(number) }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(format: "%.15g", number)
    }

    /// An ISO 8601 date-time normalised to `YYYY-MM-DD HH:MM:SS[.fff] ±HH:MM` (a zero fraction
    /// dropped, `Z`/`+0000`/`+00` as `+00:00`); a date alone or text that is no date-time as it is.
    public static func dateTime(_ text: String) -> String {
        let u = Array(text.utf8)
        guard u.count >= 16, u.count <= 40, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "), u[13] == UInt8(ascii: ":")
        else { return safe(text) }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        var i = 16
        var out = String(decoding: u[0..<10], as: UTF8.self) + " " + String(decoding: u[11..<16], as: UTF8.self)
        if i < u.count, u[i] == UInt8(ascii: ":") {
            guard i + 3 <= u.count else { return safe(text) }
            out += String(decoding: u[i..<(i + 3)], as: UTF8.self)
            i += 3
        } else {
            out += ":00"
        }
        if i < u.count, u[i] == UInt8(ascii: ".") || u[i] == UInt8(ascii: ",") {
            let start = i + 1
            i = start
            while i < u.count, isDigit(u[i]) { i += 1 }
            let fraction = u[start..<i]
            if fraction.contains(where: { $0 != UInt8(ascii: "0") }) { out += "." + String(decoding: fraction, as: UTF8.self) }
        }
        guard i < u.count else { return out }
        let zone = String(decoding: u[i...], as: UTF8.self)
        if zone == "Z" { return out + " +00:00" }
        let digits = zone.dropFirst().filter { $0 != ":" }
        guard zone.first == "+" || zone.first == "-", digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              digits.count == 2 || digits.count == 4
        else { return safe(text) }
        let hours = digits.prefix(2), minutes = digits.count == 4 ? digits.suffix(2) : "00"
        return out + " \(zone.first!)\(hours):\(minutes)"
    }

    /// Text a terminal cannot act on: controls as visible escapes, line breaks and tabs as spaces.
    public static func safe(_ text: String) -> String {
        // Printable ASCII (most CRM text) needs nothing: checked on the bytes, the common case is cheap.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        let visible = TextSafety.visible(text)
        guard visible.utf8.contains(where: { $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) else { return visible }
        return visible.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\t", with: " ")
    }
}
