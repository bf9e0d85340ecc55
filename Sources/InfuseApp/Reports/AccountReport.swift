import Foundation
import InfuseCore

/// A connected account as `infuse accounts list --json` prints it (never a secret).
public struct AccountReport: Encodable, Sendable {
    /// The account.
    public let account: Account

    /// Wraps an account.
    public init(_ account: Account) { self.account = account }

    private enum Key: String, CodingKey {
        case name, auth, status
        case apiBase = "api_base", createdAt = "created_at", lastAuthorizedAt = "last_authorized_at"
    }

    /// Encodes the account's fields in snake case, dates in ISO 8601.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        let iso = ISO8601DateFormatter()
        try c.encode(account.name, forKey: .name)
        try c.encode(account.apiBase.absoluteString, forKey: .apiBase)
        try c.encode(account.authKind.rawValue, forKey: .auth)
        try c.encode(account.status.rawValue, forKey: .status)
        try c.encode(iso.string(from: account.createdAt), forKey: .createdAt)
        try c.encode(account.lastAuthorizedAt.map { iso.string(from: $0) }, forKey: .lastAuthorizedAt)
    }
}
