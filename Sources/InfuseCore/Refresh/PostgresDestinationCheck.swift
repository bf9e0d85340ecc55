import Foundation

/// `infuse destinations test URL`: connects to a PostgreSQL destination, reads `SELECT
/// version()` and checks the login may create a schema (created and dropped inside a
/// transaction that is rolled back, so nothing is left). It also says whether the connection is
/// encrypted and where the password came from.
public enum PostgresDestinationCheck {
    /// What the check found.
    public struct Report: Sendable, Equatable {
        /// The server's `version()` text.
        public let serverVersion: String
        /// Whether the connection uses TLS (the server's own `pg_stat_ssl`).
        public let encrypted: Bool
        /// Where the password came from.
        public let passwordSource: PostgresPasswordLookup.Source
        /// libpq's warning when the password file was ignored, or nil.
        public let passwordWarning: String?
    }

    /// Runs the check against `url` with the password from `secrets`, `PGPASSWORD` or the
    /// password file.
    /// - Throws: `DestinationError` (one line, never the password).
    public static func run(_ url: PostgresURL, secrets: SecretsStore?) async throws -> Report {
        let session = try await PostgresSession.connect(url, secrets: secrets)
        do {
            let version = try await session.textRows("SELECT version()", columns: 1).first?.first ?? nil
            let ssl = try await session.textRows(
                "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()", columns: 1).first?.first ?? nil
            try await session.execute("BEGIN")
            do {
                try await session.execute("CREATE SCHEMA infuse_destination_check")
            } catch let error as DestinationError {
                throw DestinationError.postgres("\(error.userMessage) (the user \(url.user) needs CREATE on database \(url.database))")
            }
            try await session.execute("ROLLBACK")
            await session.close()
            return Report(
                serverVersion: version ?? "unknown", encrypted: ssl == "true",
                passwordSource: session.passwordSource, passwordWarning: session.passwordWarning)
        } catch {
            await session.close()
            throw error
        }
    }
}
