import Foundation

extension PostgresTableLoader {
    /// The PostgreSQL spelling of a merge: finals in the `<slug>` schema, staging tables in
    /// `<slug>__staging`, types changed in place, temporary tables dropped at the commit.
    var mergeDialect: TableMerge.Dialect {
        let schema = source.slug.quotedIdentifier
        let staging = (source.slug + TablePlan.stagingSuffix).quotedIdentifier
        return TableMerge.Dialect(
            final: { "\(schema).\($0.quotedIdentifier)" }, staging: { "\(staging).\($0.quotedIdentifier)" },
            type: { $0.postgresType }, altersTypes: true, tempSuffix: "ON COMMIT DROP")
    }

    /// Whether the destination holds the final table `name` of this source (an incremental run
    /// needs the tables it merges into).
    func hasTable(_ name: String) async throws -> Bool {
        let session = try await PostgresSession.connect(url, secrets: secrets)
        do {
            let qualified = "\(source.slug.quotedIdentifier).\(name.quotedIdentifier)".replacingOccurrences(of: "'", with: "''")
            let rows = try await session.textRows("SELECT (to_regclass('\(qualified)') IS NOT NULL)::text", columns: 1)
            await session.close()
            return rows.first?.first == "true"
        } catch {
            await session.close()
            throw error
        }
    }

    /// `COPY`s the staged rows into `<slug>__staging` and merges them into the `<slug>` tables
    /// (see ``TableMerge``), rebuilding the view, in ONE transaction; a failure rolls all of it back.
    func mergeInTransaction(_ staged: Staged, list: ListKey, liveIDs: [String]?, session: PostgresSession) async throws -> CommittedTables {
        let slug = source.slug
        let schema = slug.quotedIdentifier
        let stagingSchema = (slug + TablePlan.stagingSuffix).quotedIdentifier
        try await session.execute("BEGIN")
        try await session.execute("CREATE SCHEMA IF NOT EXISTS \(schema)")
        let old = try await existingTables(session: session)
        try await copyStaged(staged, session: session)
        let existing = old.mapValues(\.existing)
        let merge = TableMerge(
            source: source, listPath: list.path, plans: staged.plans, listKey: list.key, existing: existing,
            knownPaths: staged.tree.allSchemas.map(\.path) + source.selectedSchemas, swept: liveIDs != nil, dialect: mergeDialect,
            actualTypes: old.mapValues(\.columnTypes))
        let planned = try merge.plannedSteps()
        let listName = TableNaming.tableName(source: source.name, schemaPath: list.path)
        if let liveIDs {
            let keyType = old[listName]?.columns.first { $0.name == list.key }?.postgresType ?? "text"
            try await session.execute("DROP TABLE IF EXISTS infuse_live_ids")
            try await session.execute("CREATE TEMP TABLE infuse_live_ids (id \(keyType)) ON COMMIT DROP")
            var start = 0
            while start < liveIDs.count {
                let batch = liveIDs[start..<min(liveIDs.count, start + 1000)]
                let values = batch.map { "('" + $0.replacingOccurrences(of: "'", with: "''") + "')" }.joined(separator: ", ")
                try await session.execute("INSERT INTO infuse_live_ids (id) VALUES \(values)")
                start += 1000
            }
        }
        try await session.execute("DROP VIEW IF EXISTS \(schema).\(TableNaming.viewName(source: source.name).quotedIdentifier)")
        var deleted = 0
        for step in planned.steps {
            switch step {
            case .execute(let sql): try await session.execute(sql)
            case .countDeleted(let sql):
                let rows = try await session.textRows(sql.replacingOccurrences(of: "SELECT COUNT(*)", with: "SELECT COUNT(*)::text"), columns: 1)
                deleted = rows.first?.first.flatMap { $0 }.flatMap { Int($0) } ?? 0
            }
        }
        try await session.execute("DROP SCHEMA \(stagingSchema) CASCADE")
        try await session.execute("SET LOCAL search_path = \(schema)")
        TestHooks.pause(at: .swap)
        let others = TableMerge.untouched(existing: existing, merged: planned.tables, slug: slug)
        if let sql = try ViewDefinition.sql(
            name: TableNaming.viewName(source: source.name),
            tables: TableMerge.viewTables(source: source, merged: planned.tables, others: others), joins: source.design.joins) {
            try await session.execute(sql)
        }
        var rows: [String: Int] = [:]
        for name in Set(old.keys).union(planned.tables.map(\.name)) {
            let counted = try await session.textRows("SELECT COUNT(*)::text FROM \(schema).\(name.quotedIdentifier)", columns: 1)
            rows[name] = counted.first?.first.flatMap { $0 }.flatMap { Int($0) } ?? 0
        }
        try await session.execute("COMMIT")
        return CommittedTables(
            rowsPerTable: rows, schemaChanges: planned.changes,
            rowsUpserted: staged.plans.firstIndex { $0.tableName == listName }.map { staged.rows[$0] } ?? 0,
            rowsDeleted: liveIDs == nil ? nil : deleted)
    }
}
