import Foundation
import InfuseApp
import InfuseCore

extension DesignState {
    /// Key bindings of the focused pane.
    public func keymap() -> Keymap<AppCommand> {
        var bindings: [KeyBinding<AppCommand>] = [
            KeyBinding([.tab], .focusNext, help: "Next pane", footerText: "pane"),
            KeyBinding([.backTab], .focusPrevious, help: "Previous pane", showInFooter: false),
        ]
        let move = KeyBinding<AppCommand>([.up, .down, .char("k"), .char("j"), .pageUp, .pageDown, .home, .end], .navigate,
                                          help: "Move the selection", group: "Navigation", showInFooter: false)
        switch pane {
        case .tables:
            if grabbed {
                bindings = [
                    KeyBinding([.up, .down, .char("k"), .char("j")], .navigate, help: "Move the picked-up table", footerText: "move table"),
                    KeyBinding([.char("m"), .enter, .escape, .char(" ")], .grabTable, help: "Drop the table here", footerText: "drop"),
                ]
                return Keymap("Design · moving a table", blocksFallThrough: true, bindings)
            }
            bindings += [
                move,
                KeyBinding([.char(" ")], .toggle, help: "Keep or drop the table in the view", footerText: "keep/drop"),
                KeyBinding([.char("a"), .enter], .addTable, help: "Add a table from the schemas", footerText: "add"),
                KeyBinding([.char("x"), .delete], .removeTable, help: "Remove the table", footerText: "remove"),
                KeyBinding([.char("m")], .grabTable, help: "Pick up the table to move it with ↑↓ (drag and drop)", footerText: "move"),
            ]
        case .columns:
            bindings += [
                move,
                KeyBinding([.char(" ")], .toggle, help: "Keep or drop the column", footerText: "keep/drop"),
                KeyBinding([.char("r")], .renameColumn, help: "Rename the column", footerText: "rename"),
                KeyBinding([.char("t")], .retypeColumn, help: "Change the column's type", footerText: "type"),
            ]
        case .joins:
            bindings += [
                move,
                KeyBinding([.char(" ")], .toggleJoinKind, help: "Switch between left and inner join", footerText: "left/inner"),
                KeyBinding([.char("e"), .enter], .editJoin, help: "Edit the join's columns", footerText: "edit join"),
                KeyBinding([.char("x"), .delete], .removeJoin, help: "Remove the join", footerText: "remove"),
            ]
        case .rows:
            bindings.append(KeyBinding([.up, .down, .left, .right, .pageUp, .pageDown, .home, .end], .navigate,
                                       help: "Scroll the rows", group: "Navigation", footerText: "scroll"))
        }
        bindings += [
            KeyBinding([.ctrl("s")], .save, help: "Save the data source and run its first refresh", footerText: "save"),
            KeyBinding([.escape], .back, help: "Back to Choose Schema(s)", footerText: "back"),
        ]
        return Keymap("Design", bindings)
    }
}

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

