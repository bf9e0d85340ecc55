import Foundation
import InfuseCore

/// Columns and rows as text, as a grid shows them.
public struct TextRows: Hashable, Sendable {
    /// The columns.
    public var columns: [GridColumn]
    /// The rows, one text per column.
    public var rows: [[String]]

    /// Creates rows.
    public init(columns: [GridColumn], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// The rows a design produces from the preview, built with the saved view's own
/// ``ViewJoinPlan``: the same base table, join order, kept columns (generated columns always),
/// renames and aliases for duplicate names as `CREATE VIEW`. At most `limit` rows.
public enum PreviewJoiner {
    /// The resulting columns and rows; no columns when no table is in the view or a join names
    /// a column its table lacks (the refresh reports that as a design error).
    public static func result(preview: PreviewSummary, tables: [String], design: DataSourceDesign, limit: Int = 500) -> TextRows {
        let chosen = Set(tables)
        // The view's candidates in schema-tree order, as the refresh plans them.
        let schemas = preview.allSchemas.filter { chosen.contains($0.path) && design.table($0.path).enabled }
        var layouts: [String: TableLayout] = [:]
        let candidates = schemas.map { schema -> ViewJoinPlan.Table in
            let layout = TableLayout(schema: schema, design: design.table(schema.path))
            layouts[schema.path] = layout
            return layout.table
        }
        guard let plan = try? ViewJoinPlan(candidates: candidates, joins: design.joins) else {
            return TextRows(columns: [], rows: [])
        }
        let planLayouts = plan.tables.compactMap { layouts[$0.path] }
        guard planLayouts.count == plan.tables.count else { return TextRows(columns: [], rows: []) }

        // A joined row: for each plan table, the index of its preview row (nil: no match, left join).
        var joined: [[Int?]] = planLayouts[0].rows.indices.map { [$0] }
        for join in plan.joins {
            let parent = planLayouts[join.parent], child = planLayouts[join.child]
            guard let parentColumn = parent.index(of: join.parentColumn), let childColumn = child.index(of: join.childColumn) else {
                return TextRows(columns: [], rows: [])
            }
            var byLink: [String: [Int]] = [:]
            for (index, row) in child.rows.enumerated() { byLink[row[childColumn], default: []].append(index) }
            var next: [[Int?]] = []
            for combination in joined {
                let matches = combination[join.parent].flatMap { byLink[parent.rows[$0][parentColumn]] } ?? []
                if matches.isEmpty {
                    if join.kind == .left { next.append(combination + [nil]) }
                } else {
                    next.append(contentsOf: matches.map { combination + [$0] })
                }
                if next.count >= limit { break }
            }
            joined = Array(next.prefix(limit))
        }
        let cells = plan.output.map { column in (column.table, planLayouts[column.table].index(of: column.column) ?? 0) }
        let columns = plan.output.map { column in
            GridColumn(name: column.alias, type: planLayouts[column.table].type(of: column.column))
        }
        let rows = joined.prefix(limit).map { combination in
            cells.map { table, column in combination[table].map { planLayouts[table].rows[$0][column] } ?? "" }
        }
        return TextRows(columns: columns, rows: Array(rows))
    }
}

/// One preview schema laid out as its imported table: kept columns in table order, renamed and
/// retyped, with the preview rows cut to those columns.
private struct TableLayout {
    let table: ViewJoinPlan.Table
    let types: [String]
    let rows: [[String]]

    init(schema: SchemaSummary, design: TableDesign) {
        let generated = Set(schema.generatedColumns)
        let kept = DesignedColumns.kept(schema.columns.map { ($0.name, generated.contains($0.name)) }, design: design)
        let positions = Dictionary(schema.columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let indices = kept.compactMap { positions[$0] }
        table = ViewJoinPlan.Table(path: schema.path, columns: indices.map { index in
            let name = schema.columns[index].name
            return ViewJoinPlan.Column(inferredName: name, name: DesignedColumns.finalName(name, design: design))
        })
        types = indices.map { index in
            let column = schema.columns[index]
            return design.columnOverrides[column.name]?.type.map(DesignColumnType.label(raw:)) ?? column.type
        }
        rows = schema.previewRows.map { row in indices.map { $0 < row.count ? row[$0] : "" } }
    }

    /// The position of a final column name.
    func index(of name: String) -> Int? { table.columns.firstIndex { $0.name == name } }

    /// The type label of a final column name.
    func type(of name: String) -> String { index(of: name).map { types[$0] } ?? "" }
}
