import Foundation
import InfuseApp
import InfuseCore

extension BrowseState {
    /// Browse's commands: move, switch table, sort, filter, jump, copy, export, history.
    public mutating func update(_ command: BrowseCommand, key: Key, in context: ScreenContext) -> [AppIntent] {
        let page = Self.visibleRows(height: context.screenSize.height)
        switch command {
        case .back:
            return [.pop]
        case .navigate:
            switch key {
            case .left:
                focusedColumn = max(0, focusedColumn - 1)
                grid.reveal(column: focusedColumn)
            case .right:
                focusedColumn = max(0, min(columns.count - 1, focusedColumn + 1))
            default:
                _ = grid.handle(key, rowCount: rowCount, columnCount: columns.count, visibleRows: page)
            }
            return []
        case .nextTable, .previousTable:
            guard tables.count > 1 else { return [] }
            let step = command == .nextTable ? 1 : tables.count - 1
            tableIndex = (tableIndex + step) % tables.count
            query = BrowseQuery()
            return reopen(busy: "Opening \(tables[tableIndex].label)…")
        case .sortColumn:
            guard let column = focusedColumnName else { return [] }
            query = query.togglingSort(on: column)
            return reopen(busy: query.sort.map { "Sorting by \($0.column)…" } ?? "Removing the sort…")
        case .filter:
            guard let column = focusedColumnName else { return [] }
            let current = query.filter?.column == column ? query.filter?.text ?? "" : ""
            return [.present(.prompt(title: "Filter \(column)", message: "Show the rows whose \(column) contains (empty shows all):", text: current),
                             .browse(.filter(column: column)))]
        case .goToRow:
            guard rowCount > 0 else { return [] }
            return [.present(.prompt(title: "Go to row", message: "Row number, 1 to \(NumberText.grouped(rowCount)):"), .browse(.goToRow))]
        case .copyCell, .copyRow:
            guard let data, rowCount > 0, focusedColumnName != nil else { return [] }
            return [.run(.readForCopy(data, row: grid.selectedRow, column: command == .copyCell ? focusedColumn : nil))]
        case .exportShown:
            guard let table, data != nil else { return [] }
            let name = BrowseService.defaultFileName(source: source, table: table)
            return [.present(.prompt(title: "Export", message: "Write what is shown (\(NumberText.grouped(rowCount)) rows) to the file (.json for JSON, else CSV):",
                                     text: name), .browse(.export))]
        case .showHistory:
            return [.push(.history(HistoryState(source: source))), .run(.loadHistory(source))]
        }
    }

    /// Opens the grid source for the current table and query.
    func reopen(busy: String) -> [AppIntent] {
        guard let table else { return [] }
        return [.busy(busy), .run(.openGrid(source: source, table: table, query: query))]
    }

    /// A copied value as the status line shows it: at most 40 characters, controls made visible.
    static func preview(_ text: String) -> String {
        if text.isEmpty { return "(empty)" }
        let safe = CellText.safe(text)
        return safe.count > 40 ? String(safe.prefix(39)) + "…" : safe
    }
}
