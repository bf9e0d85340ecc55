import GRDB

/// The columns of an existing imported table, as SQLite declares them.
struct ExistingTable: Sendable, Equatable {
    var name: String
    var columns: [(name: String, declaredType: String)]

    static func == (lhs: ExistingTable, rhs: ExistingTable) -> Bool {
        lhs.name == rhs.name && lhs.columns.map(\.name) == rhs.columns.map(\.name)
            && lhs.columns.map(\.declaredType) == rhs.columns.map(\.declaredType)
    }

    /// The source's imported tables now in the database (staging tables excluded), by name.
    static func all(slug: String, db: Database) throws -> [String: ExistingTable] {
        let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .filter { TableNaming.table($0, belongsToSlug: slug) && !$0.hasSuffix(TablePlan.stagingSuffix) }
        var tables: [String: ExistingTable] = [:]
        for name in names {
            let rows = try Row.fetchAll(db, sql: "PRAGMA table_info(\(name.quotedIdentifier))")
            tables[name] = ExistingTable(
                name: name, columns: try rows.map { (try $0.decode(forColumn: "name"), try $0.decode(forColumn: "type")) })
        }
        return tables
    }
}

/// Schema drift between the tables a refresh replaces and the ones it brings.
enum SchemaDrift {
    /// One line per change: `contacts: +job_title`, `contacts: -score_value`,
    /// `contacts: score_value: integer→text`, `contacts.tag_ids: new table`,
    /// `contacts.notes: table gone`. Empty when there were no tables before (a first refresh).
    static func changes(old: [String: ExistingTable], new: [TablePlan], slug: String) -> [String] {
        guard !old.isEmpty else { return [] }
        var lines: [String] = []
        for plan in new {
            guard let before = old[plan.tableName] else {
                lines.append("\(plan.schemaPath): new table")
                continue
            }
            let oldTypes = Dictionary(before.columns.map { ($0.name, $0.declaredType) }, uniquingKeysWith: { first, _ in first })
            let newNames = Set(plan.columns.map(\.name))
            for column in plan.columns {
                guard let declared = oldTypes[column.name] else {
                    lines.append("\(plan.schemaPath): +\(column.name)")
                    continue
                }
                if declared.uppercased() != column.type.sqliteDeclaredType {
                    lines.append("\(plan.schemaPath): \(column.name): \(word(declared))→\(word(column.type.sqliteDeclaredType))")
                }
            }
            for column in before.columns where !newNames.contains(column.name) {
                lines.append("\(plan.schemaPath): -\(column.name)")
            }
        }
        let kept = Set(new.map(\.tableName))
        for name in old.keys.sorted() where !kept.contains(name) {
            lines.append("\(displayPath(name, slug: slug)): table gone")
        }
        return lines
    }

    /// A declared SQLite type as the word the designer uses.
    static func word(_ declared: String) -> String {
        switch declared.uppercased() {
        case "INTEGER": "integer"
        case "REAL": "decimal"
        case "BOOLEAN": "boolean"
        case "DATETIME": "date-time"
        case "TEXT": "text"
        default: declared.lowercased()
        }
    }

    /// `contacts_report__contacts__email_addresses` → `contacts.email_addresses`.
    static func displayPath(_ table: String, slug: String) -> String {
        String(table.dropFirst(slug.count + TableNaming.separator.count)).replacingOccurrences(of: TableNaming.separator, with: ".")
    }
}
