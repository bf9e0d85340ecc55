import Foundation
import InfuseCore

/// What the designer needs from the outside world (workspace, accounts, OAuth, Keap, refresh).
/// ``CoreDesignerServices`` implements it with InfuseCore; the runtime calls it to run effects.
public protocol DesignerServices: Sendable {
    /// The saved data sources and the accounts, as the screens list them.
    func loadHome() async throws -> (sources: [SourceRow], accounts: [AccountRow])
    /// Starts an OAuth sign-in for `apiBase` (the sandbox's documented client when `sandbox`, else
    /// the account's own client when re-authorizing, the flags' or environment's, or the saved Keap
    /// app); returns the address to open and the loopback port.
    /// - Throws: `AccountError.missingClient` when no Keap app is known yet.
    func startSignIn(apiBase: URL, sandbox: Bool, reauthorizing: String?) async throws -> (url: String, port: Int?)
    /// The saved Keap developer app's Client ID, or nil (the secret never leaves the core).
    func savedAppClientID() async throws -> String?
    /// Checks and saves the Keap developer app (the secret only in `secrets.json`).
    func saveApp(clientID: String, clientSecret: SecretText) async throws
    /// Forgets the saved Keap developer app.
    func removeApp() async throws
    /// One cheap request to the account profile: ok, needs re-authorization or unreachable.
    func testAccount(_ name: String) async throws -> AccountHealth
    /// Waits for the browser's redirect; true when access was allowed, false when denied.
    func waitForRedirect() async throws -> Bool
    /// Answers the sandbox's consent page (the redirect then reaches ``waitForRedirect()``).
    func answerSandboxConsent(allow: Bool) async throws
    /// Uses a pasted redirect address or code; true when access was allowed.
    func submitPastedRedirect(_ text: String) async throws -> Bool
    /// Exchanges the code of the current sign-in and saves the account (or its new tokens).
    func finishSignIn(name: String, apiBase: URL, reauthorizing: Bool) async throws -> String
    /// Stops the current sign-in.
    func cancelSignIn() async
    /// Opens a URL in the user's browser; false when none is available.
    func openBrowser(_ url: String) async -> Bool
    /// Checks and saves an API key account.
    func addAPIKeyAccount(name: String, apiBase: URL, key: String) async throws -> String
    /// Renames an account.
    func renameAccount(from: String, to: String) async throws
    /// Removes an account; returns the data sources that used it.
    func removeAccount(_ name: String) async throws -> [String]
    /// Fetches a preview and infers its schemas.
    func preview(_ request: PreviewRequest, progress: @escaping @Sendable (FetchProgress) -> Void) async throws -> PreviewSummary
    /// Saves a data source (insert; when `replacing` is given, that saved source is updated or replaced).
    func save(_ source: DataSource, replacing: String?) async throws
    /// Refreshes a data source; returns a one-line summary.
    func refresh(_ name: String, progress: @escaping @Sendable (ProgressInfo) -> Void) async throws -> String
    /// Deletes a data source and its tables.
    func deleteSource(_ name: String) async throws
    /// The view and tables of a data source that Browse can show (view first).
    func browseTables(_ source: String) async throws -> [BrowseTable]
    /// A grid source over `table` of `source` showing `query` (counted now, rows read on demand).
    func openGrid(source: String, table: BrowseTable, query: BrowseQuery) async throws -> BrowseGrid
    /// Writes the rows `query` selects of `table` to `path` (CSV, or JSON for `.json`) with
    /// `infuse export`'s code; returns the rows written and the absolute path.
    func exportBrowse(source: String, table: BrowseTable, query: BrowseQuery, path: String) async throws -> (rows: Int, path: String)
    /// The refresh runs of `source`, newest first.
    func history(_ source: String) async throws -> [RunSummary]
}
