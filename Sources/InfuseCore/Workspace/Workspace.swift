import Foundation
import GRDB

/// The workspace store: `infuse.sqlite` in the workspace directory, opened as a GRDB
/// `DatabasePool` in WAL mode (readers see committed data while a refresh writes).
///
/// It holds accounts (no secrets), data source definitions, refresh history and the imported
/// tables. The methods for each live in `Workspace+Accounts`, `Workspace+DataSources`,
/// `Workspace+History` and `Workspace+Schedule`. All are synchronous and thread-safe.
public final class Workspace: Sendable {
    /// Where the workspace lives.
    public let paths: WorkspacePaths
    /// The database pool; the refresh engine writes the imported tables through it.
    public let dbPool: DatabasePool

    private init(paths: WorkspacePaths, dbPool: DatabasePool) {
        self.paths = paths
        self.dbPool = dbPool
    }

    /// Opens (creating if needed) the workspace at `paths`: makes the directory (0700), opens the
    /// database, runs the migrations and marks runs left `running` by dead processes as
    /// `interrupted`.
    ///
    /// A file that is not an SQLite database, or that another program made, is never modified:
    /// the error names it and says to move it aside.
    public static func open(_ paths: WorkspacePaths) throws -> Workspace {
        try paths.ensureExists()
        let path = paths.databaseURL.path
        try checkHeader(path)
        var configuration = Configuration()
        configuration.label = "infuse"
        // The TUI, the daemon and CLI commands may share the file; wait for a writer, don't fail.
        configuration.busyMode = .timeout(15)
        if let pages = TestHooks.maxPageCount {
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA max_page_count = \(pages)") }
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw openError(error, path: path)
        }
        do {
            try pool.read { db in try checkOwnership(db, path: path) }
            try WorkspaceMigrations.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw openError(error, path: path)
        }
        let workspace = Workspace(paths: paths, dbPool: pool)
        try workspace.markInterruptedRuns()
        return workspace
    }

    /// Refuses a non-empty file that does not start with SQLite's header, before SQLite touches it.
    private static func checkHeader(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { return }
        if header != Data("SQLite format 3\0".utf8) {
            throw WorkspaceError.notADatabase(path: path, detail: "file is not a database")
        }
    }

    /// Refuses a database that holds tables but no migration record (another program's file), or
    /// one migrated by a newer Infuse.
    private static func checkOwnership(_ db: Database, path: String) throws {
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            """)
        if tables.isEmpty { return }
        guard tables.contains("grdb_migrations") else { throw WorkspaceError.foreignDatabase(path: path) }
        if try WorkspaceMigrations.migrator.hasBeenSuperseded(db) {
            throw WorkspaceError.newerDatabase(path: path)
        }
    }

    private static func openError(_ error: DatabaseError, path: String) -> WorkspaceError {
        switch error.resultCode {
        case .SQLITE_NOTADB: .notADatabase(path: path, detail: "file is not a database")
        case .SQLITE_CORRUPT: .notADatabase(path: path, detail: "the database is corrupt")
        default: .database(message: "\(path): \(error.message ?? "SQLite error \(error.resultCode.rawValue)")")
        }
    }

    /// Runs a write transaction, turning SQLite errors into `WorkspaceError.database`.
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        do {
            return try dbPool.write(updates)
        } catch let error as DatabaseError {
            throw WorkspaceError.database(message: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
    }

    /// Runs a read, turning SQLite errors into `WorkspaceError.database`.
    func read<T>(_ value: (Database) throws -> T) throws -> T {
        do {
            return try dbPool.read(value)
        } catch let error as DatabaseError {
            throw WorkspaceError.database(message: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
    }
}
