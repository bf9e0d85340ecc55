import Foundation

/// A data source's PostgreSQL destination, parsed from
/// `postgres://user@host[:port]/database[?sslmode=disable|require]` (`postgresql://` too).
///
/// The URL never holds a password: it comes from the secrets file (`destinations`, keyed by the
/// URL) or `PGPASSWORD`. The port defaults to 5432 and `sslmode` to `require`.
public struct PostgresURL: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Whether the connection is encrypted.
    public enum SSLMode: String, Sendable, Equatable, Hashable {
        /// Plain TCP (a server on the same machine or a private network).
        case disable
        /// TLS, with the server's certificate verified.
        case require
    }

    /// The login role.
    public var user: String
    /// The server's host name or address.
    public var host: String
    /// The server's port.
    public var port: Int
    /// The database holding the data source's schema.
    public var database: String
    /// Whether TLS is used.
    public var sslMode: SSLMode

    /// The URL as given to `init(parsing:)`, the key of its password in the secrets file.
    public let text: String

    /// The URL text (it holds no password).
    public var description: String { text }

    /// Parses a destination URL.
    /// - Throws: `DestinationError` with a message that starts with "Destination".
    public init(parsing raw: String) throws(DestinationError) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, !text.contains(where: \.isWhitespace),
              !text.unicodeScalars.contains(where: DataSourceValidator.isHiddenOrControl),
              let components = URLComponents(string: text), let scheme = components.scheme?.lowercased()
        else { throw .invalid("Destination is not a valid URL: use postgres://user@host:port/database?sslmode=disable|require") }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw .invalid("Destination must be a postgres:// URL (leave it empty for the workspace's SQLite)")
        }
        guard components.password == nil else {
            throw .invalid("Destination must not contain a password: set it with `infuse destinations set-password URL` or PGPASSWORD")
        }
        guard let user = components.user, !user.isEmpty else {
            throw .invalid("Destination must name the user: postgres://user@host:port/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .invalid("Destination must name the host: postgres://user@host:port/database")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalid("Destination must name the database: postgres://user@host:port/database")
        }
        var sslMode = SSLMode.require
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else {
                throw .invalid("Destination has an unknown option \(item.name): only sslmode=disable|require is understood")
            }
            guard let value = item.value.flatMap(SSLMode.init(rawValue:)) else {
                throw .invalid("Destination's sslmode must be disable or require")
            }
            sslMode = value
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw .invalid("Destination's port must be from 1 to 65535")
        }
        self.user = user.removingPercentEncoding ?? user
        self.host = host
        self.port = components.port ?? 5432
        self.database = database.removingPercentEncoding ?? database
        self.sslMode = sslMode
        self.text = text
    }
}

/// A destination URL that cannot be used, or a PostgreSQL server that cannot be reached or
/// refuses the work. Messages never contain a password.
public enum DestinationError: UserFacingError, Equatable {
    /// The URL is malformed or holds a password (the message names the field "Destination").
    case invalid(String)
    /// The server cannot be reached, refuses the login, or a statement failed.
    case postgres(String)

    /// One line for a person.
    public var userMessage: String {
        switch self {
        case .invalid(let message): message
        case .postgres(let message): message
        }
    }
}
