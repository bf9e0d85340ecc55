import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

/// The designer under tmux with a PostgreSQL destination typed into the form: a URL with a
/// password is masked and refused, the fixed URL is saved with the source, and Save refreshes the
/// sandbox's contacts into the data source's schema on the real server.
@Suite(
    "Designer under tmux: PostgreSQL destination", .serialized,
    .enabled(if: TmuxSession.available && InfuseBinary.exists, "needs tmux and a built infuse (swift build)"),
    .enabled(if: ProcessInfo.processInfo.environment["INFUSE_TEST_POSTGRES_URL"] != nil,
             "set INFUSE_TEST_POSTGRES_URL (.ci/run starts a private PostgreSQL)"))
struct DesignerPostgresEndToEndTests {
    @Test("Destination typed in the form: a password is masked and refused; Save loads the tables into PostgreSQL")
    func destinationInTheForm() async throws {
        let url = PostgresCrashEndToEndTests.url
        let components = try #require(URLComponents(string: url))
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let tmux = try DesignerEndToEndTests.startDesigner(home: home)
        defer { tmux.kill() }
        try await DesignerEndToEndTests.signIn(tmux)
        let name = "Pg designer \(UInt16.random(in: 1000...9999))"
        let slug = TableNaming.slug(for: name)
        try await DesignerEndToEndTests.fillForm(tmux, name: name, maxRows: "300", refresh: nil)
        // Max Rows → Refresh → Data Format → Destination.
        try tmux.keys("Tab", "Tab", "Tab")
        try await tmux.waitFor("empty: tables in the workspace's SQLite")
        let secret = "pw-\(UUID().uuidString.prefix(8))"
        var withPassword = components
        withPassword.password = secret
        try tmux.type(try #require(withPassword.string))
        let typed = try await tmux.waitFor(":" + String(repeating: "•", count: secret.count) + "@")
        #expect(!typed.contains(secret))
        try tmux.keys("C-s")
        let refused = try await tmux.waitFor("Destination must not contain a password")
        #expect(!refused.contains(secret))
        #expect(!refused.contains("Choose Schema(s)"))
        // Clear the field and type the URL without a password (PGPASSWORD supplies it).
        try tmux.keys("C-u")
        try tmux.type(url)
        try await tmux.waitFor(String(url.prefix(40)))
        try tmux.keys("C-s")
        let schemas = try await tmux.waitFor("Choose Schema(s)", timeout: .seconds(60))
        #expect(schemas.contains("300 rows"))
        try await DesignerEndToEndTests.chooseAndSave(tmux, name: name)
        let home1 = try await tmux.waitUntil("the destination in the details") { $0.contains("Destination: PostgreSQL") }
        #expect(home1.contains("schema \(slug)"))

        // Saved with the URL as typed (no password anywhere in the workspace), loaded into PostgreSQL.
        let workspace = try Workspace.open(WorkspacePaths(directory: home.url))
        let saved = try #require(try workspace.dataSource(named: name))
        #expect(saved.destination == url)
        let database = try Data(contentsOf: home.path("infuse.sqlite"))
        #expect(database.range(of: Data(secret.utf8)) == nil)
        let table = "\(slug).\(TableNaming.tableName(source: name, schemaPath: "contacts"))"
        #expect(try PostgresCrashEndToEndTests.psql("SELECT count(*), count(DISTINCT id) FROM \(table)") == "300|300")
        #expect(try PostgresCrashEndToEndTests.psql("SELECT count(*) FROM \(slug).\(TableNaming.viewName(source: name))") == "300")
        try tmux.keys("q")
        try await tmux.waitFor("EXITED=0")
        _ = try PostgresCrashEndToEndTests.psql("DROP SCHEMA IF EXISTS \(slug) CASCADE")
    }
}
