import Foundation
import GRDB
import Testing

@testable import InfuseCore

/// Migration `v4_sync`: sources saved before it read in full, reconcile daily and were never
/// reconciled; the reconcile time is runtime state that saving the definition leaves alone.
@Suite("Workspace: v4_sync")
struct WorkspaceSyncMigrationTests {
    @Test("a source saved before v4_sync opens as full, reconciled every day, never reconciled")
    func olderSourcesReadInFull() throws {
        let temp = try WorkspaceTempDirectory()
        try FileManager.default.createDirectory(at: temp.paths.directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let queue = try DatabaseQueue(path: temp.paths.databaseURL.path)
        try WorkspaceMigrations.migrator.migrate(queue, upTo: "v3_run_details")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO accounts (name, api_base, auth_kind, created_at, status) VALUES ('Demo', 'http://127.0.0.1:1/crm/rest', 'api_key', '2026-01-01 00:00:00.000', 'ok');
                INSERT INTO data_sources (name, slug, description, connection_type, account_name, target, method, max_rows, refresh_interval,
                    data_format, selected_schemas, design, custom_fields_pivot, created_at, updated_at)
                VALUES ('Old', 'old', '', 'infusionsoft', 'Demo', '{"endpoint":{"id":"contacts","pathParameters":{},"query":{}}}', 'GET', NULL,
                    'never', 'json', '[]', '{"tables":{},"joins":[]}', 0, '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000');
                """)
        }
        try queue.close()
        let workspace = try Workspace.open(temp.paths)
        var source = try #require(try workspace.dataSource(named: "Old"))
        #expect(source.sync == .full)
        #expect(source.reconcileInterval == 86_400)
        #expect(try workspace.lastReconciled(source: "Old") == nil)

        let reconciled = Date(timeIntervalSince1970: 1_800_000_000)
        try workspace.markReconciled(source: "Old", at: reconciled)
        source.sync = .incremental
        source.reconcileInterval = 3_600
        try workspace.updateDataSource(source)
        let saved = try #require(try workspace.dataSource(named: "Old"))
        #expect(saved.sync == .incremental && saved.reconcileInterval == 3_600)
        #expect(try workspace.lastReconciled(source: "Old") == reconciled, "saving the definition keeps the reconcile time")
        #expect(throws: WorkspaceError.self) { try workspace.markReconciled(source: "Nope", at: reconciled) }
    }
}
