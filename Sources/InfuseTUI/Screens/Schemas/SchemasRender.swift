import Foundation
import InfuseApp
import InfuseCore

extension AppRenderer {
    static func renderSchemas(_ s: SchemaChooserState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let columns = area.splitHorizontally([.fraction(0.32), .fill], spacing: 0)
        buffer.box(columns[0], style: s.gridFocused ? theme.border : theme.focusedBorder, title: "Schemas", focused: !s.gridFocused)
        s.tree.render(into: &buffer, area: columns[0].interior, theme: theme, focused: !s.gridFocused)
        let schema = s.focusedSchema
        let title = schema.map { "\($0.path) — \(NumberText.grouped($0.rowCount)) rows, \($0.columns.count) columns" } ?? "Preview"
        buffer.box(columns[1], style: s.gridFocused ? theme.focusedBorder : theme.border, title: title, focused: s.gridFocused)
        guard let schema else { return }
        let source = ArrayGridDataSource(columns: schema.columns, rows: schema.previewRows)
        s.grid.render(source: source, into: &buffer, area: columns[1].interior, theme: theme, focused: s.gridFocused)
    }
}
