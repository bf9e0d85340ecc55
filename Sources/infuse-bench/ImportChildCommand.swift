import ArgumentParser
import Foundation
import GRDB
import InfuseCore

/// Hidden `import-child`: imports the page files of a directory into a fresh workspace through
/// `RefreshEngine.importFiles` and writes the timing and row counts to `--result`. Run as a child
/// process so its peak RSS is the import alone, not the generation of the files.
struct ImportChildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import-child", shouldDisplay: false)

    @Option var workspace: String
    @Option var pages: String
    @Option var result: String

    /// What the import child measured.
    struct Measurement: Codable {
        /// Opening the workspace and saving the data source (not part of the import time).
        var setupSeconds: Double
        /// `importFiles` from call to return.
        var importSeconds: Double
        /// Rows per table as counted in SQLite afterwards.
        var tables: [String: Int]
        /// Declared column types per table (`PRAGMA table_info`).
        var columns: [String: [String]]
        /// This process's peak RSS (VmHWM) right after the import, in bytes.
        var peakRSSBytes: Int
    }

    /// The data source name the benchmark imports into.
    static let sourceName = "bench"

    func run() async throws {
        let started = ContinuousClock.now
        let paths = WorkspacePaths(directory: URL(fileURLWithPath: workspace))
        let store = try Workspace.open(paths)
        try Self.prepareSource(in: store)
        let engine = RefreshEngine(
            workspace: store, accounts: AccountManager(workspace: store, secrets: SecretsStore(fileURL: paths.secretsURL)))
        let files = try ContactCorpus.existing(in: URL(fileURLWithPath: pages)).files
        guard !files.isEmpty else { throw BenchError("no contacts-*.json pages in \(pages)") }
        let importStarted = ContinuousClock.now
        _ = try await engine.importFiles(sourceNamed: Self.sourceName, files: files, schemas: nil, progress: nil)
        let importSeconds = (ContinuousClock.now - importStarted).seconds
        let peak = ProcessMemory.peakRSSBytes()
        let names = try store.importedTables(of: Self.sourceName)
        let (tables, columns) = try await store.dbPool.read { db -> ([String: Int], [String: [String]]) in
            var tables: [String: Int] = [:]
            var columns: [String: [String]] = [:]
            for table in names {
                let quoted = table.quotedDatabaseIdentifier
                tables[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(quoted)") ?? 0
                columns[table] = try Row.fetchAll(db, sql: "PRAGMA table_info(\(quoted))").map { row in
                    "\(row["name"] as String? ?? "") \(row["type"] as String? ?? "")"
                }
            }
            return (tables, columns)
        }
        let setupSeconds = (importStarted - started).seconds
        try ChildResultFile.write(
            Measurement(setupSeconds: setupSeconds, importSeconds: importSeconds, tables: tables, columns: columns, peakRSSBytes: peak), to: result)
    }

    /// Saves an API-key account and a `contacts` data source (all schemas, no pivot) to import into.
    static func prepareSource(in store: Workspace) throws {
        if try store.account(named: sourceName) == nil {
            guard let base = URL(string: "https://api.infusionsoft.com/crm/rest") else { return }
            try store.insertAccount(Account(name: sourceName, apiBase: base, authKind: .apiKey))
        }
        if try store.dataSource(named: sourceName) == nil {
            try store.insertDataSource(DataSource(
                name: sourceName, accountName: sourceName,
                target: .endpoint(id: "contacts", query: ["optional_properties": "custom_fields"])))
        }
    }
}