extension AppRenderer {
    static func renderDesign(_ d: DesignState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let rowsHeight = max(5, area.height * 2 / 5)
        let parts = area.splitVertically([.fill, .fixed(rowsHeight)])
        let panes = parts[0].splitHorizontally([.fraction(0.28), .fraction(0.36), .fill])
        // Tables
        let tablesRect = panes[0]
        buffer.box(tablesRect, style: d.pane == .tables ? theme.focusedBorder : theme.border, title: "Tables", focused: d.pane == .tables)
        let ti = tablesRect.interior
        var addRect: Rect? = nil
        for (i, path) in d.tables.enumerated() where i < ti.height {
            let selected = d.pane == .tables && i == d.tableIndex
            let box = d.isEnabled(path) ? theme.checkboxOn : theme.checkboxOff
            let grab = d.grabbed && i == d.tableIndex ? "⇅ " : ""
            let marker = i == d.tableIndex ? theme.selectionMarker : " "
            let rows = d.preview.schema(path).map { " (\(NumberText.grouped($0.rowCount)))" } ?? ""
            let style = selected ? theme.selected : (i == d.tableIndex ? theme.normal.bolded : theme.normal)
            if selected { buffer.fill(ti.row(i), style: style) }
            let used = buffer.put(marker + grab + box + " " + shortLabel(path), x: ti.x, y: ti.y + i, style: style, maxWidth: ti.width)
            buffer.put(rows, x: ti.x + used, y: ti.y + i, style: selected ? style : theme.dim, maxWidth: ti.width - used)
        }
        if !d.addableSchemas.isEmpty, d.tables.count < ti.height {
            let y = ti.y + d.tables.count
            let selected = d.pane == .tables && d.tableIndex == d.tables.count
            if selected { buffer.fill(ti.row(d.tables.count), style: theme.selected) }
            buffer.put((selected ? theme.selectionMarker : " ") + "+ add table…", x: ti.x, y: y,
                       style: selected ? theme.selected : theme.accent, maxWidth: ti.width)
            addRect = Rect(x: ti.x, y: y, width: ti.width, height: 1)
        }
        // Columns
        let columnsRect = panes[1]
        let schema = d.focusedSchema
        buffer.box(columnsRect, style: d.pane == .columns ? theme.focusedBorder : theme.border,
                   title: "Columns of " + (schema?.label ?? "—"), focused: d.pane == .columns)
        if let schema, let table = d.focusedTable {
            let ci = columnsRect.interior
            let t = d.design.table(table)
            func typeText(_ c: GridColumn) -> String {
                t.columnOverrides[c.name]?.type.map { c.type + "→" + DesignColumnType.label(raw: $0) } ?? c.type
            }
            // The type column is as wide as its widest entry (`decimal→int`); names get the rest.
            let typeWidth = max(4, schema.columns.map { typeText($0).displayWidth }.max() ?? 4)
            let nameWidth = min(max(8, schema.columns.map { $0.name.displayWidth }.max() ?? 8), max(4, ci.width - 5 - typeWidth))
            var first = 0
            if d.columnIndex >= ci.height { first = d.columnIndex - ci.height + 1 }
            for (offset, c) in schema.columns.dropFirst(first).prefix(ci.height).enumerated() {
                let i = first + offset
                let o = t.columnOverrides[c.name]
                let selected = d.pane == .columns && i == d.columnIndex
                let style = selected ? theme.selected : theme.normal
                if selected { buffer.fill(ci.row(offset), style: style) }
                var name = c.name
                if let r = o?.rename { name += " → " + r }
                let type = typeText(c)
                let text = (i == d.columnIndex ? theme.selectionMarker : " ") + (t.keeps(c.name) ? theme.checkboxOn : theme.checkboxOff)
                    + " " + name.truncated(toWidth: nameWidth).padded(toWidth: nameWidth) + "  " + type
                buffer.put(text, x: ci.x, y: ci.y + offset, style: t.keeps(c.name) || selected ? style : theme.dim, maxWidth: ci.width)
            }
        }
        // Joins
        let joinsRect = panes[2]
        buffer.box(joinsRect, style: d.pane == .joins ? theme.focusedBorder : theme.border, title: "Joins", focused: d.pane == .joins)
        let ji = joinsRect.interior
        if d.design.joins.isEmpty {
            buffer.put(" no joins: add a child table (a)", x: ji.x, y: ji.y, style: theme.dim, maxWidth: ji.width)
        }
        for (i, j) in d.design.joins.enumerated() where 2 * i + 1 < ji.height {
            let selected = d.pane == .joins && i == d.joinIndex
            let style = selected ? theme.selected : theme.normal
            if selected { buffer.fill(ji.row(2 * i), style: style); buffer.fill(ji.row(2 * i + 1), style: style) }
            let text = "\(shortLabel(j.parentTable)).\(j.parentColumn) = \(shortLabel(j.childTable)).\(j.childColumn)"
            buffer.put((i == d.joinIndex ? theme.selectionMarker : " ") + text, x: ji.x, y: ji.y + 2 * i, style: style, maxWidth: ji.width)
            buffer.put("   \(j.kind.rawValue) join", x: ji.x, y: ji.y + 2 * i + 1, style: selected ? style : theme.dim, maxWidth: ji.width)
        }
        // Result rows
        let result = d.result
        let gridRect = parts[1]
        buffer.box(gridRect, style: d.pane == .rows ? theme.focusedBorder : theme.border,
                   title: "Result — \(NumberText.grouped(result.rowCount)) preview rows", focused: d.pane == .rows)
        d.grid.render(source: result, into: &buffer, area: gridRect.interior, theme: theme, focused: d.pane == .rows)
        if let addRect { d.addTable.renderOverlay(into: &buffer, below: addRect, within: area, theme: theme) }
    }

    /// The last segment of a schema path (`contacts.email_addresses` → `email_addresses`).
    static func shortLabel(_ path: String) -> String { path.split(separator: ".").last.map(String.init) ?? path }
}
