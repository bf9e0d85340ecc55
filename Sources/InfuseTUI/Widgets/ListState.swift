import Foundation

/// A selectable list of rows (one or more columns) with type-to-filter.
/// `/` starts filtering (or every printable key filters when ``alwaysFiltering``); while filtering,
/// typing narrows the rows, Backspace edits, Esc clears the filter. ↑↓ j k PgUp PgDn Home End move;
/// Enter activates the selected row.
public struct ListState: Hashable, Sendable {
    /// All rows, each a list of column texts.
    public private(set) var items: [[String]]
    /// Optional column headings, drawn above the rows.
    public var header: [String]?
    /// The filter text.
    public private(set) var filter: String = ""
    /// True while keys are going to the filter.
    public private(set) var isFiltering: Bool = false
    /// When true, printable keys always go to the filter (a picker with a permanent filter line).
    public var alwaysFiltering: Bool
    /// Text shown when there are no rows to show.
    public var emptyText: String
    /// Widest a column may get.
    public var columnCap: Int = 40
    /// Indices into ``items`` of the rows that match the filter, in order.
    public private(set) var visibleIndices: [Int] = []
    /// The selected position within ``visibleIndices``.
    public private(set) var selection: Int = 0
    /// The first visible position (kept by ``handle(_:visibleRows:)`` so the selection stays on screen).
    public private(set) var scrollOffset: Int = 0

    /// A list of one-column rows.
    public init(items: [String], alwaysFiltering: Bool = false, emptyText: String = "(nothing here)") {
        self.init(rows: items.map { [$0] }, header: nil, alwaysFiltering: alwaysFiltering, emptyText: emptyText)
    }

    /// A list of multi-column rows with optional headings.
    public init(rows: [[String]], header: [String]? = nil, alwaysFiltering: Bool = false,
                emptyText: String = "(nothing here)") {
        self.items = rows
        self.header = header
        self.alwaysFiltering = alwaysFiltering
        self.isFiltering = alwaysFiltering
        self.emptyText = emptyText
        refilter()
    }

    /// The index into ``items`` of the selected row, or nil when nothing matches.
    public var selectedItemIndex: Int? { visibleIndices.isEmpty ? nil : visibleIndices[selection] }

    /// Replaces the rows, keeping the selected row selected when it still exists at the same index.
    public mutating func setItems(_ rows: [[String]]) {
        let keep = selectedItemIndex
        items = rows
        refilter()
        if let keep { select(itemIndex: keep) }
    }

    /// Selects the row with this index into ``items`` if it is visible.
    public mutating func select(itemIndex: Int) {
        if let pos = visibleIndices.firstIndex(of: itemIndex) { selection = pos; scrollOffset = min(scrollOffset, pos) }
    }

    /// Sets the filter text directly (and shows the filter line).
    public mutating func setFilter(_ text: String) {
        filter = text
        isFiltering = true
        refilter()
    }

    /// Rows available for items in `area` (the area minus the filter line and the header).
    public func visibleRowCount(in area: Rect) -> Int {
        max(0, area.height - (isFiltering ? 1 : 0) - (header == nil ? 0 : 1))
    }

    mutating func refilter() {
        let needle = Self.fold(filter)
        visibleIndices = items.indices.filter { i in
            needle.isEmpty || Self.fold(items[i].joined(separator: " ")).contains(needle)
        }
        selection = min(selection, max(0, visibleIndices.count - 1))
        scrollOffset = min(scrollOffset, selection)
    }

    /// Case- and accent-insensitive form used for matching (`Zoë` matches `zoe`).
    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Moves the selection by `delta` rows (clamped) and scrolls to keep it in a `visibleRows` window.
    public mutating func move(by delta: Int, visibleRows: Int) {
        guard !visibleIndices.isEmpty else { return }
        selection = max(0, min(visibleIndices.count - 1, selection + delta))
        let page = max(1, visibleRows)
        if selection < scrollOffset { scrollOffset = selection }
        if selection >= scrollOffset + page { scrollOffset = selection - page + 1 }
    }

