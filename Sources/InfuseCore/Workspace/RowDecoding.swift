import Foundation
import GRDB

/// Helpers that read stored values back with a clear error when a row holds something unknown
/// (e.g. a status written by a newer Infuse).
extension Row {
    /// The raw-value enum stored in `column`.
    func decodeEnum<E: RawRepresentable>(_ type: E.Type, forColumn column: String) throws -> E where E.RawValue == String {
        let raw: String = try decode(forColumn: column)
        guard let value = E(rawValue: raw) else {
            throw WorkspaceError.database(message: "unknown value \"\(raw)\" in column \(column)")
        }
        return value
    }

    /// The JSON document stored as text in `column`.
    func decodeJSON<T: Decodable>(_ type: T.Type, forColumn column: String) throws -> T {
        let text: String = try decode(forColumn: column)
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw WorkspaceError.database(message: "unreadable JSON in column \(column)")
        }
    }
}

/// Encodes a value as compact JSON text with sorted keys, for a TEXT column.
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
