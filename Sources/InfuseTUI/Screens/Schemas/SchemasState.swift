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

}
