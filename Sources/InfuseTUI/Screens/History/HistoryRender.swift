import Foundation
import InfuseApp
import InfuseCore

extension AppRenderer {
    /// History: the runs list, and the selected run's details below it.
    static func renderHistory(_ h: HistoryState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        guard let runs = h.runs else {
            let text = "Reading the history of \(h.source)…"
            buffer.put(text, x: area.x + max(0, (area.width - text.displayWidth) / 2), y: area.y + area.height / 2, style: theme.dim)
            return
        }
        if runs.isEmpty {
            let lines = HistoryState.emptyText.wrapped(toWidth: max(1, area.width - 4))
            let top = area.y + max(0, (area.height - lines.count) / 2)
            for (i, text) in lines.enumerated() {
                buffer.put(text, x: area.x + max(0, (area.width - text.displayWidth) / 2), y: top + i, style: theme.dim)
            }
            return
        }
        let detailHeight = min(max(4, area.height / 2), max(0, area.height - 4))
        let parts = area.splitVertically([.fill, .fixed(detailHeight)])
        h.list.render(into: &buffer, area: parts[0], theme: theme, focused: true)
        guard detailHeight > 1, let run = h.selected else { return }
        let panel = parts[1]
        buffer.hrule(x: panel.x, y: panel.y, width: panel.width, style: theme.border, joinEnds: false)
        var y = panel.y + 1
        for (index, line) in run.details.enumerated() {
            let style = index == 0 ? theme.header : (line.hasPrefix("Error") ? theme.error : (line.hasPrefix("Warning") ? theme.warning : theme.normal))
            for piece in line.wrapped(toWidth: max(1, panel.width - 2)) where y < panel.maxY {
                buffer.put(" " + piece, x: panel.x, y: y, style: style, maxWidth: panel.width)
                y += 1
            }
        }
    }
}
