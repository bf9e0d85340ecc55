import Foundation
import GRDB
import Testing

@testable import InfuseCore

/// A change of shape between runs, merged into SQLite and PostgreSQL: a new column, a column
/// whose type must widen (integer → text: the SQLite table is rebuilt), a new child table and
/// a child row removed. The expected tables are a full load of the records as they now are.
@Suite("Incremental merge: change of shape")
struct IncrementalShapeTests {
    static let before = #"{"contacts":[{"id":1,"name":"Ann","score":5,"emails":[{"email":"ann@x.test"}]},{"id":2,"name":"Bob","score":7,"emails":[{"email":"bob@x.test"},{"email":"b2@x.test"}]},{"id":3,"name":"Cy","score":1,"emails":[]}],"count":3}"#
    static let changes = #"{"contacts":[{"id":2,"name":"Bob v2","score":"high","title":"boss","emails":[{"email":"bob@y.test"}],"faxes":[{"number":"555"}]},{"id":4,"name":"Dee","score":3,"emails":[{"email":"dee@x.test"}]}],"count":2}"#
    static let after = #"{"contacts":[{"id":1,"name":"Ann","score":5,"emails":[{"email":"ann@x.test"}]},{"id":2,"name":"Bob v2","score":"high","title":"boss","emails":[{"email":"bob@y.test"}],"faxes":[{"number":"555"}]},{"id":3,"name":"Cy","score":1,"emails":[]},{"id":4,"name":"Dee","score":3,"emails":[{"email":"dee@x.test"}]}],"count":4}"#

    static func tree(_ page: String) throws -> SchemaTree {
        let inferrer = SchemaInferrer(options: SchemaInferenceOptions(recordsName: "contacts", previewRowLimit: 0))
        try inferrer.add(page: Array(page.utf8))
        return try inferrer.tree()
    }

    static func load<Destination: TableDestination>(_ destination: Destination, page: String, mode: LoadMode) async throws -> CommittedTables {
        let staged = try destination.stage(
            tree: try tree(page), schemas: nil, mode: mode, pageCount: 1, rowsFetched: 0,
            pages: { try $0(Array(page.utf8)) }, cancellation: CancellationFlag(), progress: nil)
        return try await destination.commit(staged)
    }

    static let list = ListKey(path: "contacts", key: "id")

    @Test("SQLite: new column, widened type, new child table and replaced child rows equal a full load")
    func sqliteShapeChange() async throws {
        let directory = try WorkspaceTempDirectory()
        let workspace = try Workspace.open(directory.paths)
        try workspace.insertAccount(Account(name: "Demo", apiBase: URL(string: "http://127.0.0.1:9/crm/rest")!, authKind: .apiKey))
        let merged = DataSource(name: "Shape", accountName: "Demo", target: .endpoint(id: "contacts"))
        let full = DataSource(name: "Shape full", accountName: "Demo", target: .endpoint(id: "contacts"))
        try workspace.insertDataSource(merged)
        try workspace.insertDataSource(full)
        _ = try await Self.load(TableLoader(workspace: workspace, source: merged), page: Self.before, mode: .replace(list: Self.list))
        let committed = try await Self.load(
            TableLoader(workspace: workspace, source: merged), page: Self.changes, mode: .merge(list: Self.list, liveIDs: nil))
        #expect(committed.rowsUpserted == 2)
        #expect(committed.schemaChanges.contains("contacts: +title"))
        #expect(committed.schemaChanges.contains("contacts: score: integer→text"))
        #expect(committed.schemaChanges.contains("contacts.faxes: new table"))
        _ = try await Self.load(TableLoader(workspace: workspace, source: full), page: Self.after, mode: .replace(list: Self.list))
        let have = try IncrementalCheck.tables(workspace, source: "Shape")
        let want = try IncrementalCheck.tables(workspace, source: "Shape full")
        #expect(have == want)
        let types = try await workspace.dbPool.read { db in
            try Row.fetchAll(db, sql: "PRAGMA table_info(shape__contacts)").map { "\($0["name"] as String):\($0["type"] as String)" }
        }
        #expect(types.contains("score:TEXT"))
        // The view was rebuilt over the merged tables.
        #expect(try await workspace.dbPool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM shape") } == 4)

        // A sweep that no longer lists 3: its row and child rows go.
        let swept = try await Self.load(
            TableLoader(workspace: workspace, source: merged), page: #"{"contacts":[],"count":0}"#,
            mode: .merge(list: Self.list, liveIDs: ["1", "2", "4"]))
        #expect(swept.rowsDeleted == 1)
        #expect(try await workspace.dbPool.read { db in try Int.fetchAll(db, sql: "SELECT id FROM shape__contacts ORDER BY id") } == [1, 2, 4])
    }

