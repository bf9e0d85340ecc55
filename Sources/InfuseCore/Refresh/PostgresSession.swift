import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// One connection to a PostgreSQL destination, with the password from the secrets file,
/// `PGPASSWORD` or the password file, TLS as the sslmode says (`PostgresTLSPolicy`), and errors
/// turned into one line that names the server and never holds the password.
final class PostgresSession: Sendable {
    let url: PostgresURL
    let connection: PostgresConnection
    /// Where the password came from.
    let passwordSource: PostgresPasswordLookup.Source
    /// libpq's warning when the password file was ignored, or nil.
    let passwordWarning: String?
    private static let logger = Logger(label: "infuse.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(url: PostgresURL, connection: PostgresConnection, password: PostgresPasswordLookup) {
        self.url = url
        self.connection = connection
        self.passwordSource = password.source
        self.passwordWarning = password.warning
    }

    /// Connects, with the session's time zone set to UTC (date-only values are midnight UTC).
    /// - Throws: `DestinationError.postgres` saying where it failed.
    static func connect(_ url: PostgresURL, secrets: SecretsStore?) async throws -> PostgresSession {
        let password = try PostgresPasswordLookup.find(for: url, secrets: secrets)
        let attempts = try PostgresTLSPolicy.attempts(for: url.sslMode, server: serverName(url))
        var lastError: (any Error)?
        for (index, tls) in attempts.enumerated() {
            var configuration = PostgresConnection.Configuration(
                host: url.host, port: url.port, username: url.user, password: password.password,
                database: url.database, tls: tls)
            configuration.options.connectTimeout = .seconds(10)
            do {
                let connection = try await PostgresConnection.connect(
                    on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger)
                let session = PostgresSession(url: url, connection: connection, password: password)
                do {
                    try await session.execute("SET TimeZone = 'UTC'")
                } catch {
                    await session.close()
                    throw error
                }
                return session
            } catch let error as DestinationError {
                throw error
            } catch {
                // `allow`'s TLS retry on a server without TLS: the plain attempt's refusal says more.
                if lastError != nil, (error as? PSQLError)?.code == .sslUnsupported { break }
                lastError = error
                // `allow` tries TLS only when the server answered and refused the plain login.
                let refusedByServer = (error as? PSQLError)?.serverInfo?[.sqlState] != nil
                guard index + 1 < attempts.count, refusedByServer else { break }
            }
        }
        throw describe(lastError ?? CancellationError(), url: url, during: "connect", password: password)
    }

    /// `PostgreSQL host:port/database`, the server as messages name it.
    static func serverName(_ url: PostgresURL) -> String {
        let host = url.host.contains(":") ? "[\(url.host)]" : url.host
        return "PostgreSQL \(host):\(url.port)/\(url.database)"
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
    static func describe(
        _ error: any Error, url: PostgresURL, during step: String?, password: PostgresPasswordLookup? = nil
    ) -> any Error {
        if let error = error as? DestinationError { return error }
        if error is CancellationError { return RefreshError.cancelled }
        let server = serverName(url)
        let warning = password?.warning.map { " (\($0))" } ?? ""
        guard let psql = error as? PSQLError else {
            return DestinationError.postgres("\(server): \(String(describing: error))")
        }
        if let message = psql.serverInfo?[.message] {
            let code = psql.serverInfo?[.sqlState]
            switch code {
            case "28P01", "28000":
                let from = password.map { $0.source == .none ? "" : " with the password from \($0.source)" } ?? ""
                return DestinationError.postgres(
                    "\(server) refused the login of \(url.user)\(from): \(message) (set the password with `infuse destinations set-password \(url.text)`, PGPASSWORD or ~/.pgpass)\(warning)")
            default:
                return DestinationError.postgres("\(server): \(message)")
            }
        }
        switch psql.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown:
            let detail = psql.underlying.map { String(describing: $0) } ?? ""
            if let tls = tlsFailure(detail) {
                return DestinationError.postgres("\(server): TLS failed under sslmode=\(url.sslMode.rawValue): \(tls)")
            }
            let reason = detail.localizedCaseInsensitiveContains("refused") ? " (connection refused)"
                : detail.localizedCaseInsensitiveContains("timeout") || detail.localizedCaseInsensitiveContains("timed out") ? " (timed out)" : ""
            return DestinationError.postgres("cannot reach \(server)\(reason): is the server running and the port right?")
        case .authMechanismRequiresPassword:
            return DestinationError.postgres(
                "\(server) asks for a password for \(url.user): set it with `infuse destinations set-password \(url.text)`, PGPASSWORD or ~/.pgpass\(warning)")
        case .sslUnsupported:
            let origin = switch url.sslModeOrigin {
            case .url: ""
            case .environment: " (from PGSSLMODE)"
            case .defaulted: " (the default for a server not on this machine)"
            }
            return DestinationError.postgres(
                "\(server) does not offer TLS, which sslmode=\(url.sslMode.rawValue)\(origin) insists on: use sslmode=disable or prefer only on a trusted network")
        case .queryCancelled:
            return RefreshError.cancelled
        default:
            let underlying = psql.underlying.map { String(describing: $0) } ?? "\(psql.code)"
            return DestinationError.postgres("\(server): \(step.map { "cannot \($0): " } ?? "")\(underlying)")
        }
    }

    /// The certificate problem in a connection failure's detail, or nil when it is not about TLS.
    private static func tlsFailure(_ detail: String) -> String? {
        let lowered = detail.lowercased()
        guard lowered.contains("certificate") || lowered.contains("handshake") || lowered.contains("nisslerror")
                || lowered.contains("boringssl") else { return nil }
        return detail.replacingOccurrences(of: "\n", with: " ")
    }
}
