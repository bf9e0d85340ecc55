import Foundation
import InfuseCore

/// What one cheap authenticated request (the account profile) says about an account.
public struct AccountHealth: Sendable, Equatable {
    /// The verdict.
    public enum Status: Sendable, Equatable {
        /// Keap answered with the profile.
        case ok
        /// Keap refused the credentials: sign in again (OAuth) or use a new key.
        case needsReauthorization(String)
        /// The API could not be reached (connection refused, DNS, TLS, timeout).
        case unreachable(String)
        /// Keap answered with another error.
        case failed(String)

        /// `ok`, `needs re-authorization`, `unreachable` or `failed`.
        public var word: String {
            switch self {
            case .ok: "ok"
            case .needsReauthorization: "needs re-authorization"
            case .unreachable: "unreachable"
            case .failed: "failed"
            }
        }

        /// The reason, for everything but ``ok``.
        public var detail: String? {
            switch self {
            case .ok: nil
            case .needsReauthorization(let text), .unreachable(let text), .failed(let text): text
            }
        }
    }

    /// The account tested.
    public var account: String
    /// The verdict.
    public var status: Status
    /// The rate windows Keap reported in its `x-keap-*` headers (limit and what is left).
    public var quota: [ThrottleWindow]

    /// Creates a result.
    public init(account: String, status: Status, quota: [ThrottleWindow]) {
        self.account = account
        self.status = status
        self.quota = quota
    }

    /// One line: `Demo: ok · quota 1499/1500 a minute, 149999/150000 a day`.
    public var summary: String {
        var line = "\(account): \(status.word)"
        if let detail = status.detail { line += " (\(detail))" }
        if !quota.isEmpty {
            line += " · quota " + quota.map { "\($0.available)/\($0.limit) \(Self.per($0.seconds))" }.joined(separator: ", ")
        }
        return line
    }

    static func per(_ seconds: Double) -> String {
        switch seconds {
        case 1: "a second"
        case 60: "a minute"
        case 3_600: "an hour"
        case 86_400: "a day"
        default: "per \(Int(seconds)) s"
        }
    }
}

/// Account use cases shared by `infuse accounts` and the designer's Connected Accounts.
public struct AccountService: Sendable {
    /// The accounts.
    public let accounts: AccountManager

    /// Creates the service.
    public init(accounts: AccountManager) { self.accounts = accounts }

    /// Makes one request to the account profile and says what it shows. An OAuth account whose
    /// token Keap refuses is marked "needs re-authorization" (as a refresh would mark it).
    public func test(_ name: String) async throws -> AccountHealth {
        guard let account = try accounts.workspace.account(named: name) else { throw AccountError.notFound(name) }
        let status: AccountHealth.Status
        let throttle = Throttle()
        do {
            let credentials = try accounts.credentials(for: account)
            var configuration = KeapClient.Configuration()
            configuration.maxRetries = 1
            configuration.requestTimeout = 15
            let client = KeapClient(apiBase: account.apiBase, credentials: credentials, configuration: configuration,
                                    throttle: throttle)
            _ = try await client.get(account.apiBase.appendingPathComponent("v1/account/profile"))
            status = .ok
        } catch let error as KeapAPIError {
            switch error {
            case .unauthorized, .forbidden: status = .needsReauthorization(error.userMessage)
            case .network, .timeout, .unreachable: status = .unreachable(error.userMessage)
            default: status = .failed(error.userMessage)
            }
        } catch let error as CredentialError {
            status = .needsReauthorization(error.userMessage)
        }
        return AccountHealth(account: name, status: status, quota: await throttle.windows)
    }

    /// The saved Keap developer app, if any.
    public func savedApp() throws -> OAuthClientCredentials? { try accounts.secrets.oauthClient() }

    /// Checks and saves the Keap developer app that later sign-ins use.
    /// - Throws: `AccountError.invalidClient` naming the field; nothing is saved then.
    public func saveApp(clientID: String, clientSecret: String) async throws {
        try await accounts.secrets.setOAuthClient(.validated(clientID: clientID, clientSecret: clientSecret))
    }

    /// Forgets the saved Keap developer app (accounts already signed in keep theirs).
    public func removeApp() async throws {
        try await accounts.secrets.setOAuthClient(nil)
    }
}

/// `infuse accounts test --json`: `{"account","status","detail","quota":[{"limit","available","seconds"}]}`.
public struct AccountHealthReport: Encodable, Sendable {
    /// One rate window.
    public struct Window: Encodable, Sendable {
        /// Requests allowed per window.
        public let limit: Int
        /// Requests still available.
        public let available: Int
        /// The window's length in seconds.
        public let seconds: Double
    }

    /// The account.
    public let account: String
    /// `ok`, `needs re-authorization`, `unreachable` or `failed`.
    public let status: String
    /// Why, when not ok.
    public let detail: String?
    /// The windows Keap reported.
    public let quota: [Window]

    /// The report of `health`.
    public init(_ health: AccountHealth) {
        account = health.account
        status = health.status.word
        detail = health.status.detail
        quota = health.quota.map { Window(limit: $0.limit, available: $0.available, seconds: $0.seconds) }
    }
}
