import Foundation
import PostgresNIO

/// Loads a data source's tables into a PostgreSQL destination: the same tables and join view as
/// in SQLite, in a schema named after the source's slug, with PostgreSQL column types
/// (`ColumnType.postgresType`).
///
/// Pass 2 flattens the pages into `COPY` text files (`PostgresCopySink`); `load` then runs ONE
/// transaction: create the schema `<slug>__staging`, create each table under a fixed name,
/// stream its file with `COPY … FROM STDIN`, rename it, drop the old `<slug>` schema (CASCADE),
/// rename the staging schema to `<slug>` and create the view. Readers see the old tables until
/// the commit, then the new ones; a failure, a lost connection or a killed process rolls back,
/// so the old tables stay intact and nothing is left behind.
///
/// Date-times: columns are `timestamptz` and values go in as the API's text, read by
/// PostgreSQL's own parser with the session in UTC (ISO 8601 and Keap's `+0000` form; a date
/// alone is midnight UTC). A value it cannot read fails the refresh naming the column's error.
struct PostgresTableLoader {
    let source: DataSource
    let url: PostgresURL
    let secrets: SecretsStore?
    /// Where the `COPY` files are written (the workspace directory).
    let directory: URL

    /// PostgreSQL's longest identifier, in bytes.
    static let maxIdentifierBytes = 63

    /// What pass 2 produced: the plans and their `COPY` files.
    struct Staged {
        var plans: [TablePlan]
        var missing: [String]
        var files: [URL]
        var rows: [Int]
        var tree: SchemaTree
        /// Replace the tables, or merge into them (an incremental run).
        var mode: LoadMode = .replace(list: nil)
    }

