import Foundation
import GRDB
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// A workspace with an account on a running sandbox, and a refresh engine over it.
struct RefreshFixture {
    let directory: WorkspaceTempDirectory
    let workspace: Workspace
    let accounts: AccountManager
    let engine: RefreshEngine
    let account: Account

    /// Opens a fresh workspace and adds `name` as an API key account (or OAuth with `oauth`).
    static func make(apiBase: URL, root: URL, oauth: Bool = false, name: String = "Demo") async throws -> RefreshFixture {
        let directory = try WorkspaceTempDirectory()
        let workspace = try Workspace.open(directory.paths)
        let accounts = AccountManager(workspace: workspace, secrets: SecretsStore(fileURL: directory.paths.secretsURL))
        let account: Account
        if oauth {
            let session = try await OAuthSignInSession.start(configuration: OAuthFlowTests.configuration(root: root), listen: false)
            let result = try #require(try await session.answerSandboxConsent(allow: true))
            account = try await accounts.finishOAuth(name: name, apiBase: apiBase, session: session, result: result)
        } else {
            account = try await accounts.addAPIKeyAccount(name: name, apiBase: apiBase, key: SandboxCredentials.apiKey)
        }
        return RefreshFixture(directory: directory, workspace: workspace, accounts: accounts,
                              engine: RefreshEngine(workspace: workspace, accounts: accounts), account: account)
    }

    /// A contacts source with custom fields, every schema but root, and a LEFT JOIN of
    /// contacts to their email addresses.
    func contactsSource(_ name: String = "Contacts report", maxRows: Int = 2500, interval: RefreshInterval = .never) -> DataSource {
        DataSource(
            name: name, accountName: account.name,
            target: .endpoint(id: "contacts", query: ["optional_properties": "custom_fields"]), maxRows: maxRows,
            refreshInterval: interval,
            selectedSchemas: ["contacts", "contacts.email_addresses", "contacts.phone_numbers", "contacts.addresses",
                              "contacts.tag_ids", "contacts.custom_fields"],
            design: DataSourceDesign(joins: [
                JoinDesign(parentTable: "contacts", parentColumn: "id", childTable: "contacts.email_addresses", childColumn: "contact_id"),
            ]))
    }

    func count(_ table: String) throws -> Int {
        try workspace.dbPool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)") ?? -1 }
    }

    /// Every row of `table` ordered by all columns, as text.
    func rows(_ table: String) throws -> [[String]] {
        try workspace.dbPool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)").map { row in
                row.databaseValues.map { $0.description }
            }.sorted { $0.lexicographicallyPrecedes($1) }
        }
    }

    /// Column names and declared types of `table`.
    func columns(_ table: String) throws -> [String] {
        try workspace.dbPool.read { db in
            try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))").map { row in
                "\(row["name"] as String):\(row["type"] as String)"
            }
        }
    }
}

/// The sandbox's contacts as parsed independently with `JSONSerialization`.
struct RawContacts {
    var pages: [FetchedPage] = []
    var records: [[String: Any]] = []

    static func fetch(apiBase: URL, maxRows: Int) async throws -> RawContacts {
        let client = KeapClientTesting.client(apiBase)
        let target = KeapClientTesting.contacts(["optional_properties": "custom_fields"])
        var raw = RawContacts()
        for try await page in client.pages(target, maxRows: maxRows) {
            raw.pages.append(page)
            for range in page.records {
                raw.records.append(try #require(try JSONSerialization.jsonObject(with: Data(page.body[range])) as? [String: Any]))
            }
        }
        return raw
    }

    /// Elements of the array `key` over all records.
    func childCount(_ key: String) -> Int {
        records.reduce(0) { $0 + (($1[key] as? [Any])?.count ?? 0) }
    }
}
