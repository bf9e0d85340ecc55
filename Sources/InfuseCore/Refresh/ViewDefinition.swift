/// The `CREATE VIEW` of a data source: its design's tables joined (LEFT JOIN unless the design
/// says inner) with their columns, duplicates aliased `<table>__<column>` (see ``ViewJoinPlan``).
enum ViewDefinition {
    /// The SQL of the view `name` over `plans` (final table names), or nil when no table is in
    /// the view. Without joins, the view shows the first table in the view that is not `root`.
    /// - Throws: `RefreshError.design` for a join on a column the tables do not have.
    static func sql(name: String, plans: [TablePlan], joins: [JoinDesign]) throws -> String? {
        try sql(name: name, tables: plans.map {
            Table(schemaPath: $0.schemaPath, tableName: $0.tableName, inView: $0.inView, joinTable: $0.joinTable)
        }, joins: joins)
    }

    /// A table the view may show: its path, final name, whether the design keeps it in the view
    /// and its columns (an incremental merge builds these from the merged tables).
    struct Table {
        var schemaPath: String
        var tableName: String
        var inView: Bool
        var joinTable: ViewJoinPlan.Table
    }

    /// The SQL of the view `name` over `tables`, or nil when no table is in the view.
    static func sql(name: String, tables: [Table], joins: [JoinDesign]) throws -> String? {
        let candidates = tables.filter(\.inView)
        let tableNames = Dictionary(candidates.map { ($0.schemaPath, $0.tableName) }, uniquingKeysWith: { first, _ in first })
        let plan: ViewJoinPlan?
        do {
            plan = try ViewJoinPlan(candidates: candidates.map(\.joinTable), joins: joins)
        } catch {
            throw RefreshError.design("the design joins \(error.table).\(error.column), but \(error.table) has no column \(error.column)")
        }
        guard let plan else { return nil }
        func table(_ index: Int) -> String { (tableNames[plan.tables[index].path] ?? "").quotedIdentifier }
        let selected = plan.output.map { "t\($0.table).\($0.column.quotedIdentifier) AS \($0.alias.quotedIdentifier)" }
        let clauses = plan.joins.map { join in
            let keyword = join.kind == .inner ? "INNER JOIN" : "LEFT JOIN"
            return "\(keyword) \(table(join.child)) AS t\(join.child) ON t\(join.parent).\(join.parentColumn.quotedIdentifier) = t\(join.child).\(join.childColumn.quotedIdentifier)"
        }
        let from = "FROM \(table(0)) AS t0" + clauses.map { " " + $0 }.joined()
        return "CREATE VIEW \(name.quotedIdentifier) AS SELECT \(selected.joined(separator: ", ")) \(from)"
    }
}

extension TablePlan {
    /// The table as a ``ViewJoinPlan`` sees it.
    var joinTable: ViewJoinPlan.Table {
        ViewJoinPlan.Table(path: schemaPath, columns: columns.map { ViewJoinPlan.Column(inferredName: $0.inferredName, name: $0.name) })
    }
}
