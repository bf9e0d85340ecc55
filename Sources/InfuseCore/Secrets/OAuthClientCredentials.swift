import Foundation

/// The Keap developer app an OAuth sign-in runs as: its Client ID and Client Secret (Keap's
/// developer portal: Apps → New App → enable the API → the app's key and secret).
///
/// Kept in `secrets.json` (`oauth_client`); `description` redacts the secret.
public struct OAuthClientCredentials: Codable, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The app's Client ID (Keap calls it the key).
    public var clientID: String
    /// The app's Client Secret.
    public var clientSecret: String

    /// - Parameters:
    ///   - clientID: the Client ID.
    ///   - clientSecret: the Client Secret.
    public init(clientID: String, clientSecret: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    enum CodingKeys: String, CodingKey {
        case clientID = "client_id", clientSecret = "client_secret"
    }

    /// `OAuthClientCredentials(clientID: …, clientSecret: <redacted>)`.
    public var description: String { "OAuthClientCredentials(clientID: \(clientID), clientSecret: <redacted>)" }
    /// Same as ``description``.
    public var debugDescription: String { description }

    /// Checks typed or pasted values: both present (surrounding white space trimmed), at most 200
    /// characters, no control or invisible characters.
    /// - Throws: `AccountError.invalidClient` naming the field.
    public static func validated(clientID: String, clientSecret: String) throws -> OAuthClientCredentials {
        let id = clientID.trimmingCharacters(in: .whitespacesAndNewlines)
        let secret = clientSecret.trimmingCharacters(in: .whitespacesAndNewlines)
        for (label, value) in [("Client ID", id), ("Client Secret", secret)] {
            if value.isEmpty { throw AccountError.invalidClient("\(label) is required") }
            if value.count > 200 { throw AccountError.invalidClient("\(label) must be at most 200 characters") }
            if TextSafety.containsUnsafeCharacters(value) || value.contains(" ") {
                throw AccountError.invalidClient("\(label) contains spaces, control or invisible characters")
            }
        }
        return OAuthClientCredentials(clientID: id, clientSecret: secret)
    }
}

/// The saved Keap developer app in `secrets.json`.
extension SecretsStore {
    /// The saved OAuth client, or nil.
    public func oauthClient() throws -> OAuthClientCredentials? {
        try checkPermissions()
        return try readDocument().oauthClient
    }

    /// Saves (or, with nil, removes) the OAuth client, under the cross-process lock and
    /// atomically like every secrets change.
    public func setOAuthClient(_ client: OAuthClientCredentials?) async throws {
        let lock = try await FileLock.acquire(lockURL)
        defer { lock.release() }
        try checkPermissions()
        var document = try readDocument()
        document.oauthClient = client
        try writeDocument(document)
    }
}
