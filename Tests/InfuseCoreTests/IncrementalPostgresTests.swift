import Foundation
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

private let postgresURLText = ProcessInfo.processInfo.environment["INFUSE_TEST_POSTGRES_URL"]

/// The incremental merge into PostgreSQL: the same changes as the SQLite tests, the tables then
/// compared by content with a full read into another schema of the same server.
@Suite(
    "Incremental refresh into PostgreSQL", .serialized,
    .enabled(if: postgresURLText != nil, "INFUSE_TEST_POSTGRES_URL is not set: .ci/run starts a PostgreSQL server for these"))
struct IncrementalPostgresTests {
    /// Every table of `schema` (but `root`) by name without the schema's prefix, each row as its
    /// sorted non-null `column:type=value` cells (so a column whose type drifted differs too).
    static func tables(schema: String, session: PostgresSession) async throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (table, columns) in try await PostgresTables.tables(schema: schema, session: session) {
            let part = String(table.dropFirst(schema.count + 2))
            if part == "root" { continue }
            let rows = try await PostgresTables.rows(schema: schema, table: table, columns: columns, session: session)
            result[part] = rows.map { row in
                zip(columns, row).compactMap { column, value in value.map { "\(column.name):\(column.type)=\($0)" } }.sorted().joined(separator: "\t")
            }.sorted()
        }
        return result
    }

    @Test("v1 contacts into PostgreSQL: updates, creates, a new run after deletes with --full; every table equals a full read")
    func postgresIncremental() async throws {
        let url = try #require(postgresURLText)
        try await withSandbox({ $0.records = 2500; $0.spikeLimitPerSecond = 10_000 }) { server, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            var source = try await fixture.incrementalSource("Inc pg")
            source.destination = url
            try fixture.workspace.insertDataSource(source)
            _ = try await fixture.engine.refresh(sourceNamed: "Inc pg", progress: nil)
            _ = server.applyChanges(resource: "contacts", update: 9, create: 4, delete: 0)
            let merged = try await fixture.engine.refresh(sourceNamed: "Inc pg", progress: nil)
            #expect(merged.details.sync == .incremental)
            #expect((merged.details.rowsUpserted ?? 0) >= 13)
            #expect(merged.rowsPerTable["inc_pg__contacts"] == 2504)
            try await expectEqualsFullRead(fixture, source: source, fullName: "Full pg 1", url: url)

            _ = server.applyChanges(resource: "contacts", update: 1, create: 0, delete: 5)
            let full = try await fixture.engine.refresh(sourceNamed: "Inc pg", full: true, progress: nil)
            #expect(full.details.rowsDeleted == 5)
            try await expectEqualsFullRead(fixture, source: source, fullName: "Full pg 2", url: url)
        }
    }

    @Test("PostgreSQL: changed records that cannot be merged into the tables as they are (a jsonb column gets text) are read in full in the same refresh")
    func postgresMergeFallsBackToAFullRead() async throws {
        let url = try #require(postgresURLText)
        try await withSandbox({ $0.records = 1500; $0.spikeLimitPerSecond = 10_000 }) { server, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            var source = try await fixture.incrementalSource("Fallback pg")
            source.destination = url
            try fixture.workspace.insertDataSource(source)
            _ = try await fixture.engine.refresh(sourceNamed: "Fallback pg", progress: nil)
            // The table as an earlier shape could have left it: given_name held JSON.
            let session = try await PostgresSession.connect(try PostgresURL(parsing: url), secrets: nil)
            do {
                try await session.execute("DROP VIEW fallback_pg.fallback_pg")
                try await session.execute(
                    "ALTER TABLE fallback_pg.fallback_pg__contacts ALTER COLUMN given_name TYPE jsonb USING to_jsonb(given_name)")
            } catch {
                await session.close()
                throw error
            }
            await session.close()
            _ = server.applyChanges(resource: "contacts", update: 5, create: 1, delete: 0)
            let outcome = try await fixture.engine.refresh(sourceNamed: "Fallback pg", progress: nil)
            #expect(outcome.details.sync == .full)
            #expect(outcome.details.warnings.contains { $0.hasPrefix("read in full: an incremental merge could not: contacts.given_name changes from jsonb to text") },
                    "\(outcome.details.warnings)")
            let runs = try fixture.workspace.runs(source: "Fallback pg")
            #expect(runs.map(\.status) == [.succeeded, .failed, .succeeded], "newest first: the full read, the refused merge, the first run")
            #expect(runs[1].error?.contains("nothing was changed, the source is read in full instead") == true, "\(runs[1].error ?? "")")
            try await expectEqualsFullRead(fixture, source: source, fullName: "Fallback pg full", url: url)
        }
    }

    @Test("PostgreSQL: new column, widened type (ALTER COLUMN … TYPE), new child table and a sweep equal a full load")
    func postgresShapeChange() async throws {
        let url = try #require(postgresURLText)
        let directory = try WorkspaceTempDirectory()
        let workspace = try Workspace.open(directory.paths)
        try workspace.insertAccount(Account(name: "Demo", apiBase: URL(string: "http://127.0.0.1:9/crm/rest")!, authKind: .apiKey))
        let merged = DataSource(name: "Shape pg", accountName: "Demo", target: .endpoint(id: "contacts"), destination: url)
        let full = DataSource(name: "Shape pg full", accountName: "Demo", target: .endpoint(id: "contacts"), destination: url)
        func loader(_ source: DataSource) throws -> PostgresTableLoader {
            PostgresTableLoader(source: source, url: try PostgresURL(parsing: url), secrets: nil, directory: directory.paths.directory)
        }
        _ = try await IncrementalShapeTests.load(try loader(merged), page: IncrementalShapeTests.before, mode: .replace(list: IncrementalShapeTests.list))
        let committed = try await IncrementalShapeTests.load(
            try loader(merged), page: IncrementalShapeTests.changes, mode: .merge(list: IncrementalShapeTests.list, liveIDs: nil))
        #expect(committed.schemaChanges.contains("contacts: score: integer→text"))
        #expect(committed.rowsUpserted == 2)
        _ = try await IncrementalShapeTests.load(try loader(full), page: IncrementalShapeTests.after, mode: .replace(list: IncrementalShapeTests.list))
        let session = try await PostgresSession.connect(try PostgresURL(parsing: url), secrets: nil)
        do {
            try await checkShape(session: session, merged: merged, loader: loader)
        } catch {
            await session.close()
            throw error
        }
        await session.close()
    }

    @Test("PostgreSQL: an all-null column keeps its type; text into a timestamptz column is refused (nothing changed) so the engine reads in full")
    func postgresNullsAndTimes() async throws {
        let url = try #require(postgresURLText)
        let directory = try WorkspaceTempDirectory()
        let workspace = try Workspace.open(directory.paths)
        try workspace.insertAccount(Account(name: "Demo", apiBase: URL(string: "http://127.0.0.1:9/crm/rest")!, authKind: .apiKey))
        func loader(_ name: String) throws -> PostgresTableLoader {
            let source = DataSource(name: name, accountName: "Demo", target: .endpoint(id: "contacts"), destination: url)
            return PostgresTableLoader(source: source, url: try PostgresURL(parsing: url), secrets: nil, directory: directory.paths.directory)
        }
        let list = IncrementalShapeTests.list
        _ = try await IncrementalShapeTests.load(try loader("Timed pg"), page: IncrementalShapeTests.timed, mode: .replace(list: list))
        let cleared = try await IncrementalShapeTests.load(
            try loader("Timed pg"), page: IncrementalShapeTests.timeCleared, mode: .merge(list: list, liveIDs: nil))
        #expect(cleared.schemaChanges.isEmpty, "\(cleared.schemaChanges)")
        _ = try await IncrementalShapeTests.load(
            try loader("Timed pg full"), page: IncrementalShapeTests.timeClearedAfter, mode: .replace(list: list))
        let session = try await PostgresSession.connect(try PostgresURL(parsing: url), secrets: nil)
        do {
            let merged = try await Self.tables(schema: "timed_pg", session: session)
            #expect(merged == (try await Self.tables(schema: "timed_pg_full", session: session)))
            #expect(merged["contacts"]?.first?.contains("seen:timestamp with time zone=") == true, "\(merged)")

            await #expect(throws: RefreshError.self) {
                _ = try await IncrementalShapeTests.load(
                    try loader("Timed pg"), page: IncrementalShapeTests.timeToText, mode: .merge(list: list, liveIDs: nil))
            }
            #expect(try await Self.tables(schema: "timed_pg", session: session) == merged, "the refused merge changed nothing")
        } catch {
            await session.close()
            throw error
        }
        await session.close()
    }

    private func checkShape(session: PostgresSession, merged: DataSource, loader: (DataSource) throws -> PostgresTableLoader) async throws {
        let have = try await Self.tables(schema: "shape_pg", session: session)
        let want = try await Self.tables(schema: "shape_pg_full", session: session)
        #expect(have == want)
        let swept = try await IncrementalShapeTests.load(
            try loader(merged), page: #"{"contacts":[],"count":0}"#, mode: .merge(list: IncrementalShapeTests.list, liveIDs: ["1", "2", "4"]))
        #expect(swept.rowsDeleted == 1)
        let ids = try await session.textRows("SELECT id::text FROM shape_pg.shape_pg__contacts ORDER BY id", columns: 1)
        #expect(ids.map { $0.first ?? nil } == ["1", "2", "4"])
    }

    private func expectEqualsFullRead(_ fixture: RefreshFixture, source: DataSource, fullName: String, url: String) async throws {
        var copy = source
        copy.name = fullName
        copy.sync = .full
        try fixture.workspace.insertDataSource(copy)
        _ = try await fixture.engine.refresh(sourceNamed: fullName, progress: nil)
        let session = try await PostgresSession.connect(try PostgresURL(parsing: url), secrets: nil)
        let have: [String: [String]]
        let want: [String: [String]]
        do {
            have = try await Self.tables(schema: source.slug, session: session)
            want = try await Self.tables(schema: copy.slug, session: session)
        } catch {
            await session.close()
            throw error
        }
        await session.close()
        #expect(Set(have.keys) == Set(want.keys))
        for (table, rows) in want {
            #expect(have[table] == rows, "\(table): \(have[table]?.count ?? 0) rows, a full read has \(rows.count)")
        }
    }
}
