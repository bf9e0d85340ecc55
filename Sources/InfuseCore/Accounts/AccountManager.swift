import AsyncHTTPClient
import Foundation

/// Connected accounts: adding them (OAuth or API key), listing, renaming, removing and
/// re-authorizing, and the credentials their requests use.
///
/// The account row (no secrets) lives in the workspace database; tokens, client secrets and API
/// keys live only in `secrets.json`.
public final class AccountManager: Sendable {
    public let workspace: Workspace
    public let secrets: SecretsStore
    private let httpClient: HTTPClient

    public init(workspace: Workspace, secrets: SecretsStore, httpClient: HTTPClient = InfuseHTTPClient.shared) {
        self.workspace = workspace
        self.secrets = secrets
        self.httpClient = httpClient
    }

    /// All accounts, by name.
    public func accounts() throws -> [Account] { try workspace.allAccounts() }

    /// Checks a proposed account name: non-empty, at most 64 characters, no control or invisible
    /// characters, not already used (unless it is `replacing`).
    public func validateName(_ name: String, replacing: String? = nil) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw AccountError.invalidName("Account name is required") }
        guard trimmed.count <= 64 else { throw AccountError.invalidName("Account name must be at most 64 characters") }
        guard !TextSafety.containsUnsafeCharacters(trimmed) else {
            throw AccountError.invalidName("Account name contains control or invisible characters")
        }
        if trimmed != replacing, try workspace.account(named: trimmed) != nil {
            throw AccountError.invalidName("Account name \(trimmed) is already used by another account")
        }
        return trimmed
    }

    /// Checks an API base URL: https (http only on a loopback address, for the sandbox), a host,
    /// no user info, query or fragment.
    public static func validateAPIBase(_ text: String) throws -> URL {
        guard let url = URL(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else { throw AccountError.invalidAPIBase("API base \(text) is not a valid URL (example: https://api.infusionsoft.com/crm/rest)") }
        guard url.user == nil, url.password == nil, url.query == nil, url.fragment == nil else {
            throw AccountError.invalidAPIBase("API base must not contain a user, query or fragment")
        }
        if HostPolicy.hasDotSegments(URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path) {
            throw AccountError.invalidAPIBase("API base must not contain '.' or '..' path segments or encoded slashes")
        }
        let loopback = host == "127.0.0.1" || host == "localhost" || host == "::1"
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw AccountError.invalidAPIBase("API base must use https:// (http:// only for a local sandbox on 127.0.0.1)")
        }
        var normalized = url.absoluteString
        while normalized.hasSuffix("/") { normalized.removeLast() }
        return URL(string: normalized)!
    }

    /// Adds an API key account (Personal Access Token or Service Account Key). The key is checked
    /// with one request before anything is saved.
    @discardableResult
    public func addAPIKeyAccount(name: String, apiBase: URL, key: String) async throws -> Account {
        let name = try validateName(name)
        let key = key.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty, !TextSafety.containsUnsafeCharacters(key) else {
            throw AccountError.invalidName("API key is empty or contains invisible characters")
        }
        try await verify(apiBase: apiBase, credentials: APIKeyCredential(key: key))
        let account = Account(name: name, apiBase: apiBase, authKind: .apiKey, lastAuthorizedAt: Date())
        try await secrets.update(account: name) { entry in entry = AccountSecrets(apiKey: key) }
        do {
            try workspace.insertAccount(account)
        } catch {
            _ = try? await secrets.update(account: name) { entry in entry = nil }
            throw error
        }
        return account
    }

    /// The OAuth endpoints and client for an API base. The client is, first found: the flags
    /// (`clientID`, `clientSecret`), `INFUSE_CLIENT_ID` / `INFUSE_CLIENT_SECRET`, the Keap app
    /// saved in `secrets.json` (`stored`), and for the sandbox (`sandbox`; by default a loopback
    /// base) its documented client.
    /// - Throws: `AccountError.missingClient` when none is found.
    public static func oauthConfiguration(
        apiBase: URL, clientID: String?, clientSecret: String?, redirectURI: URL?,
        stored: OAuthClientCredentials? = nil, sandbox: Bool? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> OAuthConfiguration {
        let endpoints = OAuthConfiguration.endpoints(forAPIBase: apiBase)
        let sandbox = sandbox ?? (apiBase.host == "127.0.0.1" || apiBase.host == "localhost")
        func given(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        let id = given(clientID) ?? given(environment["INFUSE_CLIENT_ID"]) ?? given(stored?.clientID)
            ?? (sandbox ? SandboxClient.clientID : nil)
        let secret = given(clientSecret) ?? given(environment["INFUSE_CLIENT_SECRET"]) ?? given(stored?.clientSecret)
            ?? (sandbox ? SandboxClient.clientSecret : nil)
        guard let id, let secret else {
            throw AccountError.missingClient
        }
        let redirect = redirectURI ?? environment["INFUSE_REDIRECT_URI"].flatMap(URL.init(string:))
            ?? URL(string: "http://127.0.0.1:0/callback")!
        return OAuthConfiguration(
            authorizeURL: endpoints.authorize, tokenURL: endpoints.token, clientID: id, clientSecret: secret,
            redirectURI: redirect)
    }

    /// Exchanges the redirect of `session` and saves the account (new) or its new tokens
    /// (re-authorization of `existing`). A denial throws `OAuthError.permissionDenied` and
    /// changes nothing.
    @discardableResult
    public func finishOAuth(
        name: String, apiBase: URL, session: OAuthSignInSession, result: OAuthRedirectResult, reauthorizing: Bool = false
    ) async throws -> Account {
        let name = reauthorizing ? name : try validateName(name)
        let tokens = try await session.complete(with: result, httpClient: httpClient)
        let now = Date()
        let configuration = session.configuration
        try await secrets.update(account: name) { entry in
            entry = AccountSecrets(
                accessToken: tokens.accessToken, refreshToken: tokens.refreshToken,
                expiresAt: now.addingTimeInterval(TimeInterval(tokens.expiresIn)), issuedAt: now,
                clientID: configuration.clientID, clientSecret: configuration.clientSecret,
                tokenURL: configuration.tokenURL.absoluteString, authorizeURL: configuration.authorizeURL.absoluteString,
                redirectURI: configuration.redirectURI.absoluteString)
        }
        if reauthorizing, var account = try workspace.account(named: name) {
            account.status = .ok
            account.lastAuthorizedAt = now
            try workspace.updateAccount(account)
            return account
        }
        let account = Account(name: name, apiBase: apiBase, authKind: .oauth, lastAuthorizedAt: now)
        do {
            try workspace.insertAccount(account)
        } catch {
            _ = try? await secrets.update(account: name) { entry in entry = nil }
            throw error
        }
        return account
    }

    /// Renames an account (its data sources follow).
    public func rename(_ name: String, to newName: String) async throws {
        guard try workspace.account(named: name) != nil else { throw AccountError.notFound(name) }
        let newName = try validateName(newName, replacing: name)
        try workspace.renameAccount(name, to: newName)
        try await secrets.rename(account: name, to: newName)
    }

    /// Removes an account and its secrets. An account that data sources still use is refused
    /// with a message naming them (`WorkspaceError.accountInUse`), and nothing changes.
    public func remove(_ name: String) async throws {
        guard try workspace.account(named: name) != nil else { throw AccountError.notFound(name) }
        try workspace.deleteAccount(name)
        try await secrets.update(account: name) { entry in entry = nil }
    }

    /// The credentials requests of `account` use. OAuth ones refresh by themselves and mark the
    /// account "needs re-authorization" when Keap refuses the refresh token.
    public func credentials(for account: Account) throws -> any CredentialProvider {
        switch account.authKind {
        case .apiKey:
            guard let key = try secrets.secrets(for: account.name)?.apiKey else {
                throw CredentialError.missingSecrets(account: account.name)
            }
            return APIKeyCredential(key: key)
        case .oauth:
            let workspace = self.workspace
            return OAuthCredentialProvider(accountName: account.name, secrets: secrets, httpClient: httpClient,
                                           onReauthorizationNeeded: { name in
                try? workspace.markAccount(name, status: .needsReauthorization)
            })
        }
    }

    /// One authenticated request to the account profile, to check credentials before saving.
    private func verify(apiBase: URL, credentials: any CredentialProvider) async throws {
        let client = KeapClient(apiBase: apiBase, credentials: credentials, httpClient: httpClient)
        let url = apiBase.appendingPathComponent("v1/account/profile")
        let (status, _) = try await client.get(url)
        guard (200..<300).contains(status) else { throw AccountError.verificationFailed(status: status) }
    }
}

/// The sandbox's documented OAuth client (kept here so the core does not import the sandbox).
public enum SandboxClient {
    public static let clientID = "infuse-sandbox"
    public static let clientSecret = "sandbox-secret"
}

/// Errors about accounts.
public enum AccountError: UserFacingError, Equatable {
    case invalidName(String)
    case invalidAPIBase(String)
    case notFound(String)
    case missingClient
    case invalidClient(String)
    case verificationFailed(status: Int)

    public var userMessage: String {
        switch self {
        case .invalidName(let message), .invalidAPIBase(let message), .invalidClient(let message): message
        case .notFound(let name): "no connected account is named \(name) (see `infuse accounts list`)"
        case .missingClient:
            "an OAuth client is needed: save your Keap developer app with `infuse accounts app set` (or in the designer's sign-in), pass --client-id and --client-secret -, or set INFUSE_CLIENT_ID and INFUSE_CLIENT_SECRET"
        case .verificationFailed(let status): "Keap did not accept the credentials (HTTP \(status)); nothing was saved"
        }
    }
}
