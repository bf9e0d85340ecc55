import Foundation

/// How an account authenticates against the Keap API.
public enum AuthKind: String, Codable, Sendable, CaseIterable {
    /// OAuth 2.0 authorization code flow; access and refresh tokens live in `secrets.json`.
    case oauth
    /// A Personal Access Token or Service Account Key sent as `X-Keap-API-Key`.
    case apiKey = "api_key"
}

/// Whether an account can be used right now.
public enum AccountStatus: String, Codable, Sendable {
    case ok
    /// The refresh token was rejected (revoked, expired or reused); the user must sign in again.
    case needsReauthorization = "needs_reauthorization"

    /// The words shown on screen and in `accounts list`.
    public var label: String {
        switch self {
        case .ok: "ok"
        case .needsReauthorization: "needs re-authorization"
        }
    }
}

/// A connected Keap account. Holds no secrets: those live in `SecretsStore`.
public struct Account: Codable, Sendable, Equatable, Identifiable {
    /// Unique, user-chosen name ("Demo", "Sales").
    public var name: String
    /// The API base every request of this account goes to, e.g. `https://api.infusionsoft.com/crm/rest`.
    /// The bearer token or API key is only ever sent to this scheme, host and port.
    public var apiBase: URL
    public var authKind: AuthKind
    public var createdAt: Date
    public var lastAuthorizedAt: Date?
    public var status: AccountStatus

    public var id: String { name }

    public init(
        name: String, apiBase: URL, authKind: AuthKind, createdAt: Date = Date(),
        lastAuthorizedAt: Date? = nil, status: AccountStatus = .ok
    ) {
        self.name = name
        self.apiBase = apiBase
        self.authKind = authKind
        self.createdAt = createdAt
        self.lastAuthorizedAt = lastAuthorizedAt
        self.status = status
    }
}
