import Foundation

/// One column of an imported table: its final name and type (design applied) and where its
/// values come from.
struct PlannedColumn: Sendable, Equatable {
    /// The name in the table (the design's rename, else the inferred name).
    var name: String
    /// The inferred name (what the design and joins refer to).
    var inferredName: String
    /// The type loaded (the design's retype, else the inferred type).
    var type: ColumnType
    var source: ColumnSource
    /// Whether `type` says something: it comes from the design or from values. A column whose
    /// rows are all null this time is typed text by default, which a merge must not take as a
    /// change of type.
    var typeKnown = true
}

/// One table a refresh produces from one schema.
struct TablePlan: Sendable {
    var schemaPath: String
    /// `<slug>__<schema path with __>`.
    var tableName: String
    var columns: [PlannedColumn]
    /// Whether the design keeps the table in the view.
    var inView: Bool

    /// The staging table the refresh loads before the swap.
    var stagingName: String { TablePlan.stagingName(tableName) }

    static let stagingSuffix = "__staging"
    static func stagingName(_ table: String) -> String { table + stagingSuffix }

    var flattenTable: FlattenTable {
        FlattenTable(schemaPath: schemaPath, columns: columns.map { FlattenColumn(source: $0.source, type: $0.type) })
    }

    /// `CREATE TABLE` for `name` with the declared SQLite types of the columns.
    func createSQL(named name: String) -> String {
        let columns = columns.map { "\($0.name.quotedIdentifier) \($0.type.sqliteDeclaredType)" }.joined(separator: ", ")
        return "CREATE TABLE \(name.quotedIdentifier) (\(columns))"
    }

    /// The prepared `INSERT` for `name`.
    func insertSQL(named name: String) -> String {
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(name.quotedIdentifier) VALUES (\(marks))"
    }

    /// The final column for an inferred name (or an already-final one).
    func column(named name: String) -> PlannedColumn? {
        columns.first { $0.inferredName == name } ?? columns.first { $0.name == name }
    }
}

/// Turns an inferred tree and a data source's choices into the tables to load.
enum TablePlanner {
    /// The plans of the schemas to import, in tree order, and the chosen paths the tree lacks.
    ///
    /// - Parameters:
    ///   - schemas: the paths to import; nil uses the source's selection (empty: every schema).
    /// - Throws: `RefreshError.design` for an unknown type, an empty or duplicate column name.
    static func plan(tree: SchemaTree, source: DataSource, schemas: [String]?) throws -> (plans: [TablePlan], missing: [String]) {
        let all = tree.allSchemas
        let chosen = schemas ?? (source.selectedSchemas.isEmpty ? all.map(\.path) : source.selectedSchemas)
        let wanted = Set(chosen)
        var plans: [TablePlan] = []
        for schema in all where wanted.contains(schema.path) {
            plans.append(try plan(schema, source: source))
        }
        let found = Set(plans.map(\.schemaPath))
        return (plans, chosen.filter { !found.contains($0) })
    }

    private static func plan(_ schema: SchemaNode, source: DataSource) throws -> TablePlan {
        let design = source.design.table(schema.path)
        let byName = Dictionary(schema.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let kept = DesignedColumns.kept(schema.columns.map { ($0.name, $0.source.role != .value) }, design: design)
        var columns: [PlannedColumn] = []
        var used: Set<String> = []
        for column in kept.compactMap({ byName[$0] }) {
            let override = design.columnOverrides[column.name]
            var name = column.name
            if let rename = override?.rename?.trimmingCharacters(in: .whitespaces) {
                guard !rename.isEmpty, !rename.unicodeScalars.contains(where: DataSourceValidator.isHiddenOrControl) else {
                    throw RefreshError.design("the design of \(schema.path) renames \(column.name) to an empty or unprintable name")
                }
                name = rename
            }
            var type = column.type
            if let text = override?.type {
                guard let parsed = ColumnType(designWord: text) else {
                    throw RefreshError.design(
                        "the design of \(schema.path) retypes \(column.name) to \"\(text)\": use integer, decimal, boolean, text, date_time or json")
                }
                type = parsed
            }
            guard used.insert(name.lowercased()).inserted else {
                throw RefreshError.design("the design of \(schema.path) has two columns named \(name): rename one")
            }
            columns.append(PlannedColumn(
                name: name, inferredName: column.name, type: type, source: column.source,
                typeKnown: override?.type != nil || column.nonNullCount > 0))
        }
        return TablePlan(
            schemaPath: schema.path, tableName: TableNaming.tableName(source: source.name, schemaPath: schema.path),
            columns: columns, inView: design.enabled)
    }
}

extension ColumnType {
    /// Parses a design's type word: `integer`, `decimal`, `boolean`, `text`, `date_time`
    /// (also `dateTime`, `date-time`, `datetime`) or `json`, case-insensitively.
    public init?(designWord: String) {
        switch designWord.trimmingCharacters(in: .whitespaces).lowercased() {
        case "integer", "int": self = .integer
        case "decimal", "real", "double": self = .decimal
        case "boolean", "bool": self = .boolean
        case "text", "string": self = .text
        case "date_time", "datetime", "date-time": self = .dateTime
        case "json": self = .json
        default: return nil
        }
    }
}

extension String {
    /// The string as a double-quoted SQL identifier.
    var quotedIdentifier: String { "\"" + replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

/// Which inferred columns a table keeps, and in which order: the generated columns (parent id,
/// keys, `_position`) always and first, then the kept value columns, in the design's order when it
/// lists them. The refresh's table plans and the design view's preview both use it.
public enum DesignedColumns {
    /// The kept inferred names, in table order.
    /// - Parameters:
    ///   - columns: the inferred columns in schema order, each with whether it is generated.
    ///   - design: the table's design.
    public static func kept(_ columns: [(name: String, generated: Bool)], design: TableDesign) -> [String] {
        let generated = columns.filter(\.generated).map(\.name)
        var values = columns.filter { !$0.generated && design.keeps($0.name) }.map(\.name)
        if let kept = design.keptColumns {
            let order = Dictionary(kept.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            values.sort { (order[$0] ?? 0) < (order[$1] ?? 0) }
        }
        return generated + values
    }

    /// The column's name in the table: the design's rename (trimmed), else the inferred name.
    public static func finalName(_ name: String, design: TableDesign) -> String {
        let rename = design.columnOverrides[name]?.rename?.trimmingCharacters(in: .whitespaces) ?? ""
        return rename.isEmpty ? name : rename
    }
}
