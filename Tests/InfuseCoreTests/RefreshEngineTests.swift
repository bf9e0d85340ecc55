import AsyncHTTPClient
import Foundation
import GRDB
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

@Suite("Refresh: preview, refresh, drift, revoked token, import and export against the sandbox")
struct RefreshEngineTests {
    @Test("the contacts preview gives the seven schemas with row counts matching the JSON")
    func previewContacts() async throws {
        try await withSandbox({ $0.records = 600 }) { _, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            let target = KeapClientTesting.contacts(["optional_properties": "custom_fields"])
            let result = try await Preview.run(
                target: target, account: fixture.account, accounts: fixture.accounts, maxRows: 500, pivotCustomFields: false, progress: nil)
            let raw = try await RawContacts.fetch(apiBase: apiBase, maxRows: 500)
            let paths = Set(result.tree.allSchemas.map(\.path))
            #expect(paths == ["root", "contacts", "contacts.email_addresses", "contacts.phone_numbers", "contacts.addresses",
                              "contacts.custom_fields", "contacts.tag_ids"])
            #expect(result.rowsFetched == 500 && raw.records.count == 500)
            #expect(result.tree.schema(at: "root")?.rowCount == raw.pages.count)
            #expect(result.tree.schema(at: "contacts")?.rowCount == 500)
            for key in ["email_addresses", "phone_numbers", "addresses", "custom_fields", "tag_ids"] {
                #expect(result.tree.schema(at: "contacts.\(key)")?.rowCount == raw.childCount(key), "\(key)")
            }
            #expect(result.tree.schema(at: "contacts")?.previewRows.count == 100)

