/// A header that authenticates one request: `Authorization: Bearer …` or `X-Keap-API-Key: …`.
///
/// `description` never prints the value, so a credential cannot leak through logging.
public struct AuthHeader: Sendable, Equatable, CustomStringConvertible {
    public let name: String
    public let value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
    public var description: String { "\(name): <redacted>" }
}

/// Gives out the header that authenticates requests of one account.
///
/// `KeapClient` asks for a header before each request; after a 401 it calls
/// `invalidate(rejected:)` once and asks again (an OAuth provider refreshes the token then,
/// single-flight in the process and under a file lock across processes).
public protocol CredentialProvider: Sendable {
    /// The header for the next request. Refreshes first when an OAuth token is about to expire.
    func authHeader() async throws -> AuthHeader
    /// Called after the API answered 401 to a request sent with `rejected`. An OAuth provider
    /// refreshes (unless another caller already did); an API key provider throws.
    func invalidate(rejected: AuthHeader) async throws
}

/// A fixed API key (Personal Access Token or Service Account Key) sent as `X-Keap-API-Key`.
public struct APIKeyCredential: CredentialProvider {
    private let key: String
    public init(key: String) { self.key = key }
    public func authHeader() async throws -> AuthHeader { AuthHeader(name: "X-Keap-API-Key", value: key) }
    public func invalidate(rejected: AuthHeader) async throws {
        throw CredentialError.apiKeyRejected
    }
}

/// Errors raised while getting credentials.
public enum CredentialError: UserFacingError, Equatable {
    case apiKeyRejected
    /// The refresh token was refused; the account is now marked as needing re-authorization.
    case needsReauthorization(account: String)
    case missingSecrets(account: String)

    public var userMessage: String {
        switch self {
        case .apiKeyRejected:
            "Keap refused the API key (401): check the key in Keap's API Settings and add the account again"
        case .needsReauthorization(let account):
            "the account \(account) needs re-authorization: Keap refused its refresh token; run `infuse accounts reauth \(account)`"
        case .missingSecrets(let account):
            "no stored credentials for the account \(account): run `infuse accounts reauth \(account)`"
        }
    }
}
