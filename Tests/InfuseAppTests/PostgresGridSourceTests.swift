import Foundation
import InfuseApp
import InfuseCore
import InfuseSandbox
import InfuseTestSupport
import Testing

private let postgresURL = ProcessInfo.processInfo.environment["INFUSE_TEST_POSTGRES_URL"]

/// The PostgreSQL grid source against a real server: the same contacts refreshed from the sandbox
/// into SQLite and into PostgreSQL must browse alike — counts, windows at both ends, sorted,
/// filtered — through the two grid sources, which share no reading code.
@Suite("Browse: PostgreSQL grid source",
       .enabled(if: postgresURL != nil, "INFUSE_TEST_POSTGRES_URL is not set: .ci/run starts a PostgreSQL server for these"),
       .serialized)
struct PostgresGridSourceTests {
    @Test("windows, sort, filter and export over PostgreSQL equal the same data browsed in SQLite")
    func sameAsSQLite() async throws {
        try await withSandbox({ $0.records = 700 }) { _, _, apiBase in
            let fixture = try await AppFixture.make(apiBase: apiBase)
            defer { fixture.directory.remove() }
            let workspace = fixture.context.workspace
            let lite = fixture.contacts("Browse lite", maxRows: 700, schemas: ["contacts", "contacts.email_addresses"])
            var pg = fixture.contacts("Browse pg", maxRows: 700, schemas: ["contacts", "contacts.email_addresses"])
            pg.destination = try #require(postgresURL)
            _ = try await fixture.context.dataSources.create(lite)
            _ = try await fixture.context.dataSources.create(pg)
            let engine = RefreshEngine(workspace: workspace, accounts: fixture.context.accounts)
            _ = try await engine.refresh(sourceNamed: "Browse lite", progress: nil)
            _ = try await engine.refresh(sourceNamed: "Browse pg", progress: nil)

            let service = BrowseService(workspace: workspace, secrets: fixture.context.secrets)
            let liteTables = try await service.tables(of: "Browse lite")
            let pgTables = try await service.tables(of: "Browse pg")
            #expect(liteTables.map(\.label) == pgTables.map(\.label))
            #expect(pgTables.first?.isView == true)
            let liteContacts = try #require(liteTables.first { $0.label == "contacts" })
            let pgContacts = try #require(pgTables.first { $0.label == "contacts" })

            for query in [BrowseQuery(sort: BrowseSort(column: "id")),
                          BrowseQuery(sort: BrowseSort(column: "family_name", descending: true)),
                          BrowseQuery(sort: BrowseSort(column: "id", descending: true), filter: BrowseFilter(column: "given_name", text: "an"))] {
                let a = try await service.open(source: "Browse lite", table: liteContacts, query: query)
                let b = try await service.open(source: "Browse pg", table: pgContacts, query: query)
                #expect(a.rowCount == b.rowCount, "\(query)")
                #expect(a.rowCount > 0)
                #expect(a.columns.map(\.name) == b.columns.map(\.name))
                // Compare the columns both destinations render the same way (JSON and decimals
                // are spelled by each database in its own way).
                let comparable = a.columns.indices.filter { ["int", "text", "bool", "date-time"].contains(a.columns[$0].type) }
                #expect(comparable.count >= 5)
                func project(_ rows: [[String]]) -> [[String]] { rows.map { row in comparable.map { row[$0] } } }
                let ends = [0..<40, (a.rowCount / 2)..<(a.rowCount / 2 + 30), max(0, a.rowCount - 40)..<a.rowCount]
                for range in ends {
                    #expect(project(a.rows(in: range)) == project(b.rows(in: range)), "\(query) \(range)")
                }
                #expect(b.lastError == nil)
                // Neighbouring windows come from the cached margin and still line up.
                #expect(project(b.rows(in: 5..<45)) == project(a.rows(in: 5..<45)))
            }
            // A boolean column reads true/false.
            let unsorted = try await service.open(source: "Browse pg", table: pgContacts, query: BrowseQuery())
            if let flag = unsorted.columns.firstIndex(where: { $0.type == "bool" }) {
                #expect(Set(unsorted.rows(in: 0..<50).map { $0[flag] }).isSubset(of: ["true", "false", ""]))
            }
            // Export what is shown (sorted, filtered) from both destinations: the same rows in the same order.
            let query = BrowseQuery(sort: BrowseSort(column: "family_name", descending: true), filter: BrowseFilter(column: "given_name", text: "an"))
            var exported: [[[String: Any]]] = []
            for (source, table) in [("Browse lite", liteContacts), ("Browse pg", pgContacts)] {
                let path = fixture.directory.url.appendingPathComponent("\(source).json").path
                let written = try await service.export(source: source, table: table, query: query, to: path, format: .json)
                let rows = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]])
                #expect(written.rows == rows.count && rows.count > 0)
                exported.append(rows)
            }
            func key(_ row: [String: Any]) -> String {
                "\((row["id"] as? NSNumber)?.intValue ?? -1)|\(row["given_name"] as? String ?? "")|\(row["family_name"] as? String ?? "")"
            }
            #expect(exported[0].map(key) == exported[1].map(key))
            #expect(exported[1].allSatisfy { ($0["given_name"] as? String ?? "").lowercased().contains("an") })
            let csv = fixture.directory.url.appendingPathComponent("pg.csv").path
            let csvWritten = try await service.export(source: "Browse pg", table: pgContacts, query: query, to: csv, format: .csv)
            #expect(csvWritten.rows == exported[1].count)
            #expect(try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\r\n").count == csvWritten.rows + 1)

            let view = try await service.open(source: "Browse pg", table: pgTables[0], query: BrowseQuery())
            let liteView = try await service.open(source: "Browse lite", table: liteTables[0], query: BrowseQuery())
            #expect(view.rowCount == liteView.rowCount)
            #expect(view.rows(in: (view.rowCount - 3)..<view.rowCount).count == 3)
        }
    }
}
