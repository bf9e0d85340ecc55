import Foundation
import InfuseApp
import InfuseCore

extension AppReducer {
    static func design(_ state: inout AppState, _ d: inout DesignState, _ command: AppCommand, key: Key) -> [AppEffect] {
        switch command {
        case .focusNext, .focusPrevious:
            let all = DesignState.Pane.allCases
            let delta = command == .focusNext ? 1 : all.count - 1
            d.pane = all[(d.pane.rawValue + delta) % all.count]
        case .navigate:
            navigateDesign(&d, key)
        case .grabTable:
            if d.focusedTable != nil { d.grabbed.toggle() }
        case .toggle:
            if d.pane == .tables { d.toggleFocusedTable() } else if d.pane == .columns { d.toggleFocusedColumn() }
        case .addTable:
            if d.focusedTable != nil && key == .enter { d.pane = .columns; return [] }
            if d.addableSchemas.isEmpty {
                state.status = StatusMessage(.info, "Every schema is already a table")
            } else {
                _ = d.addTable.handle(.enter)
            }
        case .removeTable:
            if d.tables.count <= 1 { state.status = StatusMessage(.warning, "A data source needs at least one table") }
            d.removeFocusedTable()
        case .renameColumn:
            guard let table = d.focusedTable, let schema = d.focusedSchema, schema.columns.indices.contains(d.columnIndex) else { return [] }
            let column = schema.columns[d.columnIndex].name
            let current = d.design.table(table).columnOverrides[column]?.rename ?? column
            state.open(.prompt(title: "Rename column", message: "New name for \(schema.label).\(column):", text: current),
                       for: .design(.renameColumn(table: table, column: column)))
        case .retypeColumn:
            d.cycleFocusedColumnType()
        case .toggleJoinKind:
            guard d.design.joins.indices.contains(d.joinIndex) else { return [] }
            d.design.joins[d.joinIndex].kind = d.design.joins[d.joinIndex].kind == .left ? .inner : .left
        case .editJoin:
            guard d.design.joins.indices.contains(d.joinIndex) else { return [] }
            let j = d.design.joins[d.joinIndex]
            state.open(.prompt(title: "Edit join",
                               message: "Columns joining \(j.parentTable) to \(j.childTable), as parent_column = child_column:",
                               text: "\(j.parentColumn) = \(j.childColumn)"),
                       for: .design(.editJoin(d.joinIndex)))
        case .removeJoin:
            guard d.design.joins.indices.contains(d.joinIndex) else { return [] }
            d.design.joins.remove(at: d.joinIndex)
            d.joinIndex = max(0, min(d.joinIndex, d.design.joins.count - 1))
        case .save:
            state.open(.prompt(title: "Save data source", message: "Save the data source with a name:", text: d.draft.name),
                       for: .design(.saveName))
        case .back:
            state.pop()
        default:
            break
        }
        return []
    }

    static func navigateDesign(_ d: inout DesignState, _ key: Key) {
        let delta: Int = switch key {
        case .up, .char("k"): -1
        case .down, .char("j"): 1
        case .pageUp: -10
        case .pageDown: 10
        case .home: -10_000
        case .end: 10_000
        default: 0
        }
        switch d.pane {
        case .tables:
            if d.grabbed { d.moveFocusedTable(delta < 0 ? -1 : 1); return }
            let rows = d.tables.count + (d.addableSchemas.isEmpty ? 0 : 1)
            d.tableIndex = max(0, min(rows - 1, d.tableIndex + delta))
            d.columnIndex = 0
            d.grid = GridState()
        case .columns:
            let count = d.focusedSchema?.columns.count ?? 0
            d.columnIndex = max(0, min(max(0, count - 1), d.columnIndex + delta))
        case .joins:
            d.joinIndex = max(0, min(max(0, d.design.joins.count - 1), d.joinIndex + delta))
        case .rows:
            let result = d.result
            _ = d.grid.handle(key, rowCount: result.rowCount, columnCount: result.columns.count, visibleRows: 8)
        }
    }

    /// Keys while the "add table" list is open.
    static func designAddTableInput(_ d: inout DesignState, _ key: Key) {
        if d.addTable.handle(key) == .changed, let path = d.addTable.value { d.add(table: path) }
    }
}
