import NIOSSL
import PostgresNIO

/// What each libpq sslmode does in Infuse, on PostgresNIO's `.disable`, `.prefer` and `.require`
/// with NIOSSL's certificate verification:
///
/// | sslmode | connection | certificate |
/// |---|---|---|
/// | `disable` | plain TCP | — |
/// | `allow` | plain; if the server refuses that login, TLS | not verified |
/// | `prefer` | TLS if the server offers it, else plain | not verified |
/// | `require` | TLS, else fail | not verified (`.none`) |
/// | `verify-ca` | TLS, else fail | chain against the system trust roots (`.noHostnameVerification`) |
/// | `verify-full` | TLS, else fail | chain and host name (`.fullVerification`) |
enum PostgresTLSPolicy {
    /// The TLS settings of each attempt, in order: `allow` has two, the others one.
    static func attempts(for mode: PostgresURL.SSLMode, server: String) throws -> [PostgresConnection.Configuration.TLS] {
        switch mode {
        case .disable: return [.disable]
        case .allow: return [.disable, .require(try context(.none, server: server))]
        case .prefer: return [.prefer(try context(.none, server: server))]
        case .require: return [.require(try context(.none, server: server))]
        case .verifyCA: return [.require(try context(.noHostnameVerification, server: server))]
        case .verifyFull: return [.require(try context(.fullVerification, server: server))]
        }
    }

    /// A client TLS context verifying the server's certificate as `verification` says.
    private static func context(_ verification: CertificateVerification, server: String) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = verification
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw DestinationError.postgres("\(server): cannot set up TLS (\(error))")
        }
    }
}