    /// Two contacts with a time and a number; the change sets below touch contact 2.
    static let timed = #"{"contacts":[{"id":1,"name":"Ann","seen":"2022-09-29T00:42:42.000+0000","score":5},{"id":2,"name":"Bob","seen":"2023-01-02T03:04:05.000+0000","score":7}],"count":2}"#
    /// Contact 2's time is gone this time: the change set's `seen` is all null.
    static let timeCleared = #"{"contacts":[{"id":2,"name":"Bob v2","seen":null,"score":8}],"count":1}"#
    static let timeClearedAfter = #"{"contacts":[{"id":1,"name":"Ann","seen":"2022-09-29T00:42:42.000+0000","score":5},{"id":2,"name":"Bob v2","seen":null,"score":8}],"count":2}"#
    /// Contact 2's `seen` is now text that is not a time.
    static let timeToText = #"{"contacts":[{"id":2,"name":"Bob v3","seen":"soon","score":9}],"count":1}"#
    static let timeToTextAfter = #"{"contacts":[{"id":1,"name":"Ann","seen":"2022-09-29T00:42:42.000+0000","score":5},{"id":2,"name":"Bob v3","seen":"soon","score":9}],"count":2}"#

    @Test("SQLite: a column that is all null in the changes keeps its type; a time column that gets text is rebuilt as text; both equal a full load")
    func sqliteNullsAndTimes() async throws {
        let directory = try WorkspaceTempDirectory()
        let workspace = try Workspace.open(directory.paths)
        try workspace.insertAccount(Account(name: "Demo", apiBase: URL(string: "http://127.0.0.1:9/crm/rest")!, authKind: .apiKey))
        for name in ["Timed", "Timed full 1", "Timed full 2"] {
            try workspace.insertDataSource(DataSource(name: name, accountName: "Demo", target: .endpoint(id: "contacts")))
        }
        func loader(_ name: String) throws -> TableLoader {
            TableLoader(workspace: workspace, source: try #require(try workspace.dataSource(named: name)))
        }
        func types(_ table: String) async throws -> [String] {
            try await workspace.dbPool.read { db in
                try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { "\($0["name"] as String):\($0["type"] as String)" }
            }
        }
        _ = try await Self.load(try loader("Timed"), page: Self.timed, mode: .replace(list: Self.list))
        let cleared = try await Self.load(try loader("Timed"), page: Self.timeCleared, mode: .merge(list: Self.list, liveIDs: nil))
        #expect(cleared.schemaChanges.isEmpty, "\(cleared.schemaChanges)")
        #expect(try await types("timed__contacts").contains("seen:DATETIME"))
        _ = try await Self.load(try loader("Timed full 1"), page: Self.timeClearedAfter, mode: .replace(list: Self.list))
        #expect(try IncrementalCheck.tables(workspace, source: "Timed") == IncrementalCheck.tables(workspace, source: "Timed full 1"))
        #expect(try IncrementalCheck.columnTypes(workspace, source: "Timed") == IncrementalCheck.columnTypes(workspace, source: "Timed full 1"))

        let texted = try await Self.load(try loader("Timed"), page: Self.timeToText, mode: .merge(list: Self.list, liveIDs: nil))
        #expect(texted.schemaChanges.contains("contacts: seen: date-time→text"), "\(texted.schemaChanges)")
        _ = try await Self.load(try loader("Timed full 2"), page: Self.timeToTextAfter, mode: .replace(list: Self.list))
        #expect(try IncrementalCheck.tables(workspace, source: "Timed") == IncrementalCheck.tables(workspace, source: "Timed full 2"))
        #expect(try IncrementalCheck.columnTypes(workspace, source: "Timed") == IncrementalCheck.columnTypes(workspace, source: "Timed full 2"))
    }
}
