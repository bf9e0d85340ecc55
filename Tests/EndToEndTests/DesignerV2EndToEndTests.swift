import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

/// Keap REST v2 from the designer and into PostgreSQL: the API Endpoints drop-down offers
/// `v2.contacts` first for `List Contacts`, a v2 source saves and refreshes through cursor paging,
/// and its table holds the sandbox's own contacts (from `/_sandbox/export`), compared by content.
@Suite("Designer and refresh on REST v2", .serialized, .enabled(if: InfuseBinary.exists, "run `swift build` first"))
struct DesignerV2EndToEndTests {
    /// `id|hex(given_name)|hex(family_name)` per contact, in id order: the expected rows, built
    /// from the sandbox's exported records (not Infuse's reader or flattener).
    static func expectedRows(_ exported: [[String: Any]]) -> [String] {
        exported.map { record in
            let hex = { (key: String) in (record[key] as? String).map { Data($0.utf8).map { String(format: "%02X", $0) }.joined() } ?? "" }
            return "\(CLIV2EndToEndTests.id(record))|\(hex("given_name"))|\(hex("family_name"))"
        }
    }

    /// The stored rows (one per line) against the expected ones: the counts, then the first row that differs.
    static func expectSameRows(_ stored: String, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let rows = stored.split(separator: "\n").map(String.init)
        #expect(rows.count == expected.count, sourceLocation: sourceLocation)
        if let first = zip(rows, expected).first(where: { $0 != $1 }) {
            Issue.record("first differing row: stored \(first.0), expected \(first.1)", sourceLocation: sourceLocation)
        }
    }

    @Test("the designer: `List Contacts` lands on v2.contacts; Max Rows 1001 saves and refreshes the sandbox's first 1,001 contacts",
          .enabled(if: TmuxSession.available, "needs tmux"))
    func designerV2Source() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let tmux = try DesignerEndToEndTests.startDesigner(home: home)
        defer { tmux.kill() }
        try await DesignerEndToEndTests.signIn(tmux)
        try tmux.type("V2 contacts")
        try tmux.keys("Tab", "Tab", "Enter")
        try await tmux.waitFor("Filter:")
        try tmux.type("List Contacts")
        let listed = try await tmux.waitFor("v2.contacts — List Contacts")
        #expect(listed.contains("v1 (v2 default)"))
        try tmux.keys("Enter")
        try await tmux.waitFor("/crm/rest/v2/contacts")
        try tmux.keys("Tab", "Tab", "Tab")
        try tmux.type("1001")
        try await DesignerEndToEndTests.previewChooseAndSave(tmux, name: "V2 contacts")

        let workspace = try Workspace.open(WorkspacePaths(directory: home.url))
        let saved = try #require(try workspace.dataSource(named: "V2 contacts"))
        #expect(saved.target == .endpoint(id: "v2.contacts", pathParameters: [:], query: [:]))
        let run = try #require(try workspace.lastRun(source: "V2 contacts"))
        #expect(run.status == .succeeded)
        // 1,001 rows of a 1,000-row page size: two list requests at least (the custom field model may add one).
        #expect((run.details.apiRequests ?? 0) >= 2)
        let root = try String(contentsOf: home.path("sandbox.url"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let expected = Self.expectedRows(Array(try await CLIV2EndToEndTests.exported(root: root).prefix(1001)))
        let table = TableNaming.tableName(source: "V2 contacts", schemaPath: "contacts")
        let stored = try sqlite(
            home.path("infuse.sqlite"),
            "SELECT id || '|' || hex(coalesce(given_name, '')) || '|' || hex(coalesce(family_name, '')) FROM \(table) ORDER BY CAST(id AS INTEGER)")
        Self.expectSameRows(stored, expected)
        try tmux.keys("q")
        try await tmux.waitFor("EXITED=0")
    }

    @Test("a v2 source with a PostgreSQL destination refreshes the sandbox's contacts into PostgreSQL",
          .enabled(if: ProcessInfo.processInfo.environment["INFUSE_TEST_POSTGRES_URL"] != nil,
                   "set INFUSE_TEST_POSTGRES_URL (.ci/run starts a private PostgreSQL)"))
    func postgresV2Source() async throws {
        try await CLIV2EndToEndTests.withAccount(["--records", "1300"]) { home, sandbox in
            let name = "V2 pg \(UInt16.random(in: 1000...9999))"
            let slug = TableNaming.slug(for: name)
            defer { _ = try? PostgresCrashEndToEndTests.psql("DROP SCHEMA IF EXISTS \(slug) CASCADE") }
            let create = try await runInfuse(
                ["sources", "create", name, "--account", "Ops", "--endpoint", "v2.contacts", "--schemas", "contacts",
                 "--destination", PostgresCrashEndToEndTests.url], home: home.url)
            #expect(create.status == 0, "\(create.stderr)")
            let refresh = try await runInfuse(["refresh", name], home: home.url)
            #expect(refresh.status == 0, "\(refresh.stderr)")
            let expected = Self.expectedRows(try await CLIV2EndToEndTests.exported(sandbox))
            #expect(expected.count == 1300)
            let table = "\(slug).\(TableNaming.tableName(source: name, schemaPath: "contacts"))"
            let stored = try PostgresCrashEndToEndTests.psql("""
                SELECT id || '|' || upper(encode(convert_to(coalesce(given_name, ''), 'UTF8'), 'hex')) || '|' ||
                       upper(encode(convert_to(coalesce(family_name, ''), 'UTF8'), 'hex'))
                FROM \(table) ORDER BY id::bigint
                """)
            Self.expectSameRows(stored, expected)
        }
    }
}