    /// Handles a key; `visibleRows` is how many rows the list shows (for paging and scrolling).
    public mutating func handle(_ key: Key, visibleRows: Int = 10) -> WidgetOutcome {
        let page = max(1, visibleRows)
        switch key {
        case .up: move(by: -1, visibleRows: page); return .handled
        case .down: move(by: 1, visibleRows: page); return .handled
        case .pageUp: move(by: -page, visibleRows: page); return .handled
        case .pageDown: move(by: page, visibleRows: page); return .handled
        case .home: move(by: -selection, visibleRows: page); return .handled
        case .end: move(by: visibleIndices.count, visibleRows: page); return .handled
        case .enter: return visibleIndices.isEmpty ? .handled : .activated
        default: break
        }
        if isFiltering {
            switch key {
            case .char(let c):
                filter.append(c); refilter(); return .changed
            case .backspace:
                if filter.isEmpty { return alwaysFiltering ? .handled : stopFiltering() }
                filter.removeLast(); refilter(); return .changed
            case .escape:
                if alwaysFiltering {
                    if filter.isEmpty { return .ignored }
                    filter = ""; refilter(); return .changed
                }
                filter = ""; refilter(); return stopFiltering()
            default: return .ignored
            }
        }
        switch key {
        case .char("k"): move(by: -1, visibleRows: page); return .handled
        case .char("j"): move(by: 1, visibleRows: page); return .handled
        case .char("/"): isFiltering = true; return .handled
        default: return .ignored
        }
    }

    mutating func stopFiltering() -> WidgetOutcome {
        isFiltering = false
        return .changed
    }

    /// Draws the filter line (when filtering), the header and the visible rows into `area`.
    /// The selected row gets the selection marker and, when focused, the selected style.
    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: theme.normal)
        var y = area.y
        if isFiltering {
            let used = buffer.put("Filter: ", x: area.x, y: y, style: theme.dim, maxWidth: area.width)
            let shown = buffer.put(filter, x: area.x + used, y: y, style: theme.input, maxWidth: area.width - used)
            if focused { buffer.put("▏", x: area.x + used + shown, y: y, style: theme.accent, maxWidth: area.width - used - shown) }
            y += 1
        }
        let rowsArea = Rect(x: area.x, y: y, width: area.width, height: area.maxY - y)
        let count = visibleRowCount(in: area)
        var first = min(scrollOffset, selection)
        if selection >= first + count { first = selection - count + 1 }
        let window = visibleIndices.dropFirst(first).prefix(count).map { items[$0] }
        let widths = ColumnLayout.widths(rows: window, headers: header.map { [$0] } ?? [], cap: columnCap)
        let textWidth = area.width - 1
        if let header, rowsArea.height > 0 {
            buffer.put(" " + ColumnLayout.line(header, widths: widths, maxWidth: textWidth), x: area.x, y: y,
                       style: theme.header, maxWidth: area.width)
            y += 1
        }
        if visibleIndices.isEmpty {
            let text = filter.isEmpty ? emptyText : "no matches for “\(filter)”"
            buffer.put(" " + text, x: area.x, y: y, style: theme.dim, maxWidth: area.width)
            return
        }
        for (offset, row) in window.enumerated() {
            let isSelected = first + offset == selection
            let marker = isSelected ? theme.selectionMarker : " "
            let line = marker + ColumnLayout.line(row, widths: widths, maxWidth: textWidth)
            let style = isSelected ? (focused ? theme.selected : theme.normal.bolded) : theme.normal
            let rowRect = Rect(x: area.x, y: y + offset, width: area.width, height: 1)
            if isSelected && focused { buffer.fill(rowRect, style: style) }
            buffer.put(line, x: area.x, y: y + offset, style: style, maxWidth: area.width)
        }
    }
}
