import InfuseApp
/// Scroll and selection state of a data grid that scrolls both ways over any number of rows.
/// ↑↓ j k move a row, PgUp/PgDn a page, Home/End jump to the first/last row (instantly: only the
/// visible window is ever fetched), ← → h l scroll the columns.
///
/// Layout inside its area: a header row of column names, a second header row of types, the data
/// rows, and a bottom line with the row position and `◂ cols 1–5/24 ▸`.
public struct GridState: Hashable, Sendable {
    /// The selected row (absolute index).
    public private(set) var selectedRow: Int = 0
    /// The first row shown.
    public private(set) var firstRow: Int = 0
    /// The first column shown.
    public private(set) var firstColumn: Int = 0
    /// Widest a column may get.
    public var columnCap: Int
    /// Text shown when the source has no rows.
    public var emptyText: String

    /// Creates grid state.
    public init(columnCap: Int = 30, emptyText: String = "(no rows)") {
        self.columnCap = columnCap
        self.emptyText = emptyText
    }

    /// Data rows that fit in `area` (its height minus two header rows and the position line).
    public static func dataRowCount(in area: Rect) -> Int { max(0, area.height - 3) }

    /// Moves to an absolute row, scrolling so it is visible in a window of `visibleRows`.
    public mutating func select(row: Int, rowCount: Int, visibleRows: Int) {
        guard rowCount > 0 else { selectedRow = 0; firstRow = 0; return }
        let page = max(1, visibleRows)
        selectedRow = max(0, min(rowCount - 1, row))
        if selectedRow < firstRow { firstRow = selectedRow }
        if selectedRow >= firstRow + page { firstRow = selectedRow - page + 1 }
        firstRow = max(0, min(firstRow, max(0, rowCount - page)))
    }

    /// Handles a key for a source of `rowCount` rows and `columnCount` columns shown `visibleRows` at a time.
    public mutating func handle(_ key: Key, rowCount: Int, columnCount: Int, visibleRows: Int) -> WidgetOutcome {
        let page = max(1, visibleRows)
        switch key {
        case .up, .char("k"): select(row: selectedRow - 1, rowCount: rowCount, visibleRows: page)
        case .down, .char("j"): select(row: selectedRow + 1, rowCount: rowCount, visibleRows: page)
        case .pageUp: select(row: selectedRow - page, rowCount: rowCount, visibleRows: page)
        case .pageDown: select(row: selectedRow + page, rowCount: rowCount, visibleRows: page)
        case .home: select(row: 0, rowCount: rowCount, visibleRows: page)
        case .end: select(row: rowCount - 1, rowCount: rowCount, visibleRows: page)
        case .left, .char("h"): firstColumn = max(0, firstColumn - 1)
        case .right, .char("l"): firstColumn = max(0, min(columnCount - 1, firstColumn + 1))
        default: return .ignored
        }
        return .handled
    }

    /// Scrolls the columns left so column `index` is not before the first one shown (a column
    /// past the right edge is brought in when drawing: its width depends on the rows shown).
    public mutating func reveal(column index: Int) {
        if index < firstColumn { firstColumn = max(0, index) }
    }

    /// Draws the grid, asking `source` once for just the visible rows. `focusedColumn` (Browse's
    /// cell cursor) is kept in view and its cell on the selected row is highlighted.
    public func render(source: some GridDataSource, into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool,
                       focusedColumn: Int? = nil) {
        guard area.width > 2, area.height > 0 else { return }
        buffer.fill(area, style: theme.normal)
        let columns = source.columns
        let rowCount = source.rowCount
        let visible = Self.dataRowCount(in: area)
        // Defensive clamp in case the source shrank since the last key.
        var first = max(0, min(firstRow, rowCount - visible))
        let selected = max(0, min(selectedRow, rowCount - 1))
        if selected < first { first = selected }
        if selected >= first + visible { first = max(0, selected - visible + 1) }
        let range = first..<min(rowCount, first + visible)
        let rows = range.isEmpty ? [] : source.rows(in: range)

        // Columns that fit, from firstColumn on, sized to the header and the visible window.
        func width(_ c: Int) -> Int {
            var w = max(columns[c].name.displayWidth, columns[c].type.displayWidth)
            for row in rows where c < row.count { w = max(w, row[c].displayWidth) }
            return max(1, min(columnCap, w))
        }
        func layout(from start: Int) -> [(index: Int, width: Int)] {
            var shown: [(index: Int, width: Int)] = []
            var x = area.x + 1
            var c = start
            while c < columns.count {
                let w = width(c)
                let room = area.maxX - x
                if w > room {
                    if shown.isEmpty { shown.append((c, max(1, room))) }
                    break
                }
                shown.append((c, w))
                x += w + 2
                c += 1
            }
            return shown
        }
        var startColumn = max(0, min(firstColumn, columns.count - 1))
        var shown = layout(from: startColumn)
        if let focus = focusedColumn, focus >= 0, focus < columns.count, !shown.contains(where: { $0.index == focus }) {
            // Bring the focused column in at the right edge, with as many before it as fit.
            var start = focus
            var used = width(focus) + 2
            while start > 0, used + width(start - 1) + 2 <= area.width - 1 {
                used += width(start - 1) + 2
                start -= 1
            }
            startColumn = start
            shown = layout(from: startColumn)
        }

        func drawRow(_ cells: (Int) -> String, y: Int, style: Style, focusStyle: Style? = nil) {
            var cx = area.x + 1
            for (index, width) in shown {
                let cellStyle = index == focusedColumn ? (focusStyle ?? style) : style
                buffer.put(cells(index).padded(toWidth: width), x: cx, y: y, style: cellStyle, maxWidth: min(width, area.maxX - cx))
                cx += width + 2
            }
        }
        if area.height >= 1 { drawRow({ columns[$0].name }, y: area.y, style: theme.header, focusStyle: theme.accent.bolded) }
        if area.height >= 2 { drawRow({ columns[$0].type }, y: area.y + 1, style: theme.headerTypes) }
        if rows.isEmpty && area.height >= 3 {
            buffer.put(" " + emptyText, x: area.x, y: area.y + 2, style: theme.dim, maxWidth: area.width)
        }
        for (offset, row) in rows.enumerated() {
            let y = area.y + 2 + offset
            let isSelected = first + offset == selected
            let style = isSelected && focused ? theme.selected : theme.normal
            if isSelected && focused { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style) }
            if isSelected { buffer.put(theme.selectionMarker, x: area.x, y: y, style: style) }
            drawRow({ $0 < row.count ? row[$0] : "" }, y: y, style: style, focusStyle: isSelected && focused ? theme.cursor : nil)
        }
        if area.height >= 4 {
            let y = area.maxY - 1
            let position = rowCount == 0 ? "" : "row \(NumberText.grouped(selected + 1))/\(NumberText.grouped(rowCount))"
            buffer.put(" " + position, x: area.x, y: y, style: theme.dim, maxWidth: area.width)
            if let last = shown.last {
                let left = startColumn > 0 ? "◂" : " "
                let right = last.index < columns.count - 1 ? "▸" : " "
                let indicator = "\(left) cols \(startColumn + 1)–\(last.index + 1)/\(columns.count) \(right)"
                let w = indicator.displayWidth
                if w + position.displayWidth + 2 <= area.width {
                    buffer.put(indicator, x: area.maxX - w - 1, y: y, style: theme.dim)
                }
            }
        }
    }
}
