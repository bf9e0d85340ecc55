/// The SQL of an incremental merge, written once for both destinations: align the final tables
/// with the staged ones (new tables, new columns, widened types), delete the rows of the changed
/// and the deleted parents in every table below the list (children first), insert the staged
/// rows, and rebuild the view. The destination runs the steps inside the one transaction that
/// also holds its staging tables, so a reader sees the tables before the merge or after it.
struct TableMerge {
    /// One step: a statement, or a count query whose single number the destination reports back.
    enum Step: Equatable {
        case execute(String)
        /// `SELECT COUNT(*) …`: its result is the number of list rows deleted.
        case countDeleted(String)
    }

    /// How the two destinations spell what differs.
    struct Dialect {
        /// The final table `name`, qualified as the destination needs.
        var final: (String) -> String
        /// The staging table of the final table `name`.
        var staging: (String) -> String
        /// The declared type of a column type.
        var type: (ColumnType) -> String
        /// Whether a column's type is changed in place (`ALTER COLUMN … TYPE`, PostgreSQL) rather
        /// than by rebuilding the table (SQLite).
        var altersTypes: Bool
        /// `CREATE TEMP TABLE` options after the name (PostgreSQL: `ON COMMIT DROP`).
        var tempSuffix: String
    }

    /// Why a source cannot be merged; the engine reads it in full instead.
    struct NotMergeable: Error {
        var reason: String
    }

    let source: DataSource
    /// The schema path of the record list (`contacts`).
    let listPath: String
    /// The staged plans of the list and the tables below it, parents first.
    let plans: [TablePlan]
    /// The list's key column (`id`) as the tables name it.
    let listKey: String
    /// The source's final tables now, by name (declared types as SQLite words).
    let existing: [String: ExistingTable]
    /// Schema paths known for table names (the tree's and the selection's).
    let knownPaths: [String]
    /// Whether `infuse_live_ids(id)` holds the ids an id sweep found (rows of other ids are deleted).
    let swept: Bool
    let dialect: Dialect
    /// The final tables' column types as the destination holds them, by table and column, where
    /// they say more than `existing`'s SQLite words (PostgreSQL's `jsonb` reads as `TEXT` there).
    var actualTypes: [String: [String: ColumnType]]? = nil

    /// A table of the list's subtree after the merge.
    struct MergedTable {
        var path: String
        var name: String
        var columns: [(name: String, type: String)]
    }

    /// ``steps()``, a table that cannot be merged reported as `RefreshError.mergeNeedsFullRead`
    /// (the engine then reads the source in full).
    func plannedSteps() throws -> (steps: [Step], changes: [String], tables: [MergedTable]) {
        do {
            return try steps()
        } catch let error as NotMergeable {
            throw RefreshError.mergeNeedsFullRead(error.reason)
        }
    }

