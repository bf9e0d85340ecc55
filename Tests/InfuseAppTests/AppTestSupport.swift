import Foundation
import InfuseApp
import InfuseCore
import InfuseSandbox
import InfuseTestSupport

/// A fresh workspace with an API key account on a running sandbox, opened as the front ends open it.
struct AppFixture {
    let directory: TemporaryDirectory
    let context: InfuseContext
    let account: Account

    static func make(apiBase: URL, name: String = "Demo") async throws -> AppFixture {
        let directory = try TemporaryDirectory()
        let context = try InfuseContext.open(paths: WorkspacePaths(directory: directory.url))
        let account = try await context.accounts.addAPIKeyAccount(name: name, apiBase: apiBase, key: SandboxCredentials.apiKey)
        return AppFixture(directory: directory, context: context, account: account)
    }

    /// A contacts source as a user would fill in the form, before any schema is chosen.
    func contacts(_ name: String, maxRows: Int, schemas: [String] = []) -> DataSource {
        DataSource(name: name, accountName: account.name, target: .endpoint(id: "contacts"), maxRows: maxRows,
                   refreshInterval: .hour1, selectedSchemas: schemas)
    }
}
