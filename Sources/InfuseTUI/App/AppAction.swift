import Foundation
import InfuseApp
import InfuseCore

/// Everything that can change the designer's state: keys, the clock, and the results the
/// runtime sends back after running an ``AppEffect``.
public enum AppAction: Sendable {
    /// A key from the terminal (including `.resize`).
    case key(Key)
    /// A loop turn without a key (advances the spinner).
    case tick
    /// Saved data sources and accounts, read from the workspace.
    case homeLoaded(sources: [SourceRow], accounts: [AccountRow])
    /// A sign-in started: the address to open, the loopback port, whether it is the sandbox.
    case signInStarted(url: String, port: Int?)
    /// No Keap developer app is known: the sign-in asks for its Client ID and Client Secret.
    case keapAppNeeded
    /// The saved Keap app's Client ID (nil: none saved), read with the home screen's data.
    case keapAppLoaded(clientID: String?)
    /// The Keap app was saved (`removed`: forgotten).
    case keapAppSaved(removed: Bool)
    /// An account health check finished.
    case accountTested(AccountHealth)
    /// The browser was (or could not be) started.
    case browserOpened(Bool)
    /// The redirect came back: approved (ask for the name) or denied.
    case signInRedirect(approved: Bool)
    /// An account was authorized (OAuth) or added (API key).
    case accountConnected(name: String, reauthorized: Bool)
    /// Accounts changed (renamed, removed); the message goes to the status line.
    case accountsChanged(message: String)
    /// Preview progress.
    case previewProgress(FetchProgress)
    /// The preview finished.
    case previewFinished(PreviewSummary)
    /// The data source was saved; its first refresh follows.
    case sourceSaved(name: String)
    /// Refresh progress.
    case refreshProgress(ProgressInfo)
    /// A refresh finished; the summary goes to the status line.
    case refreshFinished(name: String, summary: String)
    /// A data source was deleted.
    case sourceDeleted(name: String)
    /// Browse's tables were read and the first one opened.
    case browseOpened(source: String, tables: [BrowseTable], grid: BrowseGrid)
    /// A grid source (another table, sort or filter) opened.
    case gridOpened(BrowseGrid)
    /// The row to copy was read (`column` nil: the whole row; `columnName` the focused column's name).
    case copyRead(cells: [String], row: Int, column: Int?, columnName: String)
    /// Browse's export was written.
    case browseExported(rows: Int, path: String)
    /// The refresh runs of a source were read.
    case historyLoaded(source: String, runs: [RunSummary])
    /// Something failed: shown in an error dialog (what happened and what to do).
    case failed(ErrorReport)
}


/// Work the reducer asks the runtime to do; each ends by sending result actions back.
public enum AppEffect: Equatable, Sendable {
    /// Read the data sources and accounts.
    case loadHome
    /// Start an OAuth sign-in (new account, or re-authorize `reauthorizing`); `sandbox` uses the
    /// sandbox's documented client.
    case startSignIn(apiBase: URL, sandbox: Bool, reauthorizing: String?)
    /// Save the Keap developer app's Client ID and Client Secret (`secret` never shown).
    case saveKeapApp(clientID: String, secret: SecretText)
    /// Forget the saved Keap developer app.
    case removeKeapApp
    /// Check an account with one request.
    case testAccount(String)
    /// Open the authorize address in the user's browser.
    case openBrowser(String)
    /// Answer the sandbox consent page from the terminal.
    case answerSandboxConsent(allow: Bool)
    /// Use the pasted redirect address or code.
    case submitPastedRedirect(String)
    /// Exchange the code and save the account under `name`.
    case finishSignIn(name: String, apiBase: URL, reauthorizing: Bool)
    /// Stop listening for the redirect.
    case cancelSignIn
    /// Check and add an API key account.
    case addAPIKeyAccount(name: String, apiBase: URL, key: SecretText)
    /// Rename an account.
    case renameAccount(from: String, to: String)
    /// Remove an account.
    case removeAccount(String)
    /// Fetch a preview and infer the schemas.
    case preview(PreviewRequest)
    /// Save the data source (insert, or update replacing `replacing`), then refresh it.
    case saveSource(DataSource, replacing: String?)
    /// Refresh the data source now.
    case refresh(String)
    /// Delete the data source and its tables.
    case deleteSource(String)
    /// Read a source's tables and open Browse on the first (the view).
    case openBrowse(String)
    /// Open a grid source over `table` of `source` showing `query`.
    case openGrid(source: String, table: BrowseTable, query: BrowseQuery)
    /// Export the rows `query` selects of `table` to `path`.
    case exportBrowse(source: String, table: BrowseTable, query: BrowseQuery, path: String)
    /// Read row `row` of `grid` for copying (`column` nil: the whole row, tab-separated).
    case readForCopy(BrowseGrid, row: Int, column: Int?)
    /// Read the refresh runs of a source.
    case loadHistory(String)
    /// Put `text` on the clipboard through the terminal (OSC 52); the loop does it, not the runtime.
    case copyToClipboard(String)
    /// Leave the program.
    case quit
}