            let pivoted = try await Preview.run(
                target: target, account: fixture.account, accounts: fixture.accounts, maxRows: 50, pivotCustomFields: true, progress: nil)
            #expect(pivoted.tree.schema(at: "contacts.custom_fields") == nil)
            #expect(pivoted.tree.schema(at: "contacts")?.columns.contains { $0.name.hasPrefix("custom_") } == true)
        }
    }

    @Test("a 2,500-contact refresh loads exact row counts, the view has one row per (contact, email) and drift is recorded")
    func refreshContacts() async throws {
        try await withSandbox({ $0.records = 3000 }) { _, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            try fixture.workspace.insertDataSource(fixture.contactsSource())
            let phases = PhaseRecorder()
            let outcome = try await fixture.engine.refresh(sourceNamed: "Contacts report") { phases.add($0.phase) }
            let raw = try await RawContacts.fetch(apiBase: apiBase, maxRows: 2500)
            #expect(raw.records.count == 2500)
            #expect(outcome.rowsPerTable["contacts_report__contacts"] == 2500)
            #expect(try fixture.count("contacts_report__contacts") == 2500)
            for key in ["email_addresses", "phone_numbers", "addresses", "custom_fields", "tag_ids"] {
                let table = "contacts_report__contacts__\(key)"
                #expect(try fixture.count(table) == raw.childCount(key), "\(key)")
                #expect(outcome.rowsPerTable[table] == raw.childCount(key), "\(key)")
            }
            let withoutEmail = raw.records.filter { ($0["email_addresses"] as? [Any])?.isEmpty ?? true }.count
            #expect(try fixture.count("contacts_report") == raw.childCount("email_addresses") + withoutEmail)
            #expect(try fixture.columns("contacts_report__contacts__email_addresses") == [
                "contact_id:INTEGER", "_position:INTEGER", "email:TEXT", "field:TEXT"])
            #expect(phases.values.first == .fetching && phases.values.contains(.loading) && phases.values.last == .done)
            #expect(outcome.schemaChanges.isEmpty)
            let run = try #require(try fixture.workspace.lastRun(source: "Contacts report"))
            #expect(run.status == .succeeded && run.totalRows == outcome.totalRows)

            // Second refresh with a design that drops, renames-away and retypes columns: drift lines.
            var source = try #require(try fixture.workspace.dataSource(named: "Contacts report"))
            let contactColumns = try fixture.columns("contacts_report__contacts").map { String($0.split(separator: ":")[0]) }
            source.design.tables["contacts"] = TableDesign(
                keptColumns: contactColumns.filter { $0 != "score_value" },
                columnOverrides: ["owner_id": ColumnOverride(type: "text")])
            try fixture.workspace.updateDataSource(source)
            let second = try await fixture.engine.refresh(sourceNamed: "Contacts report", progress: nil)
            #expect(second.schemaChanges.contains("contacts: -score_value"))
            #expect(second.schemaChanges.contains("contacts: owner_id: integer→text"))
            #expect(try fixture.workspace.lastRun(source: "Contacts report")?.schemaChanges == second.schemaChanges)
            let staging = try fixture.workspace.importedTables(of: "Contacts report").filter { $0.hasSuffix("__staging") }
            #expect(staging.isEmpty)
        }
    }

    @Test("a revoked token fails the refresh with a re-authorize message; the old tables stay readable")
    func revokedToken() async throws {
        try await withSandbox({ $0.records = 1200 }) { _, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root, oauth: true)
            try fixture.workspace.insertDataSource(fixture.contactsSource(maxRows: 1200))
            _ = try await fixture.engine.refresh(sourceNamed: "Contacts report", progress: nil)
            let before = try fixture.rows("contacts_report__contacts")
            #expect(before.count == 1200)

            var request = HTTPClientRequest(url: root.appendingPathComponent("_sandbox/revoke").absoluteString)
            request.method = .POST
            let revoked = try await InfuseHTTPClient.shared.execute(request, timeout: .seconds(5))
            #expect(revoked.status.code == 200)
            // Force a token refresh: the access token is gone on the server, so the 401 triggers one.
            let error = await #expect(throws: CredentialError.needsReauthorization(account: "Demo")) {
                _ = try await fixture.engine.refresh(sourceNamed: "Contacts report", progress: nil)
            }
            #expect(error?.userMessage.contains("re-authorization") == true)
            #expect(try fixture.rows("contacts_report__contacts") == before)
            #expect(try fixture.count("contacts_report") > 0)
            let run = try #require(try fixture.workspace.lastRun(source: "Contacts report"))
            #expect(run.status == .failed)
            #expect(run.error?.contains("infuse accounts reauth Demo") == true)
            #expect(try fixture.workspace.account(named: "Demo")?.status == .needsReauthorization)
            #expect(try fixture.workspace.importedTables(of: "Contacts report").allSatisfy { !$0.hasSuffix("__staging") })
        }
    }

    @Test("importing the saved pages gives the same tables as the refresh; CSV and JSON exports round-trip")
    func importMatchesRefreshAndExportRoundTrips() async throws {
        try await withSandbox({ $0.records = 2200 }) { _, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            try fixture.workspace.insertDataSource(fixture.contactsSource(maxRows: 2200))
            _ = try await fixture.engine.refresh(sourceNamed: "Contacts report", progress: nil)
            let raw = try await RawContacts.fetch(apiBase: apiBase, maxRows: 2200)
            var files: [URL] = []
            for (index, page) in raw.pages.enumerated() {
                let url = fixture.directory.url.appendingPathComponent("page\(index).json")
                try Data(page.body).write(to: url)
                files.append(url)
            }
            var imported = fixture.contactsSource("Imported contacts")
            imported.design = fixture.contactsSource().design
            try fixture.workspace.insertDataSource(imported)
            let outcome = try await fixture.engine.importFiles(sourceNamed: "Imported contacts", files: files, schemas: nil, progress: nil)
            #expect(outcome.rowsPerTable.count == 6)
            for schema in imported.selectedSchemas {
                let refreshed = TableNaming.tableName(source: "Contacts report", schemaPath: schema)
                let loaded = TableNaming.tableName(source: "Imported contacts", schemaPath: schema)
                #expect(try fixture.columns(loaded) == fixture.columns(refreshed), "\(schema)")
                #expect(try fixture.rows(loaded) == fixture.rows(refreshed), "\(schema)")
            }
            #expect(try fixture.rows("imported_contacts") == fixture.rows("contacts_report"))

            // Export the view as JSON and CSV and compare with the rows in SQLite.
            let view = try TableExporter.relation(workspace: fixture.workspace, source: "Contacts report", table: nil)
            #expect(view == "contacts_report")
            let jsonURL = fixture.directory.url.appendingPathComponent("export.json")
            _ = FileManager.default.createFile(atPath: jsonURL.path, contents: nil)
            let jsonHandle = try FileHandle(forWritingTo: jsonURL)
            let jsonRows = try TableExporter.export(workspace: fixture.workspace, relation: view, format: .json, to: jsonHandle)
            try jsonHandle.close()
            let objects = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: jsonURL)) as? [[String: Any]])
            let viewCount = try fixture.count(view)
            #expect(objects.count == jsonRows && jsonRows == viewCount)
            let emails = Set(objects.compactMap { $0["email"] as? String })
            let expectedEmails = Set(raw.records.flatMap { ($0["email_addresses"] as? [[String: Any]] ?? []).compactMap { $0["email"] as? String } })
            #expect(emails == expectedEmails)

            let table = try TableExporter.relation(workspace: fixture.workspace, source: "Contacts report", table: "contacts")
            let csvURL = fixture.directory.url.appendingPathComponent("export.csv")
            _ = FileManager.default.createFile(atPath: csvURL.path, contents: nil)
            let csvHandle = try FileHandle(forWritingTo: csvURL)
            _ = try TableExporter.export(workspace: fixture.workspace, relation: table, format: .csv, to: csvHandle)
            try csvHandle.close()
            let parsed = CSVTestParser.parse(try String(contentsOf: csvURL, encoding: .utf8))
            let header = try #require(parsed.first)
            let tableColumns = try fixture.columns(table).map { String($0.split(separator: ":")[0]) }
            #expect(header == tableColumns)
            let sqlRows = try fixture.rows(table).map { $0.map { $0 == "NULL" ? "" : $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) } }
            #expect(parsed.count - 1 == 2200)
            #expect(Set(parsed.dropFirst().map { $0[0] }) == Set(sqlRows.map { $0[0] }))
            let names = Set(parsed.dropFirst().map { $0[header.firstIndex(of: "family_name")!] })
            #expect(names == Set(raw.records.compactMap { $0["family_name"] as? String }))
        }
    }

    @Test("an unknown account and a bad retype fail cleanly and are recorded")
    func failuresAreRecorded() async throws {
        try await withSandbox({ $0.records = 50 }) { _, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            var source = fixture.contactsSource(maxRows: 50)
            source.design.tables["contacts"] = TableDesign(columnOverrides: ["id": ColumnOverride(type: "money")])
            try fixture.workspace.insertDataSource(source)
            await #expect(throws: RefreshError.self) {
                _ = try await fixture.engine.refresh(sourceNamed: "Contacts report", progress: nil)
            }
            let run = try #require(try fixture.workspace.lastRun(source: "Contacts report"))
            #expect(run.status == .failed)
            #expect(run.error?.contains("retypes id to \"money\"") == true)
            #expect(try fixture.workspace.importedTables(of: "Contacts report").isEmpty)
            await #expect(throws: WorkspaceError.dataSourceNotFound(name: "Nope")) {
                _ = try await fixture.engine.refresh(sourceNamed: "Nope", progress: nil)
            }
        }
    }
}

/// Collects the phases a refresh reports.
final class PhaseRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var phases: [RefreshPhase] = []
    func add(_ phase: RefreshPhase) { lock.withLock { if phases.last != phase { phases.append(phase) } } }
    var values: [RefreshPhase] { lock.withLock { phases } }
}

/// A small RFC 4180 reader for checking exports.
enum CSVTestParser {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r\n" || c == "\n" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
