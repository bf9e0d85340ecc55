import Foundation
import InfuseApp
import InfuseCore

/// Screen 6, Choose Schema(s): the schema tree with checkboxes and row counts on the left, the
/// focused schema's preview grid (names and types in the header) on the right; Connect.
public struct SchemaChooserState: Equatable, Sendable {
    /// The data source so far (from the form).
    public var draft: DataSource
    /// The saved name this design replaces when editing.
    public var replacing: String?
    /// What the preview found.
    public var preview: PreviewSummary
    /// The tree of schemas.
    public var tree: TreeState
    /// True while the grid has the focus.
    public var gridFocused = false
    /// The grid's scroll state.
    public var grid = GridState()

    /// Creates the screen; schemas listed in `draft.selectedSchemas` start ticked.
    public init(draft: DataSource, replacing: String?, preview: PreviewSummary) {
        self.draft = draft
        self.replacing = replacing
        self.preview = preview
        func node(_ s: SchemaSummary) -> TreeNode {
            TreeNode(id: s.path, label: s.label, detail: "(\(NumberText.grouped(s.rowCount)))",
                     isChecked: draft.selectedSchemas.contains(s.path), isExpanded: true, children: s.children.map(node))
        }
        tree = TreeState(roots: preview.roots.map(node))
        if let first = preview.allSchemas.first(where: { $0.path != "root" }) { tree.select(id: first.path) }
    }

    /// The schema under the cursor.
    public var focusedSchema: SchemaSummary? { tree.selectedRow.flatMap { preview.schema($0.node.id) } }

    /// The ticked schema paths, in tree order.
    public var checkedPaths: [String] {
        var out: [String] = []
        func walk(_ nodes: [TreeNode]) {
            for n in nodes {
                if n.isChecked == true { out.append(n.id) }
                walk(n.children)
            }
        }
        walk(tree.roots)
        return out
    }

    /// Key bindings (tree or grid focus).
    public func keymap() -> Keymap<AppCommand> {
        if gridFocused {
            return Keymap("Choose Schema(s) · grid", [
                KeyBinding([.up, .down, .left, .right, .pageUp, .pageDown, .home, .end], .navigate, help: "Scroll the preview",
                           group: "Navigation", footerText: "scroll"),
                KeyBinding([.tab, .backTab], .switchPane, help: "Back to the schema tree", footerText: "tree"),
                KeyBinding([.enter], .connect, help: "Connect with the ticked schemas", footerText: "connect"),
                KeyBinding([.escape], .back, help: "Back to the form", footerText: "back"),
            ])
        }
        return Keymap("Choose Schema(s)", [
            KeyBinding([.up, .down, .char("k"), .char("j"), .pageUp, .pageDown, .home, .end], .navigate, help: "Move in the tree",
                       group: "Navigation", footerText: "move"),
            KeyBinding([.char(" ")], .toggle, help: "Select or deselect the schema", footerText: "select"),
            KeyBinding([.left, .right], .navigate, help: "Collapse or expand", group: "Navigation", footerText: "collapse/expand"),
            KeyBinding([.tab, .backTab], .switchPane, help: "Move to the preview grid", footerText: "grid"),
            KeyBinding([.enter], .connect, help: "Connect with the ticked schemas", footerText: "connect"),
            KeyBinding([.escape], .back, help: "Back to the form (nothing typed is lost)", footerText: "back"),
        ])
    }
}

extension AppReducer {
    static func schemas(_ state: inout AppState, _ s: inout SchemaChooserState, _ command: AppCommand, key: Key) -> [AppEffect] {
        switch command {
        case .navigate:
            if s.gridFocused, let schema = s.focusedSchema {
                _ = s.grid.handle(key, rowCount: schema.previewRows.count, columnCount: schema.columns.count, visibleRows: 10)
            } else {
                let before = s.tree.selectedRow?.node.id
                _ = s.tree.handle(key, visibleRows: 12)
                if s.tree.selectedRow?.node.id != before { s.grid = GridState() }
            }
        case .toggle:
            _ = s.tree.handle(.char(" "))
        case .switchPane:
            s.gridFocused.toggle()
        case .connect:
            let paths = s.checkedPaths
            guard !paths.isEmpty else {
                state.status = StatusMessage(.warning, "Tick at least one schema with Space, then Connect")
                return []
            }
            state.status = nil
            state.push(.design(DesignState(draft: s.draft, replacing: s.replacing, preview: s.preview, tables: paths)))
        case .back:
            state.pop()
        default:
            break
        }
        return []
    }
}

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
