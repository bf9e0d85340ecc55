import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// One connection to a PostgreSQL destination, with the password from the secrets file or
/// `PGPASSWORD`, and errors turned into one line that never holds the password.
final class PostgresSession: Sendable {
    let url: PostgresURL
    let connection: PostgresConnection
    private static let logger = Logger(label: "infuse.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(url: PostgresURL, connection: PostgresConnection) {
        self.url = url
        self.connection = connection
    }

    /// The destination's password: the secrets file's entry for the URL, else `PGPASSWORD`.
    static func password(for url: PostgresURL, secrets: SecretsStore?) throws -> String? {
        if let stored = try secrets?.destinationPassword(for: url) { return stored }
        return ProcessInfo.processInfo.environment["PGPASSWORD"]
    }

    /// Connects, with the session's time zone set to UTC (date-only values are midnight UTC).
    /// - Throws: `DestinationError.postgres` saying where it failed.
    static func connect(_ url: PostgresURL, secrets: SecretsStore?) async throws -> PostgresSession {
        let password = try password(for: url, secrets: secrets)
        let tls: PostgresConnection.Configuration.TLS
        switch url.sslMode {
        case .disable:
            tls = .disable
        case .require:
            do {
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            } catch {
                throw DestinationError.postgres("PostgreSQL \(url.host):\(url.port): cannot set up TLS")
            }
        }
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: password, database: url.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        do {
            let connection = try await PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger)
            let session = PostgresSession(url: url, connection: connection)
            try await session.execute("SET TimeZone = 'UTC'")
            return session
        } catch let error as DestinationError {
            throw error
        } catch {
            throw describe(error, url: url, during: "connect")
        }
    }

    /// Runs one statement and discards its rows.
    func execute(_ sql: String) async throws {
        do {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
            for try await _ in rows {}
        } catch {
            throw Self.describe(error, url: url, during: nil)
        }
    }

    /// Runs a query whose rows are text columns, returning every row.
    func textRows(_ sql: String, columns: Int) async throws -> [[String?]] {
        do {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
            var result: [[String?]] = []
            for try await row in rows {
                var values: [String?] = []
                var iterator = row.makeIterator()
                for _ in 0..<columns {
                    guard let cell = iterator.next() else { break }
                    values.append(try cell.decode(String?.self))
                }
                result.append(values)
            }
            return result
        } catch {
            throw Self.describe(error, url: url, during: nil)
        }
    }

    /// Streams `COPY infuse_copy_target FROM STDIN` (text format) from `chunks`. The target's
    /// name is fixed (postgres-nio takes it as a compile-time string): the caller creates the
    /// table under that name in the schema on the `search_path` and renames it afterwards.
    func copyIntoCopyTarget(chunks: @escaping @Sendable (PostgresCopyFromWriter) async throws -> Void) async throws {
        do {
            try await connection.copyFrom(table: "infuse_copy_target", logger: Self.logger, writeData: chunks)
        } catch {
            throw Self.describe(error, url: url, during: nil)
        }
    }

    /// Closes the connection (an open transaction is rolled back by the server).
    func close() async {
        try? await connection.close()
    }

    /// One line for a failure, naming the server and never the password.
    static func describe(_ error: any Error, url: PostgresURL, during step: String?) -> any Error {
        if let error = error as? DestinationError { return error }
        if error is CancellationError { return RefreshError.cancelled }
        let server = "PostgreSQL \(url.host):\(url.port)/\(url.database)"
        guard let psql = error as? PSQLError else {
            return DestinationError.postgres("\(server): \(String(describing: error))")
        }
        if let message = psql.serverInfo?[.message] {
            let code = psql.serverInfo?[.sqlState]
            switch code {
            case "28P01", "28000":
                return DestinationError.postgres(
                    "\(server) refused the login of \(url.user): \(message) (set the password with `infuse destinations set-password \(url.text)` or PGPASSWORD)")
            case "3D000":
                return DestinationError.postgres("\(server): \(message)")
            default:
                return DestinationError.postgres("\(server): \(message)")
            }
        }
        switch psql.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown:
            let detail = psql.underlying.map { String(describing: $0) } ?? ""
            let reason = detail.localizedCaseInsensitiveContains("refused") ? " (connection refused)"
                : detail.localizedCaseInsensitiveContains("timeout") || detail.localizedCaseInsensitiveContains("timed out") ? " (timed out)" : ""
            return DestinationError.postgres("cannot reach \(server)\(reason): is the server running and the port right?")
        case .authMechanismRequiresPassword:
            return DestinationError.postgres(
                "\(server) asks for a password for \(url.user): set it with `infuse destinations set-password \(url.text)` or PGPASSWORD")
        case .sslUnsupported:
            return DestinationError.postgres("\(server) does not offer TLS: use ?sslmode=disable on a trusted network")
        case .queryCancelled:
            return RefreshError.cancelled
        default:
            let underlying = psql.underlying.map { String(describing: $0) } ?? "\(psql.code)"
            return DestinationError.postgres("\(server): \(step.map { "cannot \($0): " } ?? "")\(underlying)")
        }
    }
}
