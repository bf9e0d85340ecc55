import Foundation
import GRDB
import Testing
@testable import InfuseCore

@Suite("Data source store")
struct DataSourceStoreTests {
    private func workspaceWithAccount(_ temp: WorkspaceTempDirectory) throws -> Workspace {
        let workspace = try Workspace.open(temp.paths)
        try workspace.insertAccount(WorkspaceFixtures.account("Demo"))
        return workspace
    }

    @Test func roundTripKeepsEveryField() throws {
        let temp = try WorkspaceTempDirectory()
        let workspace = try workspaceWithAccount(temp)
        let source = WorkspaceFixtures.source()
        var custom = DataSource(
            name: "Tags by URL", accountName: "Demo", target: .customURL("http://127.0.0.1:8080/crm/rest/v1/tags"),
            createdAt: WorkspaceFixtures.epoch)
        custom.maxRows = nil
        custom.refreshInterval = .week1
        try workspace.insertDataSource(source)
        try workspace.insertDataSource(custom)
        #expect(try workspace.dataSource(named: "Contacts report") == source)
        #expect(try workspace.dataSource(named: "Tags by URL") == custom)
        #expect(try workspace.allDataSources() == [source, custom])
        #expect(try workspace.dataSource(named: "Nope") == nil)

        // and through a fresh open of the file
        let reopened = try Workspace.open(temp.paths)
        #expect(try reopened.allDataSources() == [source, custom])
    }

    @Test func updateSavesChangesAndValidates() throws {
        let temp = try WorkspaceTempDirectory()
        let workspace = try workspaceWithAccount(temp)
        var source = WorkspaceFixtures.source()
        try workspace.insertDataSource(source)
        source.maxRows = 10
        source.refreshInterval = .minutes15
        source.design.joins = []
        source.updatedAt = WorkspaceFixtures.epoch.addingTimeInterval(3600)
        try workspace.updateDataSource(source)
        #expect(try workspace.dataSource(named: source.name) == source)

        source.method = "POST"
        #expect(throws: WorkspaceError.invalidDataSource([
            FieldError(field: .method, message: "Method must be GET: Infuse only reads data"),
        ])) { try workspace.updateDataSource(source) }

        var missing = WorkspaceFixtures.source("Missing")
        missing.description = ""
        #expect(throws: WorkspaceError.dataSourceNotFound(name: "Missing")) { try workspace.updateDataSource(missing) }
    }

    @Test func namesAndSlugsAreUnique() throws {
        let temp = try WorkspaceTempDirectory()
        let workspace = try workspaceWithAccount(temp)
        try workspace.insertDataSource(WorkspaceFixtures.source("Contacts report"))
        #expect(throws: WorkspaceError.dataSourceExists(name: "Contacts report")) {
            try workspace.insertDataSource(WorkspaceFixtures.source("Contacts report"))
        }
        // Same slug (contacts_report) → the tables would clash.
        #expect(throws: WorkspaceError.invalidDataSource([
            FieldError(field: .name, message: "Name is already used by another data source"),
        ])) { try workspace.insertDataSource(WorkspaceFixtures.source("Contacts  Report!")) }
    }

    @Test func unknownAccountIsRefused() throws {
        let temp = try WorkspaceTempDirectory()
        let workspace = try workspaceWithAccount(temp)
        let error = #expect(throws: WorkspaceError.self) {
            try workspace.insertDataSource(WorkspaceFixtures.source(account: "Nobody"))
        }
        guard case .invalidDataSource(let errors) = error else {
            Issue.record("expected invalidDataSource, got \(String(describing: error))")
            return
        }
        #expect(errors.map(\.field) == [.account])
        #expect(errors.first?.message.hasPrefix("Account \"Nobody\" does not exist") == true)
    }

    @Test func deleteDropsItsTablesViewAndHistoryOnly() throws {
        let temp = try WorkspaceTempDirectory()
        let workspace = try workspaceWithAccount(temp)
        try workspace.insertDataSource(WorkspaceFixtures.source("Contacts"))
        try workspace.insertDataSource(WorkspaceFixtures.source("Contacts report"))
        _ = try workspace.beginRun(source: "Contacts")
        _ = try workspace.beginRun(source: "Contacts report")
        try workspace.dbPool.write { db in
            try db.execute(sql: """
                CREATE TABLE contacts__contacts (id INTEGER PRIMARY KEY, given_name TEXT);
                CREATE TABLE contacts__contacts__email_addresses (contact_id INTEGER, email TEXT);
                CREATE VIEW contacts AS SELECT * FROM contacts__contacts;
                CREATE TABLE contacts_report__contacts (id INTEGER PRIMARY KEY);
                CREATE VIEW contacts_report AS SELECT * FROM contacts_report__contacts;
                """)
        }
        #expect(try workspace.importedTables(of: "Contacts") == ["contacts__contacts", "contacts__contacts__email_addresses"])

        try workspace.deleteDataSource(named: "Contacts")

        let objects = try workspace.dbPool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'contacts%' ORDER BY name")
        }
        #expect(objects == ["contacts_report", "contacts_report__contacts"])
        #expect(try workspace.dataSource(named: "Contacts") == nil)
        #expect(try workspace.runs(source: "Contacts").isEmpty)
        #expect(try workspace.runs(source: "Contacts report").count == 1)
        #expect(throws: WorkspaceError.dataSourceNotFound(name: "Contacts")) { try workspace.deleteDataSource(named: "Contacts") }
    }
}
