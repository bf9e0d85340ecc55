import Foundation
import GRDB
import InfuseApp
import InfuseCore
import InfuseTestSupport
import Testing

/// The data source use cases both front ends call, against a real sandbox and a real workspace.
@Suite("Data source use cases")
struct DataSourceServiceTests {
    @Test("create fills in what the designer suggests: every schema but root, joins of chosen parents and children")
    func createSuggestsTheDesignersJoins() async throws {
        try await withSandbox { _, _, apiBase in
            let fixture = try await AppFixture.make(apiBase: apiBase)
            defer { fixture.directory.remove() }
            let service = fixture.context.dataSources
            let chosen = try await service.create(fixture.contacts("Chosen", maxRows: 50, schemas: ["contacts", "contacts.email_addresses"]))
            #expect(chosen.source.design.joins == [
                JoinDesign(parentTable: "contacts", parentColumn: "id", childTable: "contacts.email_addresses", childColumn: "contact_id"),
            ])
            let stored = try #require(try fixture.context.workspace.dataSource(named: "Chosen"))
            #expect(stored.design == chosen.source.design && stored.selectedSchemas == chosen.source.selectedSchemas)

            // The designer's Design view, given the same preview and tables, suggests the same joins.
            let preview = try await service.preview(
                PreviewRequest(accountName: "Demo", target: .endpoint(id: "contacts"), maxRows: DataSourceService.checkRows), progress: nil)
            #expect(SuggestedDesign.joins(tables: ["contacts", "contacts.email_addresses"], preview: preview) == chosen.source.design.joins)

