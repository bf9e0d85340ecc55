import Foundation
import GRDB
import InfuseCore

/// The SQL of a ``BrowseQuery`` over an SQLite relation: the filter's `WHERE` condition and the
/// sort's `ORDER BY`, shared by ``SQLiteGridSource`` (windows) and Browse's export (every row).
struct SQLiteBrowseSQL {
    /// The filter as a condition (`1` when there is none) and its arguments.
    var condition: String
    var arguments: StatementArguments
    /// The sort column, quoted, and direction; nil for the relation's own order.
    var sortColumn: String?
    var descending: Bool

    init(query: BrowseQuery, types: [String: ColumnType?]) {
        sortColumn = query.sort.map { $0.column.quotedDatabaseIdentifier }
        descending = query.sort?.descending ?? false
        guard let filter = query.filter else {
            condition = "1"
            arguments = []
            return
        }
        let column = filter.column.quotedDatabaseIdentifier
        let text = filter.text.trimmingCharacters(in: .whitespaces)
        if (types[filter.column] ?? nil) == .boolean, let value = Self.booleanValue(text) {
            condition = "\(column) = ?"
            arguments = [value ? 1 : 0]
            return
        }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        condition = "CAST(\(column) AS TEXT) LIKE ? ESCAPE '\\'"
        arguments = ["%" + escaped + "%"]
    }

    /// `true`/`false`/`1`/`0` (any case) as a boolean, else nil.
    static func booleanValue(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes": true
        case "false", "0", "no": false
        default: nil
        }
    }

    /// `ORDER BY` for reading forwards (`reversed`: backwards from the end); `tieBreak` is the
    /// table's rowid, nil for a view.
    func orderBy(reversed: Bool, tieBreak: String?) -> String {
        let direction = descending != reversed ? "DESC" : "ASC"
        let tie = tieBreak.map { ", \($0) \(reversed ? "DESC" : "ASC")" } ?? ""
        if let sortColumn { return "ORDER BY \(sortColumn) \(direction)" + tie }
        return tieBreak.map { "ORDER BY \($0) \(reversed ? "DESC" : "ASC")" } ?? ""
    }
}
