import Foundation
import GRDB

/// Loads flattened pages into staging tables (pass 2 of a refresh) and swaps them in.
struct TableLoader {
    let workspace: Workspace
    let source: DataSource

    /// What a load produced, ready to swap.
    struct Staged {
        var plans: [TablePlan]
        /// Chosen schemas missing from this data whose old tables are kept as empty copies.
        var carried: [ExistingTable]
        var rowsPerTable: [String: Int]
        var schemaChanges: [String]
        /// Replace the tables, or merge into them (an incremental run).
        var mode: LoadMode = .replace(list: nil)
        /// The schema paths the tree knows (to name the tables a merge finds).
        var knownPaths: [String] = []
    }

    /// Drops staging tables of the source left by a killed or failed refresh.
    static func dropStaging(slug: String, db: Database) throws {
        let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            .filter { TableNaming.table($0, belongsToSlug: slug) && $0.hasSuffix(TablePlan.stagingSuffix) }
        for name in names { try db.execute(sql: "DROP TABLE \(name.quotedIdentifier)") }
    }

    /// Creates the staging tables and fills them from `pages`, in one transaction (a failure
    /// leaves no staging table behind).
    ///
    /// - Parameters:
    ///   - pages: calls its argument with each page, in order.
    ///   - pageCount: the number of pages, for progress.
    ///   - cancellation: checked between pages; true rolls back and throws `RefreshError.cancelled`.
    func stage(
        tree: SchemaTree, schemas: [String]?, mode: LoadMode, pageCount: Int, rowsFetched: Int,
        pages: ((([UInt8]) throws -> Void) throws -> Void),
        cancellation: CancellationFlag, progress: (@Sendable (RefreshProgress) -> Void)?
    ) throws -> Staged {
        let slug = source.slug
        let (plans, missing) = try TablePlanner.plan(tree: tree, source: source, schemas: mode.schemas(tree: tree, source: source, chosen: schemas))
        let flattener = try Flattener(tree: tree, tables: plans.map(\.flattenTable))
        let knownPaths = tree.allSchemas.map(\.path) + source.selectedSchemas
        if case .merge = mode {
            return try databaseWrite { db in
                try Self.dropStaging(slug: slug, db: db)
                for plan in plans { try db.execute(sql: plan.createSQL(named: plan.stagingName)) }
                var sink = try SQLiteInsertSink(db: db, sql: plans.map { $0.insertSQL(named: $0.stagingName) })
                try PageLoading.load(
                    pages: pages, flattener: flattener, into: &sink, pageCount: pageCount, rowsFetched: rowsFetched,
                    cancellation: cancellation, progress: progress)
                var rows: [String: Int] = [:]
                for (index, plan) in plans.enumerated() { rows[plan.tableName] = sink.counts[index] }
                return Staged(plans: plans, carried: [], rowsPerTable: rows, schemaChanges: [], mode: mode, knownPaths: knownPaths)
            }
        }
        return try databaseWrite { db in
            try Self.dropStaging(slug: slug, db: db)
            let old = try ExistingTable.all(slug: slug, db: db)
            if plans.isEmpty && (old.isEmpty || missing.isEmpty) {
                throw RefreshError.noSchemas(available: tree.allSchemas.map(\.path))
            }
            let missingTables = missing.map { TableNaming.tableName(source: source.name, schemaPath: $0) }
            let carried = missingTables.compactMap { old[$0] }
            for plan in plans { try db.execute(sql: plan.createSQL(named: plan.stagingName)) }
            for table in carried {
                let columns = table.columns.map { "\($0.name.quotedIdentifier) \($0.declaredType)" }.joined(separator: ", ")
                try db.execute(sql: "CREATE TABLE \(TablePlan.stagingName(table.name).quotedIdentifier) (\(columns))")
            }
            var sink = try SQLiteInsertSink(db: db, sql: plans.map { $0.insertSQL(named: $0.stagingName) })
            try PageLoading.load(
                pages: pages, flattener: flattener, into: &sink, pageCount: pageCount, rowsFetched: rowsFetched,
                cancellation: cancellation, progress: progress)
            var rows: [String: Int] = [:]
            for (index, plan) in plans.enumerated() { rows[plan.tableName] = sink.counts[index] }
            for table in carried { rows[table.name] = 0 }
            var changes = SchemaDrift.changes(
                old: old.filter { !missingTables.contains($0.key) }, new: plans, slug: slug)
            for path in missing {
                let table = TableNaming.tableName(source: source.name, schemaPath: path)
                changes.append(old[table] == nil
                    ? "\(path): not in the data; no table made"
                    : "\(path): not in the data; its table is now empty")
            }
            return Staged(plans: plans, carried: carried, rowsPerTable: rows, schemaChanges: changes, mode: mode, knownPaths: knownPaths)
        }
    }

    /// In one transaction: drops the view and the source's old tables, renames the staging
    /// tables to their final names and recreates the view. On failure the staging tables are
    /// dropped and the old ones stay.
    /// - Returns: the list rows the new tables no longer hold, when the mode names the list.
    @discardableResult
    func swap(_ staged: Staged) throws -> Int? {
        let slug = source.slug
        let view = TableNaming.viewName(source: source.name)
        do {
            return try databaseWrite { db -> Int? in
                var deleted: Int?
                if case .replace(let list?) = staged.mode {
                    let name = TableNaming.tableName(source: source.name, schemaPath: list.path)
                    deleted = try Self.countGone(table: name, staging: TablePlan.stagingName(name), key: list.key, db: db)
                }
                try db.execute(sql: "DROP VIEW IF EXISTS \(view.quotedIdentifier)")
                for name in try ExistingTable.all(slug: slug, db: db).keys.sorted() {
                    try db.execute(sql: "DROP TABLE \(name.quotedIdentifier)")
                }
                let finals = staged.plans.map(\.tableName) + staged.carried.map(\.name)
                for name in finals {
                    try db.execute(sql: "ALTER TABLE \(TablePlan.stagingName(name).quotedIdentifier) RENAME TO \(name.quotedIdentifier)")
                }
                TestHooks.pause(at: .swap)
                if let sql = try ViewDefinition.sql(name: view, plans: staged.plans, joins: source.design.joins) {
                    try db.execute(sql: sql)
                }
                return deleted
            }
        } catch {
            discardStaging()
            throw error
        }
    }

    /// Drops the source's staging tables, ignoring errors (cleanup after a failure).
    func discardStaging() {
        let slug = source.slug
        _ = try? workspace.dbPool.write { db in try Self.dropStaging(slug: slug, db: db) }
    }

    /// Rows of `table` whose `key` the staging table lacks; nil when either table or column is missing.
    static func countGone(table: String, staging: String, key: String, db: Database) throws -> Int? {
        guard try db.tableExists(table), try db.tableExists(staging),
            try db.columns(in: table).contains(where: { $0.name == key }),
            try db.columns(in: staging).contains(where: { $0.name == key })
        else { return nil }
        let k = key.quotedIdentifier
        return try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM \(table.quotedIdentifier) WHERE \(k) NOT IN (SELECT \(k) FROM \(staging.quotedIdentifier) WHERE \(k) IS NOT NULL)
            """) ?? 0
    }

    func databaseWrite<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try workspace.dbPool.write(body)
        } catch let error as DatabaseError {
            throw RefreshError.database(error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
    }
}
