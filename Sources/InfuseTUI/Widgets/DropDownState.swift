/// A drop-down: closed it shows `[value ▾]`; Enter, Space or ↓ opens a filterable overlay list
/// (type to filter), Enter there chooses (`.changed`), Esc closes it (`.cancelled`).
public struct DropDownState: Hashable, Sendable {
    /// The options, each a row of columns; column 0 is the value shown when closed.
    public private(set) var options: [[String]]
    /// The chosen option's index, or nil for none.
    public private(set) var selectedIndex: Int?
    /// True while the overlay is open.
    public private(set) var isOpen: Bool = false
    /// The overlay list (always filtering).
    public private(set) var list: ListState
    /// Shown when nothing is chosen.
    public var placeholder: String
    /// Rows the overlay shows at most.
    public var overlayRows: Int = 10

    /// A drop-down of single-column options.
    public init(options: [String], selectedIndex: Int? = nil, placeholder: String = "choose…") {
        self.init(rows: options.map { [$0] }, selectedIndex: selectedIndex, placeholder: placeholder)
    }

    /// A drop-down whose options have extra columns (shown only in the overlay).
    public init(rows: [[String]], selectedIndex: Int? = nil, placeholder: String = "choose…") {
        self.options = rows
        self.selectedIndex = selectedIndex.flatMap { rows.indices.contains($0) ? $0 : nil }
        self.placeholder = placeholder
        self.list = ListState(rows: rows, alwaysFiltering: true, emptyText: "(no options)")
    }

    /// The chosen value's text, or nil.
    public var value: String? { selectedIndex.flatMap { options[$0].first } }

    /// Chooses the option at `index` (ignored when out of range).
    public mutating func select(_ index: Int) {
        if options.indices.contains(index) { selectedIndex = index }
    }

    /// Handles a key, open or closed.
    public mutating func handle(_ key: Key) -> WidgetOutcome {
        if !isOpen {
            switch key {
            case .enter, .char(" "), .down:
                isOpen = true
                list = ListState(rows: options, alwaysFiltering: true, emptyText: "(no options)")
                if let selectedIndex { list.select(itemIndex: selectedIndex) }
                return .handled
            default: return .ignored
            }
        }
        switch key {
        case .escape:
            if !list.filter.isEmpty { _ = list.handle(.escape, visibleRows: overlayRows); return .handled }
            isOpen = false
            return .cancelled
        case .tab, .backTab:
            isOpen = false
            return .cancelled
        case .enter:
            guard let chosen = list.selectedItemIndex else { return .handled }
            selectedIndex = chosen
            isOpen = false
            return .changed
        default:
            // The overlay is modal: every other key belongs to its list, used or not.
            _ = list.handle(key, visibleRows: overlayRows)
            return .handled
        }
    }

    /// Draws the closed field `[value ▾]` across the first row of `area`.
    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool) {
        guard area.width >= 4, area.height > 0 else { return }
        let style = focused ? theme.focusedControl : theme.input
        let inner = area.width - 4
        let text = value ?? placeholder
        buffer.put("[" + text.padded(toWidth: inner) + " ▾]", x: area.x, y: area.y, style: style, maxWidth: area.width)
        if value == nil { buffer.restyle(Rect(x: area.x + 1, y: area.y, width: inner, height: 1)) { $0.dim = true } }
    }

    /// The overlay's rectangle: below `field` (above it when there is no room), inside `bounds`.
    public func overlayRect(below field: Rect, within bounds: Rect) -> Rect {
        let widths = ColumnLayout.widths(rows: options, cap: 60)
        let natural = widths.reduce(0, +) + max(0, widths.count - 1) * 2 + 3
        let width = min(bounds.width, max(field.width, natural, 24))
        let height = min(bounds.height, min(options.count, overlayRows) + 3)
        let x = max(bounds.x, min(field.x, bounds.maxX - width))
        let below = field.maxY
        let y = below + height <= bounds.maxY ? below : max(bounds.y, field.y - height)
        return Rect(x: x, y: y, width: width, height: height)
    }

    /// Draws the open overlay (a bordered filter line plus list) when ``isOpen``.
    public func renderOverlay(into buffer: inout CellBuffer, below field: Rect, within bounds: Rect, theme: Theme) {
        guard isOpen else { return }
        let rect = overlayRect(below: field, within: bounds)
        guard rect.width >= 4, rect.height >= 3 else { return }
        buffer.fill(rect, style: theme.dialog)
        buffer.box(rect, style: theme.focusedBorder, focused: true)
        list.render(into: &buffer, area: rect.interior, theme: theme, focused: true)
    }
}
