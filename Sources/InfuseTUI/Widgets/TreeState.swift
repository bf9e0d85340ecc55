/// One node of a tree: a label, optional checkbox, optional detail, and children.
public struct TreeNode: Hashable, Sendable {
    /// A stable identifier the screen uses to find the node again.
    public var id: String
    /// The text shown.
    public var label: String
    /// Dim text after the label (`(2,500)`), or nil.
    public var detail: String?
    /// The children.
    public var children: [TreeNode]
    /// Whether the children are shown.
    public var isExpanded: Bool
    /// The checkbox state, or nil for a node without a checkbox.
    public var isChecked: Bool?

    /// Creates a node.
    public init(id: String, label: String, detail: String? = nil, isChecked: Bool? = nil,
                isExpanded: Bool = false, children: [TreeNode] = []) {
        self.id = id
        self.label = label
        self.detail = detail
        self.children = children
        self.isExpanded = isExpanded
        self.isChecked = isChecked
    }
}

/// A visible row of a tree: the node, its depth and its path of child indices from the roots.
public struct TreeRow: Hashable, Sendable {
    /// Child indices from the root list down to this node.
    public var path: [Int]
    /// The node.
    public var node: TreeNode
    /// Nesting depth (0 for roots).
    public var depth: Int { path.count - 1 }
}

/// A tree with expand/collapse (▸/▾) and checkboxes. ↑↓ j k move; → expands (or steps into the
/// first child); ← collapses (or steps to the parent); Space toggles the checkbox (`.changed`);
/// Enter activates.
public struct TreeState: Hashable, Sendable {
    /// The top-level nodes.
    public var roots: [TreeNode]
    /// The selected position among ``visibleRows``.
    public private(set) var selection: Int = 0
    /// The first visible position.
    public private(set) var scrollOffset: Int = 0

    /// Creates a tree.
    public init(roots: [TreeNode]) { self.roots = roots }

    /// The rows currently shown (children of collapsed nodes are hidden), in display order.
    public var visibleRows: [TreeRow] {
        var out: [TreeRow] = []
        func walk(_ nodes: [TreeNode], _ prefix: [Int]) {
            for (i, n) in nodes.enumerated() {
                out.append(TreeRow(path: prefix + [i], node: n))
                if n.isExpanded { walk(n.children, prefix + [i]) }
            }
        }
        walk(roots, [])
        return out
    }

    /// The selected row, or nil for an empty tree.
    public var selectedRow: TreeRow? {
        let rows = visibleRows
        return rows.indices.contains(selection) ? rows[selection] : nil
    }

    /// The node at `path`.
    public func node(at path: [Int]) -> TreeNode? {
        var nodes = roots
        var found: TreeNode?
        for i in path {
            guard nodes.indices.contains(i) else { return nil }
            found = nodes[i]
            nodes = nodes[i].children
        }
        return found
    }

    /// Changes the node at `path` in place.
    public mutating func update(at path: [Int], _ change: (inout TreeNode) -> Void) {
        func apply(_ nodes: inout [TreeNode], _ rest: ArraySlice<Int>) {
            guard let i = rest.first, nodes.indices.contains(i) else { return }
            if rest.count == 1 { change(&nodes[i]) } else { apply(&nodes[i].children, rest.dropFirst()) }
        }
        apply(&roots, path[...])
    }

    /// Selects the visible row whose node has `id`.
    public mutating func select(id: String) {
        if let i = visibleRows.firstIndex(where: { $0.node.id == id }) { selection = i }
    }

    mutating func move(to position: Int, visibleRows count: Int) {
        let total = visibleRows.count
        guard total > 0 else { return }
        selection = max(0, min(total - 1, position))
        let page = max(1, count)
        if selection < scrollOffset { scrollOffset = selection }
        if selection >= scrollOffset + page { scrollOffset = selection - page + 1 }
    }

    /// Handles a key; `visibleRows` is the number of rows the tree shows.
    public mutating func handle(_ key: Key, visibleRows count: Int = 10) -> WidgetOutcome {
        guard let row = selectedRow else { return .ignored }
        switch key {
        case .up, .char("k"): move(to: selection - 1, visibleRows: count); return .handled
        case .down, .char("j"): move(to: selection + 1, visibleRows: count); return .handled
        case .pageUp: move(to: selection - count, visibleRows: count); return .handled
        case .pageDown: move(to: selection + count, visibleRows: count); return .handled
        case .home: move(to: 0, visibleRows: count); return .handled
        case .end: move(to: Int.max / 2, visibleRows: count); return .handled
        case .right:
            if row.node.children.isEmpty { return .handled }
            if !row.node.isExpanded { update(at: row.path) { $0.isExpanded = true } } else { move(to: selection + 1, visibleRows: count) }
            return .handled
        case .left:
            if row.node.isExpanded && !row.node.children.isEmpty {
                update(at: row.path) { $0.isExpanded = false }
            } else if row.path.count > 1, let parent = visibleRows.firstIndex(where: { $0.path == Array(row.path.dropLast()) }) {
                move(to: parent, visibleRows: count)
            }
            return .handled
        case .char(" "):
            guard row.node.isChecked != nil else { return .handled }
            update(at: row.path) { $0.isChecked?.toggle() }
            return .changed
        case .enter:
            return .activated
        default:
            return .ignored
        }
    }

    /// Draws the visible rows into `area`: indent, ▸/▾ for nodes with children, checkbox, label, detail.
    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: theme.normal)
        let rows = visibleRows
        var first = min(scrollOffset, selection)
        if selection >= first + area.height { first = selection - area.height + 1 }
        for (offset, row) in rows.dropFirst(first).prefix(area.height).enumerated() {
            let y = area.y + offset
            let isSelected = first + offset == selection
            let style = isSelected ? (focused ? theme.selected : theme.normal.bolded) : theme.normal
            if isSelected && focused { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style) }
            var text = isSelected ? theme.selectionMarker : " "
            text += String(repeating: "  ", count: row.depth)
            text += row.node.children.isEmpty ? "  " : (row.node.isExpanded ? "▾ " : "▸ ")
            if let checked = row.node.isChecked { text += (checked ? theme.checkboxOn : theme.checkboxOff) + " " }
            text += row.node.label
            let used = buffer.put(text, x: area.x, y: y, style: style, maxWidth: area.width)
            if let detail = row.node.detail {
                buffer.put(" " + detail, x: area.x + used, y: y, style: isSelected && focused ? style : theme.dim,
                           maxWidth: area.width - used)
            }
        }
    }
}
