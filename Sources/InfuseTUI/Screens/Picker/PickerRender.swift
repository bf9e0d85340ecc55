import Foundation
import InfuseApp
import InfuseCore

extension AppRenderer {
    static func renderPicker(_ picker: PickerState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let columns = area.splitHorizontally([.fraction(0.42), .fill], spacing: 1)
        buffer.box(columns[0], style: theme.focusedBorder, title: "Connections", focused: true)
        picker.list.render(into: &buffer, area: columns[0].interior.inset(dx: 1, dy: 0), theme: theme, focused: true)
        buffer.box(columns[1], style: theme.border, title: "About")
        guard let choice = picker.selected else { return }
        let inner = columns[1].interior.inset(dx: 1, dy: 0)
        buffer.put(choice.label, x: inner.x, y: inner.y, style: theme.header, maxWidth: inner.width)
        for (i, line) in choice.description.wrapped(toWidth: max(1, inner.width)).enumerated() where inner.y + 2 + i < inner.maxY {
            buffer.put(line, x: inner.x, y: inner.y + 2 + i, style: theme.normal, maxWidth: inner.width)
        }
    }
}
