import Foundation
import GRDB
import InfuseCore

/// The Browse use cases: which relations a data source has, a grid source over one of them
/// (sorted and filtered in the destination), and exporting what the grid shows with the same
/// code as `infuse export`.
public struct BrowseService: Sendable {
    /// The workspace (its SQLite holds the tables of sources without a PostgreSQL destination).
    public let workspace: Workspace
    /// The secrets file (PostgreSQL passwords).
    public let secrets: SecretsStore?

    /// Creates the use cases.
    public init(workspace: Workspace, secrets: SecretsStore?) {
        self.workspace = workspace
        self.secrets = secrets
    }

    /// The source's view first, then its tables by schema path.
    /// - Throws: `WorkspaceError.dataSourceNotFound`, `BrowseError.notRefreshed`, a destination error.
    public func tables(of name: String) async throws -> [BrowseTable] {
        guard let source = try workspace.dataSource(named: name) else { throw WorkspaceError.dataSourceNotFound(name: name) }
        let slug = TableNaming.slug(for: name)
        let view = TableNaming.viewName(source: name)
        let tables: [BrowseTable]
        if let destination = source.destination {
            tables = try await PostgresGridSource.tables(destination: destination, secrets: secrets, slug: slug, view: view)
        } else {
            let views = try await workspace.dbPool.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'view' AND name = ?", arguments: [view])
            }
            let names = try workspace.importedTables(of: name).filter { !$0.hasSuffix("__staging") }
            tables = views.map { BrowseTable(label: "view", relation: $0, isView: true) }
                + names.map { BrowseTable(label: Self.label(table: $0, slug: slug), relation: $0, isView: false) }
        }
        guard !tables.isEmpty else { throw BrowseError.notRefreshed(source: name) }
        return tables
    }

    /// A grid source over `table` of the source showing `query`; its count is taken now.
    public func open(source name: String, table: BrowseTable, query: BrowseQuery) async throws -> any BrowseGridSource {
        guard let source = try workspace.dataSource(named: name) else { throw WorkspaceError.dataSourceNotFound(name: name) }
        if let destination = source.destination {
            return try await PostgresGridSource.open(destination: destination, secrets: secrets,
                                                     schema: TableNaming.slug(for: name), table: table, query: query)
        }
        return try SQLiteGridSource(reader: workspace.dbPool, table: table, query: query)
    }

    /// Writes every row `query` selects of `table`, in its order, to `path` (`~` expanded) as
    /// `format`, through ``TableExporter`` (CSV formulas neutralised unless `keepFormulas`).
    /// - Returns: the rows written and the absolute path.
    public func export(source name: String, table: BrowseTable, query: BrowseQuery, to path: String, format: ExportFormat,
                       keepFormulas: Bool = false) async throws -> (rows: Int, path: String) {
        guard let source = try workspace.dataSource(named: name) else { throw WorkspaceError.dataSourceNotFound(name: name) }
        if let destination = source.destination {
            // PostgreSQL: the rows the grid shows, read in batches in its order, written by the same writer.
            let grid = try await PostgresGridSource.open(destination: destination, secrets: secrets,
                                                         schema: TableNaming.slug(for: name), table: table, query: query)
            let full = Self.expand(path)
            guard FileManager.default.createFile(atPath: full, contents: nil), let handle = FileHandle(forWritingAtPath: full)
            else { throw ExportError.cannotWrite(path: full) }
            defer { try? handle.close() }
            let rows = try TableExporter.export(columns: grid.columnNames, types: grid.columnTypes, format: format, to: handle,
                                                keepFormulas: keepFormulas) { write in try grid.forEachBatch { try write($0) } }
            return (rows, full)
        }
        let grid = try SQLiteGridSource(reader: workspace.dbPool, table: table, query: query)
        let types = Dictionary(zip(grid.columns.map(\.name), grid.columnTypes), uniquingKeysWith: { a, _ in a })
        let sql = SQLiteBrowseSQL(query: query, types: types)
        let selection = ExportSelection(condition: sql.condition, arguments: sql.arguments,
                                        orderBy: sql.orderBy(reversed: false, tieBreak: table.isView ? nil : "rowid"))
        let full = Self.expand(path)
        guard FileManager.default.createFile(atPath: full, contents: nil), let handle = FileHandle(forWritingAtPath: full)
        else { throw ExportError.cannotWrite(path: full) }
        defer { try? handle.close() }
        let rows = try TableExporter.export(workspace: workspace, relation: table.relation, format: format, to: handle,
                                            keepFormulas: keepFormulas, selection: selection)
        return (rows, full)
    }

    /// The format a file name asks for: `.json` is JSON, anything else CSV.
    public static func format(forPath path: String) -> ExportFormat {
        path.lowercased().hasSuffix(".json") ? .json : .csv
    }

    /// A default file name for exporting `table` of `source`: `contacts_report-contacts.csv`.
    public static func defaultFileName(source: String, table: BrowseTable) -> String {
        let slug = TableNaming.slug(for: source)
        return table.isView ? "\(slug).csv" : "\(slug)-\(table.label.replacingOccurrences(of: ".", with: "-")).csv"
    }

    /// `contacts_report__contacts__email_addresses` → `contacts.email_addresses`.
    static func label(table: String, slug: String) -> String {
        let prefix = slug + TableNaming.separator
        guard table.hasPrefix(prefix) else { return table }
        return String(table.dropFirst(prefix.count)).replacingOccurrences(of: TableNaming.separator, with: ".")
    }

    static func expand(_ path: String) -> String {
        let trimmed = path.trimmingCharacters(in: .whitespaces)
        if trimmed == "~" || trimmed.hasPrefix("~/") { return (trimmed as NSString).expandingTildeInPath }
        if trimmed.hasPrefix("/") { return trimmed }
        return FileManager.default.currentDirectoryPath + "/" + trimmed
    }
}
