import Foundation
import InfuseApp
import InfuseCore

extension BrowseState {
    /// The source's tables were read and the first one opened (ignored when another source is shown).
    public mutating func opened(source opened: String, tables: [BrowseTable], grid opening: BrowseGrid) -> [AppIntent] {
        guard opened == source else { return [] }
        self.tables = tables
        tableIndex = 0
        query = opening.source.query
        data = opening
        grid = GridState(columnCap: grid.columnCap, emptyText: grid.emptyText)
        focusedColumn = 0
        return []
    }

    /// A grid source opened (ignored unless it is the table and query asked for last).
    public mutating func gridOpened(_ opening: BrowseGrid) -> [AppIntent] {
        guard table == opening.source.table, query == opening.source.query else { return [] }
        let sameTable = data?.source.table == opening.source.table
        data = opening
        grid = GridState(columnCap: grid.columnCap, emptyText: opening.source.query.filter == nil ? "(no rows)" : "(no rows match the filter)")
        if !sameTable { focusedColumn = 0 }
        focusedColumn = min(focusedColumn, max(0, opening.source.columns.count - 1))
        return [.status(StatusMessage(.info, "\(opening.source.table.label): \(NumberText.grouped(opening.source.rowCount)) rows"
                                          + (opening.source.query.summary.map { " · " + $0 } ?? "")))]
    }

    /// The row to copy was read: the status line says what was copied; the clipboard gets it.
    public static func copied(cells: [String], row: Int, column: Int?, columnName: String) -> [AppIntent] {
        if let column {
            guard cells.indices.contains(column) else {
                return [.status(StatusMessage(.success, "Copied row \(NumberText.grouped(row + 1)) (\(cells.count) columns, tab-separated)"))]
            }
            return [.status(StatusMessage(.success, "Copied \(columnName) of row \(NumberText.grouped(row + 1)): \(preview(cells[column]))")),
                    .run(.copyToClipboard(cells[column]))]
        }
        return [.status(StatusMessage(.success, "Copied row \(NumberText.grouped(row + 1)) (\(cells.count) columns, tab-separated)")),
                .run(.copyToClipboard(cells.joined(separator: "\t")))]
    }

    /// The export was written.
    public static func exported(rows: Int, path: String) -> [AppIntent] {
        [.busy(nil), .status(StatusMessage(.success, "Exported \(NumberText.grouped(rows)) rows to \(path)"))]
    }
}

extension BrowseState {
    /// A refresh finished: when it refreshed this source, reopen the grid on the new tables.
    public func refreshed(source name: String) -> [AppIntent] {
        guard name == source, let table else { return [] }
        return [.run(.openGrid(source: name, table: table, query: query))]
    }

    /// An effect failed: Browse that could not open has nothing to show, so it closes.
    public func failed() -> [AppIntent] { data == nil ? [.pop] : [] }
}
