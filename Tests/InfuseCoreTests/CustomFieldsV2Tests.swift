import Foundation
import GRDB
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// v2 custom fields become columns named from the v2 model, as v1's are from the v1 model.
@Suite("v2 custom fields from the v2 model")
struct CustomFieldsV2Tests {
    @Test("pivoted v2 custom fields give the columns v1 names from its model, with the same text values")
    func sameAsV1() async throws {
        try await withSandbox({ $0.records = 200 }) { _, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            try fixture.workspace.insertDataSource(DataSource(
                name: "Cf v1", accountName: fixture.account.name,
                target: .endpoint(id: "contacts", query: ["optional_properties": "custom_fields"]),
                selectedSchemas: ["contacts"], customFieldsPivot: true))
            try fixture.workspace.insertDataSource(DataSource(
                name: "Cf v2", accountName: fixture.account.name,
                target: .endpoint(id: "v2.contacts", query: ["fields": "id,custom_fields"]),
                selectedSchemas: ["contacts"], customFieldsPivot: true))
            _ = try await fixture.engine.refresh(sourceNamed: "Cf v1", progress: nil)
            _ = try await fixture.engine.refresh(sourceNamed: "Cf v2", progress: nil)
            let v1Columns = try fixture.columns("cf_v1__contacts").map { String($0.split(separator: ":")[0]) }.filter { $0.hasPrefix("custom_") }
            let v2Columns = try fixture.columns("cf_v2__contacts").map { String($0.split(separator: ":")[0]) }.filter { $0.hasPrefix("custom_") }
            #expect(!v2Columns.isEmpty)
            #expect(Set(v2Columns) == Set(v1Columns))
            // Text fields hold the same content in both versions (dates differ in spelling: v2 writes
            // `2020-07-16`, v1 `2020-07-16T00:00:00.000+0000`).
            #expect(v2Columns.contains("custom_favourite_colour"))
            let list = "custom_favourite_colour"
            func values(_ table: String) throws -> [[String]] {
                try fixture.workspace.dbPool.read { db in
                    try Row.fetchAll(db, sql: "SELECT CAST(id AS INTEGER), \(list) FROM \(table) ORDER BY CAST(id AS INTEGER)").map { row in
                        row.databaseValues.map { $0.isNull ? "" : (String.fromDatabaseValue($0) ?? $0.description) }
                    }
                }
            }
            #expect(try values("cf_v2__contacts").count == 200)
            #expect(try values("cf_v2__contacts") == values("cf_v1__contacts"))
        }
    }
}
