import Foundation
import InfuseApp
import InfuseCore

/// The grid's view of a Browse source: its rows, and the column names with the sort's arrow.
struct BrowseGridView: GridDataSource {
    let source: any BrowseGridSource
    let columns: [GridColumn]

    init(_ source: any BrowseGridSource) {
        self.source = source
        var columns = source.columns
        if let sort = source.query.sort, let i = columns.firstIndex(where: { $0.name == sort.column }) {
            columns[i].name += sort.descending ? " ↓" : " ↑"
        }
        self.columns = columns
    }

    var rowCount: Int { source.rowCount }
    func rows(in range: Range<Int>) -> [[String]] { source.rows(in: range) }
}

extension AppRenderer {
    /// Browse: the table tabs, then the boxed grid of the table shown.
    static func renderBrowse(_ b: BrowseState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        guard area.height >= 3 else { return }
        var x = area.x + 1
        for (i, table) in b.tables.enumerated() {
            let text = " \(table.label) "
            guard x + text.displayWidth <= area.maxX else {
                buffer.put("…", x: min(x, area.maxX - 1), y: area.y, style: theme.dim)
                break
            }
            x += buffer.put(text, x: x, y: area.y, style: i == b.tableIndex ? theme.selected : theme.dim)
            x += 1
        }
        let gridRect = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let title = b.table.map { $0.isView ? "\($0.relation) (view)" : $0.relation } ?? b.source
        buffer.box(gridRect, style: theme.focusedBorder, title: title, focused: true)
        let inner = gridRect.interior
        guard let data = b.data else {
            let text = "Opening \(b.source)…"
            buffer.put(text, x: inner.x + max(0, (inner.width - text.displayWidth) / 2), y: inner.y + inner.height / 2, style: theme.dim)
            return
        }
        b.grid.render(source: BrowseGridView(data.source), into: &buffer, area: inner, theme: theme, focused: true,
                      focusedColumn: b.focusedColumn)
        if let error = data.source.lastError {
            buffer.put(" " + error, x: inner.x, y: inner.y + 2, style: theme.error, maxWidth: inner.width)
        }
    }

    /// Browse's right status: the row count and the sort and filter in force.
    static func browseStatusRight(_ b: BrowseState) -> String? {
        guard let data = b.data else { return nil }
        return "\(NumberText.grouped(data.source.rowCount)) rows" + (data.source.query.summary.map { " · " + $0 } ?? "")
    }
}
