import Foundation
import InfuseApp
import InfuseCore

/// Screen 7's state, the design view: the selected tables (add, remove, reorder), the focused
/// table's columns (keep, rename, retype), the joins between parent and child tables, and the
/// resulting rows.
public struct DesignState: Equatable, Sendable {
    /// The panes, in Tab order.
    public enum Pane: Int, CaseIterable, Hashable, Sendable { case tables, columns, joins, rows }

    /// The data source so far.
    public var draft: DataSource
    /// The saved name this design replaces when editing.
    public var replacing: String?
    /// What the preview found.
    public var preview: PreviewSummary
    /// The tables (schema paths), in order.
    public var tables: [String]
    /// Column and join choices.
    public var design: DataSourceDesign
    /// The focused pane.
    public var pane: Pane = .tables
    /// The selected row in the tables pane (`tables.count` is "+ add table…").
    public var tableIndex = 0
    /// The selected column of the focused table.
    public var columnIndex = 0
    /// The selected join.
    public var joinIndex = 0
    /// True while the selected table is picked up to be moved with ↑↓.
    public var grabbed = false
    /// The "add table" list.
    public var addTable: DropDownState
    /// The result grid's scroll state.
    public var grid = GridState()

    /// Creates the design of `tables`; the saved design's choices for them are kept, and joins are
    /// suggested from the link columns when none are saved.
    public init(draft: DataSource, replacing: String?, preview: PreviewSummary, tables: [String]) {
        self.draft = draft
        self.replacing = replacing
        self.preview = preview
        self.tables = tables
        var design = DataSourceDesign(tables: draft.design.tables.filter { tables.contains($0.key) },
                                      joins: draft.design.joins.filter { tables.contains($0.parentTable) && tables.contains($0.childTable) })
        if design.joins.isEmpty { design.joins = SuggestedDesign.joins(tables: tables, preview: preview) }
        self.design = design
        addTable = DropDownState(options: [])
        refreshAddTable()
    }

    /// Schemas that are not tables yet.
    public var addableSchemas: [String] {
        preview.allSchemas.map(\.path).filter { !tables.contains($0) }
    }

    mutating func refreshAddTable() {
        addTable = DropDownState(options: addableSchemas, placeholder: "add table…")
    }

    /// The table under the cursor in the tables pane (nil on "+ add table…").
    public var focusedTable: String? { tables.indices.contains(tableIndex) ? tables[tableIndex] : nil }

    /// The focused table's schema.
    public var focusedSchema: SchemaSummary? { focusedTable.flatMap { preview.schema($0) } }

    /// Adds a table and the joins it suggests.
    public mutating func add(table path: String) {
        guard !tables.contains(path), preview.schema(path) != nil else { return }
        tables.append(path)
        for join in SuggestedDesign.joins(tables: tables, preview: preview)
        where (join.childTable == path || join.parentTable == path) && !design.joins.contains(join) {
            design.joins.append(join)
        }
        tableIndex = tables.count - 1
        refreshAddTable()
    }

    /// Removes the focused table with its joins and choices.
    public mutating func removeFocusedTable() {
        guard let path = focusedTable, tables.count > 1 else { return }
        tables.removeAll { $0 == path }
        design.tables[path] = nil
        design.joins.removeAll { $0.parentTable == path || $0.childTable == path }
        tableIndex = min(tableIndex, tables.count - 1)
        joinIndex = min(joinIndex, max(0, design.joins.count - 1))
        refreshAddTable()
    }

    /// Moves the focused table up (-1) or down (+1).
    public mutating func moveFocusedTable(_ delta: Int) {
        let target = tableIndex + delta
        guard focusedTable != nil, tables.indices.contains(target) else { return }
        tables.swapAt(tableIndex, target)
        tableIndex = target
    }

    /// Whether a table takes part in the view.
    public func isEnabled(_ path: String) -> Bool { design.table(path).enabled }

    /// Toggles the focused table in or out of the view.
    public mutating func toggleFocusedTable() {
        guard let path = focusedTable else { return }
        var t = design.table(path)
        t.enabled.toggle()
        design.tables[path] = t
    }

    /// Keeps or drops the focused column.
    public mutating func toggleFocusedColumn() {
        guard let path = focusedTable, let schema = focusedSchema, schema.columns.indices.contains(columnIndex) else { return }
        let name = schema.columns[columnIndex].name
        var t = design.table(path)
        var kept = t.keptColumns ?? schema.columns.map(\.name)
        if kept.contains(name) { kept.removeAll { $0 == name } } else {
            kept = schema.columns.map(\.name).filter { kept.contains($0) || $0 == name }
        }
        t.keptColumns = kept.count == schema.columns.count ? nil : kept
        design.tables[path] = t
    }

    /// Renames a column of a table (an empty or unchanged name removes the rename).
    public mutating func rename(column: String, of table: String, to newName: String) {
        var t = design.table(table)
        var o = t.columnOverrides[column] ?? ColumnOverride()
        let trimmed = newName.trimmingCharacters(in: .whitespaces)
        o.rename = trimmed.isEmpty || trimmed == column ? nil : trimmed
        t.columnOverrides[column] = (o.rename == nil && o.type == nil) ? nil : o
        design.tables[table] = t
    }

    /// Cycles the focused column's type through the design types, then back to the inferred one.
    public mutating func cycleFocusedColumnType() {
        guard let path = focusedTable, let schema = focusedSchema, schema.columns.indices.contains(columnIndex) else { return }
        let name = schema.columns[columnIndex].name
        var t = design.table(path)
        var o = t.columnOverrides[name] ?? ColumnOverride()
        let inferred = schema.columns[columnIndex].type
        let candidates: [String?] = DesignColumnType.all.map(\.raw).filter { DesignColumnType.label(raw: $0) != inferred } + [nil]
        let current = candidates.firstIndex(of: o.type) ?? (candidates.count - 1)
        o.type = candidates[(current + 1) % candidates.count]
        t.columnOverrides[name] = (o.rename == nil && o.type == nil) ? nil : o
        design.tables[path] = t
    }

    /// The data source to save under `name`.
    public func finished(name: String, now: Date) -> DataSource {
        var source = draft
        source.name = name
        source.selectedSchemas = tables
        source.design = DataSourceDesign(tables: design.tables.filter { tables.contains($0.key) }, joins: design.joins)
        source.updatedAt = now
        return source
    }

    /// The rows the design produces from the preview, built by the saved view's join plan (see
    /// ``PreviewJoiner``).
    public var result: ArrayGridDataSource {
        let joined = PreviewJoiner.result(preview: preview, tables: tables, design: design)
        return ArrayGridDataSource(columns: joined.columns, rows: joined.rows)
    }
}
