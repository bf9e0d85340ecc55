import Foundation
import InfuseApp
import InfuseCore

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
