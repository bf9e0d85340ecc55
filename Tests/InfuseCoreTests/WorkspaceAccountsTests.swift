import Foundation
import Testing
@testable import InfuseCore

@Suite("Workspace accounts")
struct WorkspaceAccountsTests {
    @Test func insertReadUpdateDelete() throws {
        let temp = try WorkspaceTempDirectory()
        let workspace = try Workspace.open(temp.paths)
        let demo = WorkspaceFixtures.account("Demo")
        var sales = WorkspaceFixtures.account("Sales")
        sales.authKind = .apiKey
        sales.lastAuthorizedAt = nil
        try workspace.insertAccount(sales)
        try workspace.insertAccount(demo)
        #expect(try workspace.allAccounts() == [demo, sales])
        #expect(try workspace.account(named: "Sales") == sales)
        #expect(try workspace.account(named: "Nobody") == nil)

        sales.apiBase = URL(string: "https://api.infusionsoft.com/crm/rest")!
        try workspace.updateAccount(sales)
        #expect(try workspace.account(named: "Sales")?.apiBase == sales.apiBase)

        try workspace.markAccount("Sales", status: .needsReauthorization)
        #expect(try workspace.account(named: "Sales")?.status == .needsReauthorization)

        try workspace.deleteAccount("Sales")
        #expect(try workspace.allAccounts() == [demo])
    }

    @Test func missingAccountsAreReported() throws {
        let temp = try WorkspaceTempDirectory()
        let workspace = try Workspace.open(temp.paths)
        let ghost = WorkspaceFixtures.account("Ghost")
        #expect(throws: WorkspaceError.accountNotFound(name: "Ghost")) { try workspace.updateAccount(ghost) }
        #expect(throws: WorkspaceError.accountNotFound(name: "Ghost")) { try workspace.deleteAccount("Ghost") }
        #expect(throws: WorkspaceError.accountNotFound(name: "Ghost")) { try workspace.renameAccount("Ghost", to: "X") }
        #expect(throws: WorkspaceError.accountNotFound(name: "Ghost")) { try workspace.markAccount("Ghost", status: .ok) }
    }

    @Test func namesAreUnique() throws {
        let temp = try WorkspaceTempDirectory()
        let workspace = try Workspace.open(temp.paths)
        try workspace.insertAccount(WorkspaceFixtures.account("Demo"))
        try workspace.insertAccount(WorkspaceFixtures.account("Sales"))
        let error = #expect(throws: WorkspaceError.accountExists(name: "Demo")) {
            try workspace.insertAccount(WorkspaceFixtures.account("Demo"))
        }
        #expect(error?.userMessage == "an account named \"Demo\" already exists: choose another name")
        #expect(throws: WorkspaceError.accountExists(name: "Sales")) { try workspace.renameAccount("Demo", to: "Sales") }
    }

    @Test func renameCarriesDataSourcesAlong() throws {
        let temp = try WorkspaceTempDirectory()
        let workspace = try Workspace.open(temp.paths)
        try workspace.insertAccount(WorkspaceFixtures.account("Demo"))
        try workspace.insertDataSource(WorkspaceFixtures.source("Contacts report", account: "Demo"))
        try workspace.insertDataSource(WorkspaceFixtures.source("Tags", account: "Demo"))

        try workspace.renameAccount("Demo", to: "Production")

        #expect(try workspace.account(named: "Demo") == nil)
        #expect(try workspace.account(named: "Production")?.createdAt == WorkspaceFixtures.epoch)
        #expect(try workspace.dataSources(usingAccount: "Production").map(\.name) == ["Contacts report", "Tags"])
        #expect(try workspace.dataSources(usingAccount: "Demo").isEmpty)
        #expect(try workspace.dataSource(named: "Tags")?.accountName == "Production")
    }

    @Test func anAccountInUseCannotBeDeleted() throws {
        let temp = try WorkspaceTempDirectory()
        let workspace = try Workspace.open(temp.paths)
        try workspace.insertAccount(WorkspaceFixtures.account("Demo"))
        try workspace.insertDataSource(WorkspaceFixtures.source("Contacts report"))
        let error = #expect(throws: WorkspaceError.accountInUse(name: "Demo", sources: ["Contacts report"])) {
            try workspace.deleteAccount("Demo")
        }
        #expect(error?.userMessage.contains("Contacts report") == true)
        try workspace.deleteDataSource(named: "Contacts report")
        try workspace.deleteAccount("Demo")
        #expect(try workspace.allAccounts().isEmpty)
    }
}
