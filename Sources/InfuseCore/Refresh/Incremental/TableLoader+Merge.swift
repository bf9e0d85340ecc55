import GRDB

extension TableLoader {
    /// The SQLite spelling of a merge: plain quoted names, staging tables beside the finals,
    /// types changed by rebuilding the table.
    static var mergeDialect: TableMerge.Dialect { TableMerge.Dialect(
        final: { $0.quotedIdentifier }, staging: { TablePlan.stagingName($0).quotedIdentifier },
        type: { $0.sqliteDeclaredType }, altersTypes: false, tempSuffix: "") }

    /// Merges the staged rows into the final tables (see ``TableMerge``) and rebuilds the view,
    /// in one transaction; on failure the staging tables are dropped and the tables stay as they were.
    func merge(_ staged: Staged, list: ListKey, liveIDs: [String]?) throws -> CommittedTables {
        let slug = source.slug
        let view = TableNaming.viewName(source: source.name)
        let listName = TableNaming.tableName(source: source.name, schemaPath: list.path)
        do {
            return try databaseWrite { db in
                let existing = try ExistingTable.all(slug: slug, db: db)
                let merge = TableMerge(
                    source: source, listPath: list.path, plans: staged.plans, listKey: list.key, existing: existing,
                    knownPaths: staged.knownPaths, swept: liveIDs != nil, dialect: Self.mergeDialect)
                let planned = try merge.plannedSteps()
                try db.execute(sql: "DROP TABLE IF EXISTS temp.infuse_live_ids")
                if let liveIDs {
                    try db.execute(sql: "CREATE TEMP TABLE infuse_live_ids (id)")
                    let insert = try db.makeStatement(sql: "INSERT INTO infuse_live_ids (id) VALUES (?)")
                    // Stored as the list's id column stores them, so the comparison needs no conversion.
                    let numeric = existing[listName]?.columns.first { $0.name == list.key }?.declaredType.uppercased() == "INTEGER"
                    for id in liveIDs {
                        if numeric, let number = Int64(id) { try insert.execute(arguments: [number]) } else { try insert.execute(arguments: [id]) }
                    }
                }
                try db.execute(sql: "DROP VIEW IF EXISTS \(view.quotedIdentifier)")
                var deleted = 0
                for step in planned.steps {
                    switch step {
                    case .execute(let sql): try db.execute(sql: sql)
                    case .countDeleted(let sql): deleted = try Int.fetchOne(db, sql: sql) ?? 0
                    }
                }
                try Self.dropStaging(slug: slug, db: db)
                try db.execute(sql: "DROP TABLE IF EXISTS temp.infuse_live_ids")
                TestHooks.pause(at: .swap)
                let others = TableMerge.untouched(existing: existing, merged: planned.tables, slug: slug)
                if let sql = try ViewDefinition.sql(
                    name: view, tables: TableMerge.viewTables(source: source, merged: planned.tables, others: others),
                    joins: source.design.joins) {
                    try db.execute(sql: sql)
                }
                var rows: [String: Int] = [:]
                for name in try ExistingTable.all(slug: slug, db: db).keys {
                    rows[name] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(name.quotedIdentifier)") ?? 0
                }
                return CommittedTables(
                    rowsPerTable: rows, schemaChanges: planned.changes, rowsUpserted: staged.rowsPerTable[listName] ?? 0,
                    rowsDeleted: liveIDs == nil ? nil : deleted)
            }
        } catch {
            discardStaging()
            throw error
        }
    }
}
