import Foundation

/// The secrets of one account, as stored in `secrets.json`.
///
/// `description` redacts every value, so an `AccountSecrets` can never leak through logging or
/// string interpolation.
public struct AccountSecrets: Codable, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Personal Access Token or Service Account Key (API key accounts).
    public var apiKey: String?
    public var accessToken: String?
    public var refreshToken: String?
    /// When the access token expires.
    public var expiresAt: Date?
    /// When the access token was issued (to pace refreshes of short-lived tokens).
    public var issuedAt: Date?
    public var clientID: String?
    public var clientSecret: String?
    /// The OAuth token endpoint this account refreshes against.
    public var tokenURL: String?
    /// The OAuth authorize page, kept for re-authorization.
    public var authorizeURL: String?
    /// The redirect URI registered with the client.
    public var redirectURI: String?

    public init(
        apiKey: String? = nil, accessToken: String? = nil, refreshToken: String? = nil, expiresAt: Date? = nil,
        issuedAt: Date? = nil, clientID: String? = nil, clientSecret: String? = nil, tokenURL: String? = nil,
        authorizeURL: String? = nil, redirectURI: String? = nil
    ) {
        self.apiKey = apiKey
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.issuedAt = issuedAt
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tokenURL = tokenURL
        self.authorizeURL = authorizeURL
        self.redirectURI = redirectURI
    }

    enum CodingKeys: String, CodingKey {
        case apiKey = "api_key", accessToken = "access_token", refreshToken = "refresh_token"
        case expiresAt = "expires_at", issuedAt = "issued_at", clientID = "client_id", clientSecret = "client_secret"
        case tokenURL = "token_url", authorizeURL = "authorize_url", redirectURI = "redirect_uri"
    }

    public var description: String {
        var parts: [String] = []
        if apiKey != nil { parts.append("apiKey: <redacted>") }
        if accessToken != nil { parts.append("accessToken: <redacted>") }
        if refreshToken != nil { parts.append("refreshToken: <redacted>") }
        if clientSecret != nil { parts.append("clientSecret: <redacted>") }
        return "AccountSecrets(\(parts.joined(separator: ", ")))"
    }

    public var debugDescription: String { description }
}

/// The whole `secrets.json` document.
struct SecretsDocument: Codable {
    var version: Int = 1
    var accounts: [String: AccountSecrets] = [:]
    /// PostgreSQL destination passwords, keyed by the destination URL (issue 7).
    var destinations: [String: String] = [:]
    /// The Keap developer app sign-ins use when no flag or environment variable names one.
    var oauthClient: OAuthClientCredentials?

    init() {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
        accounts = try container.decodeIfPresent([String: AccountSecrets].self, forKey: .accounts) ?? [:]
        destinations = try container.decodeIfPresent([String: String].self, forKey: .destinations) ?? [:]
        oauthClient = try container.decodeIfPresent(OAuthClientCredentials.self, forKey: .oauthClient)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(accounts, forKey: .accounts)
        if !destinations.isEmpty { try container.encode(destinations, forKey: .destinations) }
        try container.encodeIfPresent(oauthClient, forKey: .oauthClient)
    }

    private enum CodingKeys: String, CodingKey { case version, accounts, destinations, oauthClient = "oauth_client" }
}
