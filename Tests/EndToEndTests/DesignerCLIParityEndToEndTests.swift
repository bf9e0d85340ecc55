import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

/// The designer and the CLI reach the data source use cases through one application layer, so
/// the same choices store the same definition, joins included.
@Suite("Designer and CLI store the same definition", .serialized,
       .enabled(if: TmuxSession.available && InfuseBinary.exists, "needs tmux and a built infuse (swift build)"))
struct DesignerCLIParityEndToEndTests {
    @Test("contacts + email_addresses, Max Rows 300, every hour: designer (tmux) and `sources create` save equal definitions")
    func sameChoicesSameDefinition() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let tmux = try DesignerEndToEndTests.startDesigner(home: home)
        defer { tmux.kill() }
        try await DesignerEndToEndTests.signIn(tmux)
        try await DesignerEndToEndTests.fillForm(tmux, name: "Designer contacts", maxRows: "300")
        try await DesignerEndToEndTests.previewChooseAndSave(tmux, name: "Designer contacts", emails: true)

        // The same choices through the CLI, against the designer's sandbox while it still runs.
        let workspace = try Workspace.open(WorkspacePaths(directory: home.url))
        let account = try #require(try workspace.allAccounts().first)
        let created = try await runInfuse(
            ["sources", "create", "CLI contacts", "--account", account.name, "--endpoint", "contacts", "--max-rows", "300",
             "--refresh", "1h", "--schemas", "contacts,contacts.email_addresses"], home: home.url)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("joins contacts.id = contacts.email_addresses.contact_id"))
        try tmux.keys("q")
        try await tmux.waitFor("EXITED=0")

        let designer = try #require(try workspace.dataSource(named: "Designer contacts"))
        let cli = try #require(try workspace.dataSource(named: "CLI contacts"))
        #expect(cli.design == designer.design)
        #expect(!cli.design.joins.isEmpty)
        #expect(cli.selectedSchemas == designer.selectedSchemas)
        #expect(cli.target == designer.target)
        #expect(cli.maxRows == designer.maxRows && cli.refreshInterval == designer.refreshInterval)
        #expect(cli.accountName == designer.accountName && cli.destination == designer.destination)
        #expect(cli.customFieldsPivot == designer.customFieldsPivot && cli.method == designer.method)
        #expect(cli.description == designer.description && cli.dataFormat == designer.dataFormat)
    }
}