            let defaults = try await service.create(fixture.contacts("Defaults", maxRows: 50))
            #expect(!defaults.source.selectedSchemas.contains("root"))
            #expect(defaults.source.selectedSchemas == SuggestedDesign.defaultSchemas(preview))
            // Every chosen child of contacts is joined to it.
            let children = defaults.source.selectedSchemas.filter { $0.hasPrefix("contacts.") }
            #expect(Set(defaults.source.design.joins.map(\.childTable)) == Set(children))
        }
    }

    @Test("a bad field is refused with every message and nothing is saved")
    func createRefusesBadFields() async throws {
        try await withSandbox { _, _, apiBase in
            let fixture = try await AppFixture.make(apiBase: apiBase)
            defer { fixture.directory.remove() }
            var source = fixture.contacts("", maxRows: 50)
            source.accountName = "Nobody"
            await #expect(throws: WorkspaceError.self) { try await fixture.context.dataSources.create(source) }
            #expect(try fixture.context.workspace.allDataSources().isEmpty)
        }
    }

    @Test("rename is one transaction; rename and delete wait for no refresh: a held lock refuses them and nothing changes")
    func renameAndDeleteTakeTheLock() async throws {
        try await withSandbox { _, _, apiBase in
            let fixture = try await AppFixture.make(apiBase: apiBase)
            defer { fixture.directory.remove() }
            let workspace = fixture.context.workspace
            let service = fixture.context.dataSources
            let saved = try await service.create(fixture.contacts("Weekly", maxRows: 20, schemas: ["contacts"])).source
            _ = try await RefreshEngine(workspace: workspace, accounts: fixture.context.accounts).refresh(sourceNamed: "Weekly", progress: nil)
            #expect(try workspace.importedTables(of: "Weekly") == ["weekly__contacts"])

            // A refresh in another process holds the source's lock (the same flock a refresh takes).
            let held = try SourceLock.acquire(source: "Weekly", paths: workspace.paths)
            var renamed = saved
            renamed.name = "Monthly"
            #expect(throws: WorkspaceError.refreshInProgress(source: "Weekly")) { try service.save(renamed, replacing: "Weekly") }
            #expect(throws: WorkspaceError.refreshInProgress(source: "Weekly")) { try service.delete("Weekly") }
            #expect(try workspace.allDataSources().map(\.name) == ["Weekly"])
            #expect(try workspace.importedTables(of: "Weekly") == ["weekly__contacts"])
            held.close()

            try service.save(renamed, replacing: "Weekly")
            #expect(try workspace.allDataSources().map(\.name) == ["Monthly"])
            #expect(try workspace.importedTables(of: "Weekly").isEmpty)
            #expect(try workspace.runs(source: "Weekly", limit: 10).isEmpty)

            // A rename onto a taken name changes nothing (the transaction rolls back).
            _ = try await service.create(fixture.contacts("Daily", maxRows: 20, schemas: ["contacts"]))
            var clash = renamed
            clash.name = "Daily"
            #expect(throws: WorkspaceError.self) { try service.save(clash, replacing: "Monthly") }
            #expect(try workspace.allDataSources().map(\.name) == ["Daily", "Monthly"])

            try service.delete("Monthly")
            #expect(try workspace.allDataSources().map(\.name) == ["Daily"])
        }
    }

    @Test("a designer rename and delete racing a real refresh are refused while it runs; after it, the rename goes through")
    func renameAndDeleteRaceARefresh() async throws {
        try await withSandbox({ $0.latencyMs = 250 }) { _, _, apiBase in
            let fixture = try await AppFixture.make(apiBase: apiBase)
            defer { fixture.directory.remove() }
            let workspace = fixture.context.workspace
            let service = fixture.context.dataSources
            let saved = try await service.create(fixture.contacts("Racing", maxRows: 2500, schemas: ["contacts"])).source
            let (started, signal) = AsyncStream.makeStream(of: Void.self)
            let refresh = Task {
                try await RefreshEngine(workspace: workspace, accounts: fixture.context.accounts).refresh(sourceNamed: "Racing") { progress in
                    if progress.phase == .fetching { signal.yield() }
                }
            }
            for await _ in started { break }
            var renamed = saved
            renamed.name = "Renamed"
            #expect(throws: WorkspaceError.refreshInProgress(source: "Racing")) { try service.save(renamed, replacing: "Racing") }
            #expect(throws: WorkspaceError.refreshInProgress(source: "Racing")) { try service.delete("Racing") }
            #expect(try workspace.allDataSources().map(\.name) == ["Racing"])
            let outcome = try await refresh.value
            #expect(outcome.rowsPerTable["racing__contacts"] == 2500)
            #expect(try workspace.lastRun(source: "Racing")?.status == .succeeded)
            try service.save(renamed, replacing: "Racing")
            #expect(try workspace.allDataSources().map(\.name) == ["Renamed"])
            try service.delete("Renamed")
            #expect(try workspace.allDataSources().isEmpty)
        }
    }

    @Test("the design view's preview rows are the saved view's rows (same join plan, names and columns)")
    func previewRowsEqualTheSavedView() async throws {
        try await withSandbox { _, _, apiBase in
            let fixture = try await AppFixture.make(apiBase: apiBase)
            defer { fixture.directory.remove() }
            // Few enough contacts that every e-mail row is in the preview (100 rows a schema).
            let tables = ["contacts", "contacts.email_addresses"]
            let preview = try await fixture.context.dataSources.preview(
                PreviewRequest(accountName: "Demo", target: .endpoint(id: "contacts"), maxRows: 25), progress: nil)
            #expect(try #require(preview.schema("contacts.email_addresses")).rowCount < 100)
            var design = DataSourceDesign(joins: SuggestedDesign.joins(tables: tables, preview: preview))
            design.tables["contacts"] = TableDesign(keptColumns: ["id", "given_name", "family_name", "email_opted_in"],
                                                    columnOverrides: ["given_name": ColumnOverride(rename: "first_name")])
            design.tables["contacts.email_addresses"] = TableDesign(keptColumns: ["email", "field"])
            let shown = PreviewJoiner.result(preview: preview, tables: tables, design: design)

            var source = fixture.contacts("Joined", maxRows: 25, schemas: tables)
            source.design = design
            try fixture.context.dataSources.save(source, replacing: nil)
            _ = try await RefreshEngine(workspace: fixture.context.workspace, accounts: fixture.context.accounts).refresh(sourceNamed: "Joined", progress: nil)
            let (names, rows) = try await fixture.context.workspace.dbPool.read { db -> ([String], [[String]]) in
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM joined")
                let names = rows.first.map { Array($0.columnNames) } ?? []
                return (names, rows.map { $0.databaseValues.map(Self.previewText) })
            }
            #expect(shown.columns.map(\.name) == names)
            #expect(names.contains("first_name") && names.contains("email"))
            #expect(rows.count > 25, "a left join of 25 contacts to their e-mail addresses")
            #expect(shown.rows.sorted { $0.lexicographicallyPrecedes($1) } == rows.sorted { $0.lexicographicallyPrecedes($1) })
        }
    }

    /// A stored value as the preview shows its cell: empty for null, 80 characters at most.
    static func previewText(_ value: DatabaseValue) -> String {
        let text: String
        switch value.storage {
        case .null: return ""
        case .int64(let v): text = String(v)
        case .double(let v): text = String(v)
        case .string(let v): text = v
        case .blob(let data): text = String(decoding: data, as: UTF8.self)
        }
        return text.count > 80 ? String(text.prefix(79)) + "…" : text
    }
}
