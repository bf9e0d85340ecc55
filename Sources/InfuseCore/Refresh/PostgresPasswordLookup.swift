import Foundation

/// Finds a PostgreSQL destination's password: the secrets file's entry for the URL text, else
/// `PGPASSWORD`, else the first matching line of the password file (`PGPASSFILE` or
/// `~/.pgpass`), all from the environment the URL was completed with.
public struct PostgresPasswordLookup: Sendable, Equatable {
    /// Where the password came from (never the password itself).
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// `infuse destinations set-password`.
        case secretsFile
        /// The `PGPASSWORD` variable.
        case environment
        /// A line of this password file.
        case passwordFile(String)
        /// No password was found (a server that trusts the login needs none).
        case none

        /// Where, for a person.
        public var description: String {
            switch self {
            case .secretsFile: "the secrets file"
            case .environment: "PGPASSWORD"
            case .passwordFile(let path): "the password file \(path)"
            case .none: "no password"
            }
        }
    }

    /// The password, or nil.
    public let password: String?
    /// Where it came from.
    public let source: Source
    /// libpq's one-line warning when the password file was ignored (its permissions or kind).
    public let warning: String?

    /// Looks the password of `url` up in order.
    public static func find(for url: PostgresURL, secrets: SecretsStore?) throws -> PostgresPasswordLookup {
        if let stored = try secrets?.destinationPassword(for: url) {
            return PostgresPasswordLookup(password: stored, source: .secretsFile, warning: nil)
        }
        if let password = url.environment.password {
            return PostgresPasswordLookup(password: password, source: .environment, warning: nil)
        }
        guard let path = url.environment.passwordFilePath else {
            return PostgresPasswordLookup(password: nil, source: .none, warning: nil)
        }
        switch PgPassFile.read(path: path) {
        case .absent:
            return PostgresPasswordLookup(password: nil, source: .none, warning: nil)
        case .ignored(let warning):
            return PostgresPasswordLookup(password: nil, source: .none, warning: warning)
        case .read(let file):
            guard let password = file.password(host: url.host, port: url.port, database: url.database, user: url.user) else {
                return PostgresPasswordLookup(password: nil, source: .none, warning: nil)
            }
            return PostgresPasswordLookup(password: password, source: .passwordFile(path), warning: nil)
        }
    }
}
