import Foundation
import InfuseApp
import InfuseCore

extension AppRenderer {
    static func renderHome(_ state: AppState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let home = state.home
        if state.sources.isEmpty {
            let line = HomeState.emptyText
            let lines = line.wrapped(toWidth: max(1, area.width - 4))
            let top = area.y + max(0, (area.height - lines.count) / 2)
            for (i, text) in lines.enumerated() {
                buffer.put(text, x: area.x + max(0, (area.width - text.displayWidth) / 2), y: top + i, style: theme.dim)
            }
            return
        }
        let detailHeight = min(6, max(0, area.height - 5))
        let parts = area.splitVertically([.fill, .fixed(detailHeight)])
        var list = home.list
        list.columnCap = area.width < 100 ? 12 : (area.width < 120 ? 16 : 40)
        list.render(into: &buffer, area: parts[0], theme: theme, focused: true)
        guard detailHeight > 1, let row = home.selected(in: state.sources) else { return }
        let panel = parts[1]
        buffer.hrule(x: panel.x, y: panel.y, width: panel.width, style: theme.border, joinEnds: false)
        var y = panel.y + 1
        let s = row.source
        let headline = "\(s.name) — \(s.target.summary) · Max Rows \(s.maxRows.map(NumberText.grouped) ?? "all") · \(s.refreshInterval.label)"
        buffer.put(" " + headline, x: panel.x, y: y, style: theme.header, maxWidth: panel.width)
        y += 1
        for line in row.details.flatMap({ $0.wrapped(toWidth: max(1, panel.width - 2)) }) where y < panel.maxY {
            let isError = line.hasPrefix("Last error") || line.hasPrefix("Failed")
            buffer.put(" " + line, x: panel.x, y: y, style: isError ? theme.error : theme.normal, maxWidth: panel.width)
            y += 1
        }
    }
}