    /// The steps, the schema drift lines, and the subtree's tables as they will be.
    func steps() throws -> (steps: [Step], changes: [String], tables: [MergedTable]) {
        var steps: [Step] = []
        var changes: [String] = []
        let listName = TableNaming.tableName(source: source.name, schemaPath: listPath)
        let listPlan = plans.first { $0.schemaPath == listPath }
        // Merging into tables that are gone would leave only the changed records: refuse.
        guard existing[listName] != nil else { throw NotMergeable(reason: "the table of \(listPath) is gone") }

        // 1. Shape: new tables, new columns, widened types.
        var shapes: [String: MergedTable] = [:]
        for name in existing.keys.sorted() {
            let path = self.path(of: name)
            guard path == listPath || path.hasPrefix(listPath + ".") else { continue }
            shapes[name] = MergedTable(path: path, name: name, columns: existing[name]!.columns.map { ($0.name, $0.declaredType) })
        }
        for plan in plans {
            guard var table = shapes[plan.tableName] else {
                let columns = plan.columns.map { "\($0.name.quotedIdentifier) \(dialect.type($0.type))" }.joined(separator: ", ")
                steps.append(.execute("CREATE TABLE \(dialect.final(plan.tableName)) (\(columns))"))
                if !existing.isEmpty { changes.append("\(plan.schemaPath): new table") }
                shapes[plan.tableName] = MergedTable(
                    path: plan.schemaPath, name: plan.tableName, columns: plan.columns.map { ($0.name, $0.type.sqliteDeclaredType) })
                continue
            }
            var added: [PlannedColumn] = []
            var widened: [(name: String, type: ColumnType)] = []
            for column in plan.columns {
                guard let index = table.columns.firstIndex(where: { $0.name == column.name }) else {
                    added.append(column)
                    table.columns.append((column.name, column.type.sqliteDeclaredType))
                    changes.append("\(plan.schemaPath): +\(column.name)")
                    continue
                }
                // All null this time: the column keeps its type (the rows insert NULL, step 4).
                guard column.typeKnown else { continue }
                let old = Self.columnType(declared: table.columns[index].type)
                if dialect.altersTypes, let actual = actualTypes?[plan.tableName]?[column.name],
                    let reason = Self.unrecoverable(old: actual, staged: column.type) {
                    throw NotMergeable(reason: "\(plan.schemaPath).\(column.name) \(reason)")
                }
                let joined = Self.join(old, column.type)
                if joined != old {
                    widened.append((column.name, joined))
                    changes.append("\(plan.schemaPath): \(column.name): \(SchemaDrift.word(old.sqliteDeclaredType))→\(SchemaDrift.word(joined.sqliteDeclaredType))")
                    table.columns[index].type = joined.sqliteDeclaredType
                }
            }
            let final = dialect.final(plan.tableName)
            if widened.isEmpty || dialect.altersTypes {
                for column in added {
                    steps.append(.execute("ALTER TABLE \(final) ADD COLUMN \(column.name.quotedIdentifier) \(dialect.type(column.type))"))
                }
                for column in widened {
                    let type = dialect.type(column.type)
                    steps.append(.execute(
                        "ALTER TABLE \(final) ALTER COLUMN \(column.name.quotedIdentifier) TYPE \(type) USING \(column.name.quotedIdentifier)::\(type)"))
                }
            } else {
                // SQLite cannot change a column's type: rebuild the table with the widened types.
                let rebuilt = dialect.final(plan.tableName + "__rebuild")
                let declared = table.columns.map { "\($0.name.quotedIdentifier) \(dialect.type(Self.columnType(declared: $0.type)))" }
                let before = (existing[plan.tableName]?.columns ?? []).map(\.name.quotedIdentifier).joined(separator: ", ")
                steps.append(.execute("CREATE TABLE \(rebuilt) (\(declared.joined(separator: ", ")))"))
                steps.append(.execute("INSERT INTO \(rebuilt) (\(before)) SELECT \(before) FROM \(final)"))
                steps.append(.execute("DROP TABLE \(final)"))
                steps.append(.execute("ALTER TABLE \(rebuilt) RENAME TO \(plan.tableName.quotedIdentifier)"))
            }
            shapes[plan.tableName] = table
        }

        // 2. The parents whose rows are replaced: the changed ones, and those the sweep no longer found.
        let list = dialect.final(listName)
        let key = listKey.quotedIdentifier
        steps.append(.execute("DROP TABLE IF EXISTS infuse_affected"))
        if let listPlan {
            steps.append(.execute(
                "CREATE TEMP TABLE infuse_affected \(dialect.tempSuffix) AS SELECT \(key) AS id FROM \(dialect.staging(listPlan.tableName))"))
        } else {
            steps.append(.execute("CREATE TEMP TABLE infuse_affected \(dialect.tempSuffix) AS SELECT \(key) AS id FROM \(list) WHERE 1 = 0"))
        }
        if swept, existing[listName] != nil {
            let gone = "FROM \(list) WHERE \(key) NOT IN (SELECT id FROM infuse_live_ids)"
            steps.append(.countDeleted("SELECT COUNT(*) \(gone)"))
            steps.append(.execute("INSERT INTO infuse_affected (id) SELECT \(key) \(gone)"))
        }

        // 3. Delete children before parents, the deepest tables first.
        let below = shapes.values.filter { $0.path != listPath && existing[$0.name] != nil }
            .sorted { depth($0.path) != depth($1.path) ? depth($0.path) > depth($1.path) : $0.name < $1.name }
        let byPath = Dictionary(shapes.values.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        func affected(_ path: String) throws -> String {
            if path == listPath { return "SELECT id FROM infuse_affected" }
            guard let table = byPath[path], let parent = parentPath(path) else {
                throw NotMergeable(reason: "\(path) has no parent table to follow")
            }
            let keyColumn = DesignedColumns.finalName("id", design: source.design.table(path))
            guard table.columns.contains(where: { $0.name == keyColumn }) else {
                throw NotMergeable(reason: "\(path) has tables below it but no id column")
            }
            let linkColumn = try link(table)
            let parents = try affected(parent)
            return "SELECT \(keyColumn.quotedIdentifier) FROM \(dialect.final(table.name)) WHERE \(linkColumn.quotedIdentifier) IN (\(parents))"
        }
        for table in below {
            guard let parent = parentPath(table.path) else { continue }
            let linkColumn = try link(table)
            let parents = try affected(parent)
            steps.append(.execute("DELETE FROM \(dialect.final(table.name)) WHERE \(linkColumn.quotedIdentifier) IN (\(parents))"))
        }
        if existing[listName] != nil {
            steps.append(.execute("DELETE FROM \(list) WHERE \(key) IN (SELECT id FROM infuse_affected)"))
        }

        // 4. The staged rows, parents first.
        for plan in plans {
            let columns = plan.columns.map(\.name.quotedIdentifier).joined(separator: ", ")
            // A column that is all null and already in the table is inserted as an untyped NULL,
            // which fits the table's type (its staged text type may not, in PostgreSQL).
            let kept = Set(existing[plan.tableName]?.columns.map(\.name) ?? [])
            let values = plan.columns.map { !$0.typeKnown && kept.contains($0.name) ? "NULL" : $0.name.quotedIdentifier }
            steps.append(.execute(
                "INSERT INTO \(dialect.final(plan.tableName)) (\(columns)) SELECT \(values.joined(separator: ", ")) FROM \(dialect.staging(plan.tableName))"))
        }
        steps.append(.execute("DROP TABLE IF EXISTS infuse_affected"))
        return (steps, changes, shapes.values.sorted { $0.name < $1.name })
    }

    /// The column of `table` holding its parent's id: the plan's, else the name a refresh gives
    /// it (`<singular parent>_id`, renamed by the design).
    private func link(_ table: MergedTable) throws -> String {
        if let plan = plans.first(where: { $0.tableName == table.name }) {
            if let column = plan.columns.first(where: { $0.source.role == .parentID }) { return column.name }
            throw NotMergeable(reason: "\(table.path) links to its parent by a generated key, not an id")
        }
        guard let parent = parentPath(table.path) else { throw NotMergeable(reason: "\(table.path) has no parent") }
        let last = parent.split(separator: ".").last.map(String.init) ?? parent
        let inferred = SQLNaming.safeName(SQLNaming.singular(SQLNaming.snakeCase(last)) + "_id")
        let name = DesignedColumns.finalName(inferred, design: source.design.table(table.path))
        guard table.columns.contains(where: { $0.name == name }) else {
            throw NotMergeable(reason: "\(table.path) has no \(name) column linking it to \(parent)")
        }
        return name
    }

    private func path(of table: String) -> String {
        knownPaths.first { TableNaming.tableName(source: source.name, schemaPath: $0) == table }
            ?? SchemaDrift.displayPath(table, slug: source.slug)
    }

    private func parentPath(_ path: String) -> String? {
        guard let dot = path.lastIndex(of: ".") else { return nil }
        return String(path[..<dot])
    }

    private func depth(_ path: String) -> Int { path.split(separator: ".").count }

    /// The column type of a declared SQLite type word.
    static func columnType(declared: String) -> ColumnType {
        switch declared.uppercased() {
        case "INTEGER": .integer
        case "REAL": .decimal
        case "BOOLEAN": .boolean
        case "DATETIME": .dateTime
        default: .text
        }
    }

    /// Why a destination that changes types in place (PostgreSQL) cannot merge a staged column
    /// of type `staged` into one of type `old`, or nil. `timestamptz` and `jsonb` keep no text
    /// as Keap wrote it (PostgreSQL writes its own: `2022-09-29 00:42:42+00`, `{"a": 1}`), so a
    /// change of type to or from them would not give what a full read stores.
    static func unrecoverable(old: ColumnType, staged: ColumnType) -> String? {
        guard old != staged, [old, staged].contains(where: { $0 == .dateTime || $0 == .json }) else { return nil }
        return "changes from \(old.postgresType) to \(staged.postgresType) values, which PostgreSQL cannot convert back to the text Keap sent"
    }

    /// The narrowest type holding both: the same type, decimal for integer and decimal, else text.
    static func join(_ old: ColumnType, _ new: ColumnType) -> ColumnType {
        if old == new { return old }
        if Set([old, new]) == [.integer, .decimal] { return .decimal }
        if old == .text || old == .json { return old }
        return .text
    }

    /// The view's tables after a merge: the subtree as merged, the other tables as they are.
    /// The existing tables a merge did not touch (children the changed records did not have),
    /// which the view keeps joining.
    static func untouched(existing: [String: ExistingTable], merged: [MergedTable], slug: String) -> [MergedTable] {
        let mergedNames = Set(merged.map(\.name))
        return existing.values.filter { !mergedNames.contains($0.name) }.map { table in
            MergedTable(path: SchemaDrift.displayPath(table.name, slug: slug), name: table.name,
                        columns: table.columns.map { ($0.name, $0.declaredType) })
        }
    }

    static func viewTables(source: DataSource, merged: [MergedTable], others: [MergedTable]) -> [ViewDefinition.Table] {
        (merged + others).sorted { $0.path < $1.path }.map { table in
            let design = source.design.table(table.path)
            let inferred = Dictionary(
                design.columnOverrides.compactMap { name, override -> (String, String)? in
                    guard let rename = override.rename?.trimmingCharacters(in: .whitespaces), !rename.isEmpty else { return nil }
                    return (rename, name)
                }, uniquingKeysWith: { first, _ in first })
            return ViewDefinition.Table(
                schemaPath: table.path, tableName: table.name, inView: design.enabled,
                joinTable: ViewJoinPlan.Table(
                    path: table.path,
                    columns: table.columns.map { ViewJoinPlan.Column(inferredName: inferred[$0.name] ?? $0.name, name: $0.name) }))
        }
    }
}
