import Foundation
import InfuseApp
import InfuseCore

extension DesignState {
    /// The design view's commands.
    public mutating func update(_ command: DesignCommand, key: Key, in context: ScreenContext) -> [AppIntent] {
        switch command {
        case .focusNext, .focusPrevious:
            let all = Pane.allCases
            let delta = command == .focusNext ? 1 : all.count - 1
            pane = all[(pane.rawValue + delta) % all.count]
        case .navigate:
            navigate(key)
        case .grabTable:
            if focusedTable != nil { grabbed.toggle() }
        case .toggle:
            if pane == .tables { toggleFocusedTable() } else if pane == .columns { toggleFocusedColumn() }
        case .addTable:
            if focusedTable != nil && key == .enter { pane = .columns; return [] }
            if addableSchemas.isEmpty { return [.status(StatusMessage(.info, "Every schema is already a table"))] }
            _ = addTable.handle(.enter)
        case .removeTable:
            let intents: [AppIntent] = tables.count <= 1 ? [.status(StatusMessage(.warning, "A data source needs at least one table"))] : []
            removeFocusedTable()
            return intents
        case .renameColumn:
            guard let table = focusedTable, let schema = focusedSchema, schema.columns.indices.contains(columnIndex) else { return [] }
            let column = schema.columns[columnIndex].name
            let current = design.table(table).columnOverrides[column]?.rename ?? column
            return [.present(.prompt(title: "Rename column", message: "New name for \(schema.label).\(column):", text: current),
                             .design(.renameColumn(table: table, column: column)))]
        case .retypeColumn:
            cycleFocusedColumnType()
        case .toggleJoinKind:
            guard design.joins.indices.contains(joinIndex) else { return [] }
            design.joins[joinIndex].kind = design.joins[joinIndex].kind == .left ? .inner : .left
        case .editJoin:
            guard design.joins.indices.contains(joinIndex) else { return [] }
            let j = design.joins[joinIndex]
            return [.present(.prompt(title: "Edit join",
                                     message: "Columns joining \(j.parentTable) to \(j.childTable), as parent_column = child_column:",
                                     text: "\(j.parentColumn) = \(j.childColumn)"),
                             .design(.editJoin(joinIndex)))]
        case .removeJoin:
            guard design.joins.indices.contains(joinIndex) else { return [] }
            design.joins.remove(at: joinIndex)
            joinIndex = max(0, min(joinIndex, design.joins.count - 1))
        case .save:
            return [.present(.prompt(title: "Save data source", message: "Save the data source with a name:", text: draft.name),
                             .design(.saveName))]
        case .back:
            return [.pop]
        }
        return []
    }

    /// Moves in the focused pane.
    mutating func navigate(_ key: Key) {
        let delta: Int = switch key {
        case .up, .char("k"): -1
        case .down, .char("j"): 1
        case .pageUp: -10
        case .pageDown: 10
        case .home: -10_000
        case .end: 10_000
        default: 0
        }
        switch pane {
        case .tables:
            if grabbed { moveFocusedTable(delta < 0 ? -1 : 1); return }
            let rows = tables.count + (addableSchemas.isEmpty ? 0 : 1)
            tableIndex = max(0, min(rows - 1, tableIndex + delta))
            columnIndex = 0
            grid = GridState()
        case .columns:
            let count = focusedSchema?.columns.count ?? 0
            columnIndex = max(0, min(max(0, count - 1), columnIndex + delta))
        case .joins:
            joinIndex = max(0, min(max(0, design.joins.count - 1), joinIndex + delta))
        case .rows:
            let result = self.result
            _ = grid.handle(key, rowCount: result.rowCount, columnCount: result.columns.count, visibleRows: 8)
        }
    }

    /// Keys no binding took: they go to the "add table" list while it is open.
    public mutating func input(_ key: Key) -> [AppIntent] {
        guard addTable.isOpen else { return [] }
        if addTable.handle(key) == .changed, let path = addTable.value { add(table: path) }
        return []
    }
}
