import Foundation
import GRDB
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// The PostgreSQL server `.ci/run` starts (`INFUSE_TEST_POSTGRES_URL`, password in `PGPASSWORD`).
private let postgresURLText = ProcessInfo.processInfo.environment["INFUSE_TEST_POSTGRES_URL"]

/// A data source on a v2 list saves and refreshes through the same engine as v1, into SQLite and
/// PostgreSQL, and its tables hold the sandbox's own records.
@Suite("v2 data sources: save and refresh", .serialized)
struct DataSourceV2Tests {
    static func v2Source(_ name: String, account: String, maxRows: Int?) -> DataSource {
        DataSource(
            name: name, accountName: account, target: .endpoint(id: "v2.contacts"), maxRows: maxRows,
            selectedSchemas: ["contacts", "contacts.email_addresses"])
    }

    /// (id, given_name, family_name) of the contacts table, sorted by id.
    static func contactRows(_ fixture: RefreshFixture, _ table: String) throws -> [[String]] {
        try fixture.workspace.dbPool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, given_name, family_name FROM \(table.quotedDatabaseIdentifier)").map { row in
                row.databaseValues.map { String.fromDatabaseValue($0) ?? ($0.isNull ? "" : $0.description) }
            }.sorted { Int($0[0]) ?? 0 < Int($1[0]) ?? 0 }
        }
    }

    /// The same three columns from exported contacts.
    static func exportedRows(_ records: [[String: Any]]) -> [[String]] {
        records.map { ["\(SandboxExport.id($0))", $0["given_name"] as? String ?? "", $0["family_name"] as? String ?? ""] }
    }

    @Test("a v2 contacts source saves, refreshes into SQLite, and holds the sandbox's contacts")
    func sqlite() async throws {
        try await withSandbox({ $0.records = 1300 }) { _, root, apiBase in
            let exported = try await SandboxExport.records(root: root, resource: "contacts")
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            let source = Self.v2Source("Contacts v2", account: fixture.account.name, maxRows: 1100)
            try fixture.workspace.insertDataSource(source)
            #expect(try fixture.workspace.dataSource(named: "Contacts v2")?.target == .endpoint(id: "v2.contacts"))
            let outcome = try await fixture.engine.refresh(sourceNamed: "Contacts v2", progress: nil)
            #expect(outcome.rowsPerTable["contacts_v2__contacts"] == 1100)
            let wanted = Array(exported.prefix(1100))
            #expect(try Self.contactRows(fixture, "contacts_v2__contacts") == Self.exportedRows(wanted))
            let emails = wanted.reduce(0) { $0 + SandboxExport.emails($1).count }
            #expect(try fixture.count("contacts_v2__contacts__email_addresses") == emails)
            let columns = try fixture.columns("contacts_v2__contacts").map { String($0.split(separator: ":")[0]) }
            #expect(columns.contains("create_time") && columns.contains("update_time") && columns.contains("given_name"))
            #expect(try fixture.workspace.lastRun(source: "Contacts v2")?.status == .succeeded)

            // A second refresh of all rows replaces the tables with every contact.
            var all = try #require(try fixture.workspace.dataSource(named: "Contacts v2"))
            all.maxRows = nil
            try fixture.workspace.updateDataSource(all)
            let second = try await fixture.engine.refresh(sourceNamed: "Contacts v2", progress: nil)
            #expect(second.rowsPerTable["contacts_v2__contacts"] == exported.count)
            #expect(try Self.contactRows(fixture, "contacts_v2__contacts") == Self.exportedRows(exported))
        }
    }

    @Test("a v2 contacts source refreshes into PostgreSQL with the same tables as SQLite",
          .enabled(if: postgresURLText != nil, "INFUSE_TEST_POSTGRES_URL is not set"))
    func postgres() async throws {
        try await withSandbox({ $0.records = 1200 }) { _, root, apiBase in
            let exported = try await SandboxExport.records(root: root, resource: "contacts")
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            try fixture.workspace.insertDataSource(Self.v2Source("Contacts v2 lite", account: fixture.account.name, maxRows: nil))
            var postgres = Self.v2Source("Contacts v2 pg", account: fixture.account.name, maxRows: nil)
            postgres.destination = try #require(postgresURLText)
            try fixture.workspace.insertDataSource(postgres)
            let sqlite = try await fixture.engine.refresh(sourceNamed: "Contacts v2 lite", progress: nil)
            let loaded = try await fixture.engine.refresh(sourceNamed: "Contacts v2 pg", progress: nil)
            #expect(loaded.rowsPerTable["contacts_v2_pg__contacts"] == exported.count)

            let session = try await PostgresSession.connect(try PostgresURL(parsing: postgres.destination!), secrets: nil)
            defer { Task { await session.close() } }
            let tables = try await PostgresTables.tables(schema: "contacts_v2_pg", session: session)
            for (sqliteTable, count) in sqlite.rowsPerTable {
                let pgTable = sqliteTable.replacingOccurrences(of: "contacts_v2_lite", with: "contacts_v2_pg")
                let columns = try #require(tables[pgTable], "\(pgTable)")
                let pgRows = try await PostgresTables.rows(schema: "contacts_v2_pg", table: pgTable, columns: columns, session: session)
                let liteRows = try PostgresTables.sqliteRows(fixture: fixture, table: sqliteTable, columns: columns)
                #expect(pgRows.count == count)
                #expect(pgRows == liteRows, "\(pgTable)")
            }
            // And by content against the sandbox's own records.
            let ids = try await session.textRows("SELECT id::text FROM contacts_v2_pg.contacts_v2_pg__contacts ORDER BY id::bigint", columns: 1)
            #expect(ids.map { $0.first ?? nil } == exported.map { Optional("\(SandboxExport.id($0))") })
        }
    }
}
