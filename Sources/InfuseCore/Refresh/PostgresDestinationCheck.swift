import Foundation

/// `infuse destinations test URL`: connects to a PostgreSQL destination, reads `SELECT
/// version()` and checks the login may create a schema (created and dropped inside a
/// transaction that is rolled back, so nothing is left).
public enum PostgresDestinationCheck {
    /// What the check found.
    public struct Report: Sendable, Equatable {
        /// The server's `version()` text.
        public let serverVersion: String
    }

    /// Runs the check against `url` with the password from `secrets` or `PGPASSWORD`.
    /// - Throws: `DestinationError` (one line, never the password).
    public static func run(_ url: PostgresURL, secrets: SecretsStore?) async throws -> Report {
        let session = try await PostgresSession.connect(url, secrets: secrets)
        do {
            let version = try await session.textRows("SELECT version()", columns: 1).first?.first ?? nil
            try await session.execute("BEGIN")
            do {
                try await session.execute("CREATE SCHEMA infuse_destination_check")
            } catch let error as DestinationError {
                throw DestinationError.postgres("\(error.userMessage) (the user \(url.user) needs CREATE on database \(url.database))")
            }
            try await session.execute("ROLLBACK")
            await session.close()
            return Report(serverVersion: version ?? "unknown")
        } catch {
            await session.close()
            throw error
        }
    }
}
