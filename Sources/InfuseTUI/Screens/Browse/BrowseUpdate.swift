import Foundation
import InfuseApp
import InfuseCore

extension AppReducer {
    /// Browse's commands: move, switch table, sort, filter, jump, copy, export, history.
    static func browse(_ state: inout AppState, _ b: inout BrowseState, _ command: AppCommand, key: Key) -> [AppEffect] {
        let page = BrowseState.visibleRows(height: state.screenSize.height)
        switch command {
        case .back:
            state.pop()
        case .navigate:
            switch key {
            case .left:
                b.focusedColumn = max(0, b.focusedColumn - 1)
                b.grid.reveal(column: b.focusedColumn)
            case .right:
                b.focusedColumn = max(0, min(b.columns.count - 1, b.focusedColumn + 1))
            default:
                _ = b.grid.handle(key, rowCount: b.rowCount, columnCount: b.columns.count, visibleRows: page)
            }
        case .nextTable, .previousTable:
            guard b.tables.count > 1 else { return [] }
            let step = command == .nextTable ? 1 : b.tables.count - 1
            b.tableIndex = (b.tableIndex + step) % b.tables.count
            b.query = BrowseQuery()
            return reopen(&state, &b, busy: "Opening \(b.tables[b.tableIndex].label)…")
        case .sortColumn:
            guard let column = b.focusedColumnName else { return [] }
            b.query = b.query.togglingSort(on: column)
            return reopen(&state, &b, busy: b.query.sort.map { "Sorting by \($0.column)…" } ?? "Removing the sort…")
        case .filter:
            guard let column = b.focusedColumnName else { return [] }
            let current = b.query.filter?.column == column ? b.query.filter?.text ?? "" : ""
            state.open(.prompt(title: "Filter \(column)", message: "Show the rows whose \(column) contains (empty shows all):", text: current),
                       for: .browse(.filter(column: column)))
        case .goToRow:
            guard b.rowCount > 0 else { return [] }
            state.open(.prompt(title: "Go to row", message: "Row number, 1 to \(NumberText.grouped(b.rowCount)):"), for: .browse(.goToRow))
        case .copyCell, .copyRow:
            guard let data = b.data, b.rowCount > 0, b.focusedColumnName != nil else { return [] }
            return [.readForCopy(data, row: b.grid.selectedRow, column: command == .copyCell ? b.focusedColumn : nil)]
        case .exportShown:
            guard let table = b.table, b.data != nil else { return [] }
            let name = BrowseService.defaultFileName(source: b.source, table: table)
            state.open(.prompt(title: "Export", message: "Write what is shown (\(NumberText.grouped(b.rowCount)) rows) to the file (.json for JSON, else CSV):",
                               text: name), for: .browse(.export))
        case .showHistory:
            state.push(.history(HistoryState(source: b.source)))
            return [.loadHistory(b.source)]
        default:
            break
        }
        return []
    }

    /// Opens the grid source for the current table and query.
    static func reopen(_ state: inout AppState, _ b: inout BrowseState, busy: String) -> [AppEffect] {
        guard let table = b.table else { return [] }
        state.busy = busy
        return [.openGrid(source: b.source, table: table, query: b.query)]
    }

    /// A copied value as the status line shows it: at most 40 characters, controls made visible.
    static func preview(_ text: String) -> String {
        if text.isEmpty { return "(empty)" }
        let safe = CellText.safe(text)
        return safe.count > 40 ? String(safe.prefix(39)) + "…" : safe
    }

    /// Results of Browse's effects.
    static func browseResult(_ state: inout AppState, _ action: AppAction) {
        switch action {
        case .browseOpened(let source, let tables, let grid):
            state.busy = nil
            guard case .browse(var b) = state.top, b.source == source else { return }
            b.tables = tables
            b.tableIndex = 0
            b.query = grid.source.query
            b.data = grid
            b.grid = GridState(columnCap: b.grid.columnCap, emptyText: b.grid.emptyText)
            b.focusedColumn = 0
            state.top = .browse(b)
        case .gridOpened(let grid):
            state.busy = nil
            guard case .browse(var b) = state.top, b.table == grid.source.table, b.query == grid.source.query else { return }
            let sameTable = b.data?.source.table == grid.source.table
            b.data = grid
            b.grid = GridState(columnCap: b.grid.columnCap, emptyText: grid.source.query.filter == nil ? "(no rows)" : "(no rows match the filter)")
            if !sameTable { b.focusedColumn = 0 }
            b.focusedColumn = min(b.focusedColumn, max(0, grid.source.columns.count - 1))
            state.top = .browse(b)
            state.status = StatusMessage(.info, "\(grid.source.table.label): \(NumberText.grouped(grid.source.rowCount)) rows" + (grid.source.query.summary.map { " · " + $0 } ?? ""))
        case .copyRead(let cells, let row, let column, let columnName):
            if let column, cells.indices.contains(column) {
                state.status = StatusMessage(.success, "Copied \(columnName) of row \(NumberText.grouped(row + 1)): \(Self.preview(cells[column]))")
            } else {
                state.status = StatusMessage(.success, "Copied row \(NumberText.grouped(row + 1)) (\(cells.count) columns, tab-separated)")
            }
        case .browseExported(let rows, let path):
            state.busy = nil
            state.status = StatusMessage(.success, "Exported \(NumberText.grouped(rows)) rows to \(path)")
        default:
            break
        }
    }
}
