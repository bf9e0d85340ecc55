import Foundation
import InfuseCore

/// ``DesignerServices`` on the use cases of InfuseApp and InfuseCore: the workspace, the account manager, OAuth sign-in sessions,
/// previews and the refresh engine (the last two in `CoreDesignerServices+Refresh.swift`).
public actor CoreDesignerServices: DesignerServices {
    /// The workspace.
    public let workspace: Workspace
    /// The account manager.
    public let accountManager: AccountManager
    let browser: @Sendable (URL) -> Bool
    private var session: OAuthSignInSession?
    private var pendingRedirect: OAuthRedirectResult?
    private var redirectTask: Task<OAuthRedirectResult, any Error>?

    /// Creates the services; `browser` opens a URL with the user's browser (false when none).
    public init(workspace: Workspace, accounts: AccountManager, browser: @escaping @Sendable (URL) -> Bool) {
        self.workspace = workspace
        self.accountManager = accounts
        self.browser = browser
    }

    // MARK: Home

    /// See ``DesignerServices/loadHome()``.
    public func loadHome() async throws -> (sources: [SourceRow], accounts: [AccountRow]) {
        let sources = try workspace.allDataSources()
        let accounts = try accountManager.accounts()
        let now = Date()
        let sourceRows = try sources.map { source -> SourceRow in
            let account = accounts.first { $0.name == source.accountName }
            let accountText = account.map { "\($0.name) (\($0.status == .ok ? "ok" : "re-auth"))" } ?? "\(source.accountName) (missing)"
            let last = try workspace.lastRun(source: source.name)
            let lastSuccess = try workspace.lastSuccessfulRun(source: source.name)
            let due = try workspace.nextDue(for: source)
            let status: String
            var failed = false
            switch last?.status {
            case nil: status = "new"
            case .succeeded?: status = "ok"
            case .running?: status = "running"
            case .failed?, .interrupted?: status = "failed ⚠"; failed = true
            }
            var details: [String] = []
            let tables = try workspace.importedTables(of: source.name)
            if !tables.isEmpty {
                let counts = lastSuccess?.rowsPerTable ?? [:]
                details.append("Tables: " + tables.map { t in counts[t].map { "\(t) (\(NumberText.grouped($0)))" } ?? t }.joined(separator: " · ")
                               + " · view \(TableNaming.viewName(source: source.name))")
            } else {
                details.append("Schemas: " + (source.selectedSchemas.isEmpty ? "all" : source.selectedSchemas.joined(separator: ", ")) + " · not refreshed yet")
            }
            if let destination = source.destination {
                details.append("Destination: PostgreSQL \(destination) · schema \(TableNaming.slug(for: source.name))")
            }
            if let last, let ended = last.endedAt {
                let seconds = ended.timeIntervalSince(last.startedAt)
                var line = "Last run: \(NumberText.duration(seconds)), \(last.status.rawValue)"
                if !last.schemaChanges.isEmpty { line += ". Schema: " + last.schemaChanges.joined(separator: "; ") }
                details.append(line)
            }
            if failed, let error = last?.error { details.append("Last error: " + error) }
            return SourceRow(
                source: source, accountText: accountText,
                rowsText: lastSuccess.map { NumberText.grouped($0.totalRows) } ?? "—",
                lastRefreshText: lastSuccess.map { Self.dateText($0.startedAt, now: now) } ?? "never",
                statusText: status, failed: failed,
                nextDueText: due.map { $0 <= now ? "now" : Self.dateText($0, now: now) } ?? "never",
                details: details)
        }
        let accountRows = try accounts.map { account -> AccountRow in
            let users = try workspace.dataSources(usingAccount: account.name).map(\.name)
            let host = account.apiBase.host ?? account.apiBase.absoluteString
            let app = (host == "127.0.0.1" || host == "localhost") ? "sandbox" : host
            return AccountRow(account: account, appText: app, statusText: account.status.label,
                              authorizedText: account.lastAuthorizedAt.map { Self.dateText($0, now: now, withTime: false) } ?? "—",
                              usedBy: users)
        }
        return (sourceRows, accountRows)
    }

    /// `today 09:12`, `yesterday 17:40`, `3 Nov 17:40` (or without the time).
    static func dateText(_ date: Date, now: Date, withTime: Bool = true) -> String {
        let calendar = Calendar.current
        let c = calendar.dateComponents([.day, .month, .hour, .minute], from: date)
        let time = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        let day: String
        if calendar.isDate(date, inSameDayAs: now) { day = "today" }
        else if let y = calendar.date(byAdding: .day, value: -1, to: now), calendar.isDate(date, inSameDayAs: y) { day = "yesterday" }
        else if let t = calendar.date(byAdding: .day, value: 1, to: now), calendar.isDate(date, inSameDayAs: t) { day = "tomorrow" }
        else {
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            day = "\(c.day ?? 1) \(months[max(0, min(11, (c.month ?? 1) - 1))])"
        }
        return withTime ? "\(day) \(time)" : day
    }

    // MARK: Sign-in

    /// See ``DesignerServices/startSignIn(apiBase:sandbox:reauthorizing:)``.
    public func startSignIn(apiBase: URL, sandbox: Bool, reauthorizing: String?) async throws -> (url: String, port: Int?) {
        cancelSignIn()
        // Re-authorizing keeps the account's own client; the environment still wins when set.
        let own = try reauthorizing.flatMap { try accountManager.secrets.secrets(for: $0) }
        let ownClient = own.flatMap { secrets in
            secrets.clientID.flatMap { id in secrets.clientSecret.map { OAuthClientCredentials(clientID: id, clientSecret: $0) } }
        }
        let configuration = try AccountManager.oauthConfiguration(
            apiBase: apiBase, clientID: nil, clientSecret: nil, redirectURI: nil,
            stored: ownClient ?? (try accountManager.secrets.oauthClient()), sandbox: sandbox)
        let listen = configuration.redirectURI.scheme == "http"
            && (configuration.redirectURI.host == "127.0.0.1" || configuration.redirectURI.host == "localhost")
        let session = try await OAuthSignInSession.start(configuration: configuration, listen: listen)
        self.session = session
        pendingRedirect = nil
        if session.listeningPort != nil {
            redirectTask = Task { try await session.waitForRedirect(timeout: .seconds(900)) }
        }
        return (session.authorizationURL.absoluteString, session.listeningPort)
    }

    /// See ``DesignerServices/waitForRedirect()``.
    public func waitForRedirect() async throws -> Bool {
        guard let task = redirectTask else { throw OAuthError.listenerFailed("this sign-in is not listening; paste the redirect") }
        let result = try await task.value
        return accept(result)
    }

    private func accept(_ result: OAuthRedirectResult) -> Bool {
        pendingRedirect = result
        if case .denied = result { return false }
        return true
    }

    /// See ``DesignerServices/answerSandboxConsent(allow:)``.
    public func answerSandboxConsent(allow: Bool) async throws {
        guard let session else { throw OAuthError.cancelled }
        do {
            if let result = try await session.answerSandboxConsent(allow: allow) { _ = accept(result) }
        } catch {
            // Delivering the redirect to our own listener can fail after the listener already has
            // it (it stops as soon as it answers); that is success, not an error to show.
            try? await Task.sleep(for: .milliseconds(300))
            if pendingRedirect != nil { return }
            throw error
        }
    }

    /// See ``DesignerServices/submitPastedRedirect(_:)``.
    public func submitPastedRedirect(_ text: String) async throws -> Bool {
        guard let session else { throw OAuthError.cancelled }
        let result = try session.parsePasted(text)
        redirectTask?.cancel()
        return accept(result)
    }

    /// See ``DesignerServices/finishSignIn(name:apiBase:reauthorizing:)``.
    public func finishSignIn(name: String, apiBase: URL, reauthorizing: Bool) async throws -> String {
        guard let session, let result = pendingRedirect else { throw OAuthError.cancelled }
        let account = try await accountManager.finishOAuth(name: name, apiBase: apiBase, session: session, result: result,
                                                           reauthorizing: reauthorizing)
        cancelSignIn()
        return account.name
    }

    /// See ``DesignerServices/cancelSignIn()``.
    public func cancelSignIn() {
        redirectTask?.cancel()
        redirectTask = nil
        session?.cancel()
        session = nil
    }

    /// See ``DesignerServices/openBrowser(_:)``.
    public func openBrowser(_ url: String) async -> Bool {
        guard let u = URL(string: url) else { return false }
        return browser(u)
    }

    // MARK: Accounts

    /// See ``DesignerServices/addAPIKeyAccount(name:apiBase:key:)``.
    public func addAPIKeyAccount(name: String, apiBase: URL, key: String) async throws -> String {
        try await accountManager.addAPIKeyAccount(name: name, apiBase: apiBase, key: key).name
    }

    /// See ``DesignerServices/savedAppClientID()``.
    public func savedAppClientID() async throws -> String? {
        try AccountService(accounts: accountManager).savedApp()?.clientID
    }

    /// See ``DesignerServices/saveApp(clientID:clientSecret:)``.
    public func saveApp(clientID: String, clientSecret: SecretText) async throws {
        try await AccountService(accounts: accountManager).saveApp(clientID: clientID, clientSecret: clientSecret.value)
    }

    /// See ``DesignerServices/removeApp()``.
    public func removeApp() async throws {
        try await AccountService(accounts: accountManager).removeApp()
    }

    /// See ``DesignerServices/testAccount(_:)``.
    public func testAccount(_ name: String) async throws -> AccountHealth {
        try await AccountService(accounts: accountManager).test(name)
    }

    /// See ``DesignerServices/renameAccount(from:to:)``.
    public func renameAccount(from: String, to: String) async throws {
        try await accountManager.rename(from, to: to)
    }

    /// See ``DesignerServices/removeAccount(_:)``.
    public func removeAccount(_ name: String) async throws -> [String] {
        let users = try workspace.dataSources(usingAccount: name).map(\.name)
        try await accountManager.remove(name)
        return users
    }

    // MARK: Data sources

    /// See ``DesignerServices/save(_:replacing:)``: one transaction under the source's lock.
    public func save(_ source: DataSource, replacing: String?) async throws {
        try dataSources.save(source, replacing: replacing)
    }

    /// See ``DesignerServices/deleteSource(_:)``: under the source's lock.
    public func deleteSource(_ name: String) async throws {
        try dataSources.delete(name)
    }

    /// The data source use cases on this workspace.
    nonisolated var dataSources: DataSourceService { DataSourceService(workspace: workspace, accounts: accountManager) }
}