    /// Removes `COPY` files a killed refresh of `slug` left behind.
    static func removeLeftovers(directory: URL, slug: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(".\(slug).pgcopy.") {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// Plans the tables and flattens `pages` into one `COPY` file per table.
    func stage(
        tree: SchemaTree, schemas: [String]?, mode: LoadMode, pageCount: Int, rowsFetched: Int,
        pages: ((([UInt8]) throws -> Void) throws -> Void),
        cancellation: CancellationFlag, progress: (@Sendable (RefreshProgress) -> Void)?
    ) throws -> Staged {
        let (plans, missing) = try TablePlanner.plan(tree: tree, source: source, schemas: mode.schemas(tree: tree, source: source, chosen: schemas))
        try checkNames(plans)
        let flattener = try Flattener(tree: tree, tables: plans.map(\.flattenTable))
        var sink = try PostgresCopySink(
            directory: directory, slug: source.slug, tables: plans.count,
            labels: plans.map { (table: $0.schemaPath, columns: $0.columns.map(\.name)) })
        do {
            try PageLoading.load(
                pages: pages, flattener: flattener, into: &sink, pageCount: pageCount, rowsFetched: rowsFetched,
                cancellation: cancellation, progress: progress)
            try sink.finish()
        } catch {
            sink.remove()
            throw error
        }
        return Staged(plans: plans, missing: missing, files: sink.files, rows: sink.counts, tree: tree, mode: mode)
    }

    /// Loads the staged files and swaps them in, in one transaction; removes the files.
    /// A merge (``LoadMode/merge(list:liveIDs:)``) merges them in instead, in the same one transaction.
    /// - Returns: rows per table, the schema drift lines and what a merge or a counted replace changed.
    func load(_ staged: Staged) async throws -> CommittedTables {
        defer { for file in staged.files { try? FileManager.default.removeItem(at: file) } }
        let session = try await PostgresSession.connect(url, secrets: secrets)
        do {
            let result: CommittedTables
            if case .merge(let list, let liveIDs) = staged.mode {
                result = try await mergeInTransaction(staged, list: list, liveIDs: liveIDs, session: session)
            } else {
                result = try await loadInTransaction(staged, session: session)
            }
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }

    private func loadInTransaction(_ staged: Staged, session: PostgresSession) async throws -> CommittedTables {
        let slug = source.slug
        let schema = slug.quotedIdentifier
        let stagingSchema = (slug + TablePlan.stagingSuffix).quotedIdentifier
        try await session.execute("BEGIN")
        try await session.execute("CREATE SCHEMA IF NOT EXISTS \(schema)")
        let old = try await existingTables(session: session)
        let missingTables = staged.missing.map { TableNaming.tableName(source: source.name, schemaPath: $0) }
        if staged.plans.isEmpty && (old.isEmpty || staged.missing.isEmpty) {
            throw RefreshError.noSchemas(available: staged.tree.allSchemas.map(\.path))
        }
        try await copyStaged(staged, session: session)
        var rows: [String: Int] = [:]
        for (index, plan) in staged.plans.enumerated() { rows[plan.tableName] = staged.rows[index] }
        for name in missingTables {
            guard let table = old[name] else { continue }
            let columns = table.columns.map { "\($0.name.quotedIdentifier) \($0.postgresType)" }.joined(separator: ", ")
            try await session.execute("CREATE TABLE \(stagingSchema).\(name.quotedIdentifier) (\(columns))")
            rows[name] = 0
        }
        var changes = SchemaDrift.changes(
            old: old.filter { !missingTables.contains($0.key) }.mapValues(\.existing), new: staged.plans, slug: slug)
        for path in staged.missing {
            let table = TableNaming.tableName(source: source.name, schemaPath: path)
            changes.append(old[table] == nil
                ? "\(path): not in the data; no table made"
                : "\(path): not in the data; its table is now empty")
        }
        var deleted: Int?
        if case .replace(let list?) = staged.mode {
            deleted = try await countGone(list: list, old: old, staged: staged, session: session)
        }
        try await session.execute("DROP SCHEMA \(schema) CASCADE")
        try await session.execute("ALTER SCHEMA \(stagingSchema) RENAME TO \(schema)")
        try await session.execute("SET LOCAL search_path = \(schema)")
        TestHooks.pause(at: .swap)
        if let sql = try ViewDefinition.sql(
            name: TableNaming.viewName(source: source.name), plans: staged.plans, joins: source.design.joins) {
            try await session.execute(sql)
        }
        try await session.execute("COMMIT")
        return CommittedTables(rowsPerTable: rows, schemaChanges: changes, rowsDeleted: deleted)
    }

    /// Creates the staging schema and `COPY`s each staged file into its table there.
    func copyStaged(_ staged: Staged, session: PostgresSession) async throws {
        let stagingSchema = (source.slug + TablePlan.stagingSuffix).quotedIdentifier
        try await session.execute("DROP SCHEMA IF EXISTS \(stagingSchema) CASCADE")
        try await session.execute("CREATE SCHEMA \(stagingSchema)")
        try await session.execute("SET LOCAL search_path = \(stagingSchema)")
        for (index, plan) in staged.plans.enumerated() {
            let columns = plan.columns.map { "\($0.name.quotedIdentifier) \($0.type.postgresType)" }.joined(separator: ", ")
            try await session.execute("CREATE TABLE \(stagingSchema).infuse_copy_target (\(columns))")
            let file = staged.files[index]
            do {
                try await session.copyIntoCopyTarget { writer in
                    let handle = try FileHandle(forReadingFrom: file)
                    defer { try? handle.close() }
                    while let chunk = try handle.read(upToCount: 1 << 18), !chunk.isEmpty {
                        try await writer.write(ByteBuffer(bytes: chunk))
                    }
                }
            } catch let error as DestinationError {
                throw DestinationError.postgres("loading \(plan.schemaPath) into \(url.host):\(url.port): \(error.userMessage)")
            }
            try await session.execute(
                "ALTER TABLE \(stagingSchema).infuse_copy_target RENAME TO \(plan.tableName.quotedIdentifier)")
        }
    }

    /// List rows of the old tables whose id the staged list lacks (a full read's deletes).
    private func countGone(list: ListKey, old: [String: PostgresTable], staged: Staged, session: PostgresSession) async throws -> Int? {
        let name = TableNaming.tableName(source: source.name, schemaPath: list.path)
        guard let table = old[name], table.columns.contains(where: { $0.name == list.key }),
            let plan = staged.plans.first(where: { $0.tableName == name }), plan.columns.contains(where: { $0.name == list.key })
        else { return nil }
        let key = list.key.quotedIdentifier
        let staging = (source.slug + TablePlan.stagingSuffix).quotedIdentifier + "." + name.quotedIdentifier
        let rows = try await session.textRows(
            "SELECT COUNT(*)::text FROM \(source.slug.quotedIdentifier).\(name.quotedIdentifier) WHERE \(key) NOT IN (SELECT \(key) FROM \(staging) WHERE \(key) IS NOT NULL)",
            columns: 1)
        return rows.first?.first.flatMap { $0 }.flatMap { Int($0) }
    }

    /// A table of the destination's `<slug>` schema: its columns with PostgreSQL types.
    struct PostgresTable {
        var columns: [(name: String, postgresType: String)]
        var name: String

        /// The columns' types as PostgreSQL holds them (`jsonb` stays JSON), by name.
        var columnTypes: [String: ColumnType] {
            Dictionary(columns.compactMap { column in ColumnType(postgresType: column.postgresType).map { (column.name, $0) } },
                       uniquingKeysWith: { first, _ in first })
        }

        /// The table as SQLite would declare it, for `SchemaDrift`.
        var existing: ExistingTable {
            ExistingTable(name: name, columns: columns.map { ($0.name, ColumnType(postgresType: $0.postgresType)?.sqliteDeclaredType ?? "TEXT") })
        }
    }

    func existingTables(session: PostgresSession) async throws -> [String: PostgresTable] {
        let slug = source.slug.replacingOccurrences(of: "'", with: "''")
        let rows = try await session.textRows("""
            SELECT c.table_name::text, c.column_name::text, format_type(a.atttypid, a.atttypmod)
            FROM information_schema.columns c
            JOIN pg_catalog.pg_attribute a
              ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = '\(slug)' AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name, c.ordinal_position
            """, columns: 3)
        var tables: [String: PostgresTable] = [:]
        for row in rows {
            guard row.count == 3, let table = row[0], let column = row[1], let type = row[2] else { continue }
            tables[table, default: PostgresTable(columns: [], name: table)].columns.append((column, type))
        }
        return tables
    }

    private func checkNames(_ plans: [TablePlan]) throws {
        let limit = Self.maxIdentifierBytes
        if (source.slug + TablePlan.stagingSuffix).utf8.count > limit {
            throw RefreshError.design("the data source name is too long for PostgreSQL (schema names are at most \(limit - TablePlan.stagingSuffix.count) bytes): shorten it")
        }
        for plan in plans {
            if plan.tableName.utf8.count > limit {
                throw RefreshError.design("the table \(plan.tableName) is longer than PostgreSQL's \(limit)-byte limit: use a shorter data source name")
            }
            for column in plan.columns where column.name.utf8.count > limit {
                throw RefreshError.design("the column \(plan.schemaPath).\(column.name) is longer than PostgreSQL's \(limit)-byte limit: rename it in the design")
            }
        }
    }
}

extension ColumnType {
    /// The PostgreSQL type of a column of this type.
    public var postgresType: String {
        switch self {
        case .integer: "bigint"
        case .decimal: "numeric"
        case .boolean: "boolean"
        case .text: "text"
        case .dateTime: "timestamptz"
        case .json: "jsonb"
        }
    }

    /// The column type a PostgreSQL type (as `format_type` writes it) was made from, or nil.
    init?(postgresType: String) {
        switch postgresType.lowercased() {
        case "bigint": self = .integer
        case "numeric": self = .decimal
        case "boolean": self = .boolean
        case "text": self = .text
        case "timestamp with time zone", "timestamptz": self = .dateTime
        case "jsonb": self = .json
        default: return nil
        }
    }
}
