/// The `CREATE VIEW` of a data source: its design's tables joined (LEFT JOIN unless the design
/// says inner) with their columns, duplicates aliased `<table>__<column>`.
enum ViewDefinition {
    /// The SQL of the view `name` over `plans` (final table names), or nil when no table is in
    /// the view. Without joins, the view shows the first table in the view that is not `root`.
    /// - Throws: `RefreshError.design` for a join on a column the tables do not have.
    static func sql(name: String, plans: [TablePlan], joins: [JoinDesign]) throws -> String? {
        let candidates = plans.filter(\.inView)
        guard !candidates.isEmpty else { return nil }
        let byPath = Dictionary(candidates.map { ($0.schemaPath, $0) }, uniquingKeysWith: { first, _ in first })
        let usable = joins.filter { byPath[$0.parentTable] != nil && byPath[$0.childTable] != nil }
        var order: [TablePlan] = []
        var clauses: [String] = []
        if let first = usable.first, let base = byPath[first.parentTable] {
            order.append(base)
            for join in usable {
                guard let parent = byPath[join.parentTable], let child = byPath[join.childTable],
                      order.contains(where: { $0.schemaPath == parent.schemaPath }),
                      !order.contains(where: { $0.schemaPath == child.schemaPath })
                else { continue }
                guard let parentColumn = parent.column(named: join.parentColumn) else {
                    throw RefreshError.design("the design joins \(join.parentTable).\(join.parentColumn), but \(join.parentTable) has no column \(join.parentColumn)")
                }
                guard let childColumn = child.column(named: join.childColumn) else {
                    throw RefreshError.design("the design joins \(join.childTable).\(join.childColumn), but \(join.childTable) has no column \(join.childColumn)")
                }
                let keyword = join.kind == .inner ? "INNER JOIN" : "LEFT JOIN"
                clauses.append("\(keyword) \(child.tableName.quotedIdentifier) AS t\(order.count) ON t\(order.firstIndex { $0.schemaPath == parent.schemaPath }!).\(parentColumn.name.quotedIdentifier) = t\(order.count).\(childColumn.name.quotedIdentifier)")
                order.append(child)
            }
        } else {
            order.append(candidates.first { $0.schemaPath != "root" } ?? candidates[0])
        }
        var used: Set<String> = []
        var selected: [String] = []
        for (index, plan) in order.enumerated() {
            for column in plan.columns {
                var alias = column.name
                if used.contains(alias.lowercased()) {
                    alias = TableNaming.schemaPart(plan.schemaPath) + TableNaming.separator + column.name
                    var suffix = 2
                    while used.contains(alias.lowercased()) {
                        alias = TableNaming.schemaPart(plan.schemaPath) + TableNaming.separator + column.name + "_\(suffix)"
                        suffix += 1
                    }
                }
                used.insert(alias.lowercased())
                selected.append("t\(index).\(column.name.quotedIdentifier) AS \(alias.quotedIdentifier)")
            }
        }
        let from = "FROM \(order[0].tableName.quotedIdentifier) AS t0" + clauses.map { " " + $0 }.joined()
        return "CREATE VIEW \(name.quotedIdentifier) AS SELECT \(selected.joined(separator: ", ")) \(from)"
    }
}
