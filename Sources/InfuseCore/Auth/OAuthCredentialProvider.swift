import AsyncHTTPClient
import Foundation

/// Gives out bearer tokens for one OAuth account and refreshes them.
///
/// A refresh happens shortly before expiry and after a 401. It is single-flight inside the process
/// (concurrent callers share one refresh) and guarded across processes by a per-account file lock:
/// a process that gets the lock first re-reads `secrets.json`, and if another process already
/// rotated the pair it uses that pair instead of spending the (single-use) refresh token again.
/// The new pair is on disk before the new access token is handed out. A refused refresh token
/// calls `onReauthorizationNeeded` and throws `CredentialError.needsReauthorization`.
public actor OAuthCredentialProvider: CredentialProvider {
    public let accountName: String
    private let secrets: SecretsStore
    private let httpClient: HTTPClient
    private let onReauthorizationNeeded: @Sendable (String) async -> Void
    private let now: @Sendable () -> Date
    private var cached: AccountSecrets?
    private var inFlight: Task<AccountSecrets, any Error>?

    /// - Parameter now: the clock token expiry is judged by (the system's; tests pass their own).
    public init(
        accountName: String, secrets: SecretsStore, httpClient: HTTPClient = InfuseHTTPClient.shared,
        now: @escaping @Sendable () -> Date = { Date() },
        onReauthorizationNeeded: @escaping @Sendable (String) async -> Void = { _ in }
    ) {
        self.accountName = accountName
        self.secrets = secrets
        self.httpClient = httpClient
        self.now = now
        self.onReauthorizationNeeded = onReauthorizationNeeded
    }

    /// The bearer header, refreshing first when the token expires within its margin.
    public func authHeader() async throws -> AuthHeader {
        var current = try loaded()
        if Self.isExpiring(current, now: now()) {
            current = try await refresh(reason: .expiring)
        }
        guard let token = current.accessToken else { throw CredentialError.missingSecrets(account: accountName) }
        return AuthHeader(name: "Authorization", value: "Bearer \(token)")
    }

    /// After a 401: refresh unless another caller already replaced the rejected token.
    public func invalidate(rejected: AuthHeader) async throws {
        let rejectedToken = rejected.value.hasPrefix("Bearer ") ? String(rejected.value.dropFirst(7)) : rejected.value
        if let cached, let token = cached.accessToken, token != rejectedToken { return }
        _ = try await refresh(reason: .rejected(token: rejectedToken))
    }

    /// Forces a refresh now (used by tests and `accounts reauth` checks).
    public func refreshNow() async throws {
        _ = try await refresh(reason: .forced)
    }

    enum RefreshReason {
        case expiring, forced
        case rejected(token: String)
    }

    private func loaded() throws -> AccountSecrets {
        if let cached { return cached }
        guard let stored = try secrets.secrets(for: accountName), stored.refreshToken != nil || stored.accessToken != nil else {
            throw CredentialError.missingSecrets(account: accountName)
        }
        cached = stored
        return stored
    }

    private func refresh(reason: RefreshReason) async throws -> AccountSecrets {
        if let inFlight { return try await inFlight.value }
        let task = Task { try await self.performRefresh(reason: reason) }
        inFlight = task
        defer { inFlight = nil }
        let fresh = try await task.value
        cached = fresh
        return fresh
    }

    private func performRefresh(reason: RefreshReason) async throws -> AccountSecrets {
        let lock = try await FileLock.acquire(lockURL)
        defer { lock.release() }
        guard let onDisk = try secrets.secrets(for: accountName), let refreshToken = onDisk.refreshToken else {
            throw CredentialError.missingSecrets(account: accountName)
        }
        // Another process (or an earlier caller) may have rotated the pair while we waited.
        switch reason {
        case .expiring where !Self.isExpiring(onDisk, now: now()):
            return onDisk
        case .rejected(let token) where onDisk.accessToken != nil && onDisk.accessToken != token:
            return onDisk
        default:
            break
        }
        guard let tokenURLString = onDisk.tokenURL, let tokenURL = URL(string: tokenURLString),
            let clientID = onDisk.clientID, let clientSecret = onDisk.clientSecret
        else { throw CredentialError.missingSecrets(account: accountName) }
        let configuration = OAuthConfiguration(
            authorizeURL: onDisk.authorizeURL.flatMap(URL.init(string:)) ?? OAuthConfiguration.keapAuthorizeURL,
            tokenURL: tokenURL, clientID: clientID, clientSecret: clientSecret,
            redirectURI: onDisk.redirectURI.flatMap(URL.init(string:)) ?? URL(string: "https://localhost/")!)
        let response: TokenResponse
        do {
            response = try await OAuthTokenClient(configuration: configuration, httpClient: httpClient)
                .refresh(refreshToken: refreshToken)
        } catch OAuthError.tokenRejected {
            await onReauthorizationNeeded(accountName)
            throw CredentialError.needsReauthorization(account: accountName)
        }
        let issued = self.now()
        let name = accountName
        // Persist before use: the old refresh token is already spent.
        let written = try secrets.updateLocked(account: name) { entry in
            var updated = entry ?? onDisk
            updated.accessToken = response.accessToken
            updated.refreshToken = response.refreshToken
            updated.issuedAt = issued
            updated.expiresAt = issued.addingTimeInterval(TimeInterval(response.expiresIn))
            entry = updated
        }
        guard let written else { throw CredentialError.missingSecrets(account: accountName) }
        return written
    }

    /// The per-account refresh lock. It is the secrets lock itself, so the read-check-refresh-write
    /// sequence is atomic against every other writer of `secrets.json`.
    private var lockURL: URL { secrets.lockURL }

    /// True when the token is missing or expires within its margin: a quarter of its lifetime,
    /// at most 60 s.
    static func isExpiring(_ secrets: AccountSecrets, now: Date) -> Bool {
        guard secrets.accessToken != nil, let expiresAt = secrets.expiresAt else { return true }
        var margin: TimeInterval = 60
        if let issuedAt = secrets.issuedAt {
            margin = min(60, max(0, expiresAt.timeIntervalSince(issuedAt)) / 4)
        }
        return expiresAt.timeIntervalSince(now) <= margin
    }
}
