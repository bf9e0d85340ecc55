import Foundation

/// A data source's PostgreSQL destination: `postgres://[user@][host][:port][/database][?sslmode=MODE]`
/// (`postgresql://` too), completed from libpq's environment variables and defaults.
///
/// What the URL says wins; what it leaves out comes from `PGHOST`, `PGPORT`, `PGUSER`,
/// `PGDATABASE` and `PGSSLMODE`, else libpq's defaults: host `localhost` (libpq would use its
/// Unix socket, which Infuse does not support), port 5432, user the OS user name, database the
/// user name. Without an sslmode a loopback server gets `prefer` and any other `require`.
///
/// The URL never holds a password: it comes from the secrets file (`destinations`, keyed by the
/// URL text), else `PGPASSWORD`, else the password file (`PGPASSFILE` or `~/.pgpass`); see
/// `PostgresPasswordLookup`.
public struct PostgresURL: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// How TLS is used, with libpq's meanings (see `PostgresTLSPolicy` for what each one does).
    public enum SSLMode: String, Sendable, Equatable, Hashable, CaseIterable {
        /// Plain TCP only.
        case disable
        /// Plain TCP first; TLS (certificate not verified) when the server refuses a plain login.
        case allow
        /// TLS when the server offers it (certificate not verified), else plain TCP.
        case prefer
        /// TLS or nothing; the certificate is not verified.
        case require
        /// TLS or nothing, with the certificate chain verified against the system's trust roots.
        case verifyCA = "verify-ca"
        /// As `verifyCA`, and the certificate must name the host.
        case verifyFull = "verify-full"
    }

    /// Where a resolved setting came from, for messages.
    public enum Origin: String, Sendable, Equatable, Hashable {
        /// The URL said it.
        case url
        /// A libpq environment variable gave it.
        case environment
        /// libpq's (or, for sslmode, Infuse's) default.
        case defaulted
    }

    /// The login role.
    public var user: String
    /// The server's host name or address.
    public var host: String
    /// The server's port.
    public var port: Int
    /// The database holding the data source's schema.
    public var database: String
    /// How TLS is used.
    public var sslMode: SSLMode
    /// Where `sslMode` came from.
    public var sslModeOrigin: Origin
    /// The libpq variables the URL was completed with (their passwords are read at connect time).
    public var environment: LibpqEnvironment

    /// The URL as given to `init(parsing:)`, the key of its password in the secrets file.
    public let text: String

    /// The URL text (it holds no password).
    public var description: String { text }

    /// Whether the server is on this machine: `localhost`, 127.0.0.0/8 or ::1.
    public var isLoopback: Bool { Self.isLoopback(host: host) }

    /// Parses a destination URL and completes it from `environment` (by default the process's).
    /// - Throws: `DestinationError` with a message that starts with "Destination".
    public init(parsing raw: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DestinationError) {
        try self.init(parsing: raw, libpq: LibpqEnvironment(environment))
    }

    /// Parses a destination URL and completes it from the libpq variables `libpq`.
    /// - Throws: `DestinationError` with a message that starts with "Destination".
    public init(parsing raw: String, libpq: LibpqEnvironment) throws(DestinationError) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, !text.contains(where: \.isWhitespace),
              !text.unicodeScalars.contains(where: DataSourceValidator.isHiddenOrControl),
              let components = URLComponents(string: text), let scheme = components.scheme?.lowercased()
        else { throw .invalid("Destination is not a valid URL: use postgres://user@host:port/database?sslmode=MODE") }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw .invalid("Destination must be a postgres:// URL (leave it empty for the workspace's SQLite)")
        }
        guard components.password == nil else {
            throw .invalid("Destination must not contain a password: set it with `infuse destinations set-password URL`, PGPASSWORD or ~/.pgpass")
        }
        let path = String(components.percentEncodedPath.drop { $0 == "/" })
        guard !path.contains("/") else {
            throw .invalid("Destination's database must be one name: postgres://user@host:port/database")
        }
        var sslText: String?
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else {
                throw .invalid("Destination has an unknown option \(item.name): only sslmode is understood")
            }
            sslText = item.value ?? ""
        }

        let urlHost = components.percentEncodedHost.flatMap(Self.decoded).map(Self.unbracketed).flatMap(Self.nonEmpty)
        let host = urlHost ?? libpq.host ?? "localhost"
        try Self.checkHost(host, from: urlHost == nil ? libpq.host.map { _ in "PGHOST" } : nil)

        let port: Int
        if let urlPort = components.port {
            guard (1...65535).contains(urlPort) else { throw .invalid("Destination's port must be from 1 to 65535") }
            port = urlPort
        } else if let text = libpq.port {
            guard let number = Int(text), (1...65535).contains(number) else {
                throw .invalid("Destination's port from PGPORT (\(text)) must be a number from 1 to 65535")
            }
            port = number
        } else {
            port = 5432
        }

        let urlUser = components.percentEncodedUser.flatMap(Self.decoded).flatMap(Self.nonEmpty)
        guard let user = urlUser ?? libpq.user ?? LibpqEnvironment.operatingSystemUserName() else {
            throw .invalid("Destination must name the user (postgres://user@host/database or PGUSER): the OS user has no name")
        }
        let database = Self.decoded(path).flatMap(Self.nonEmpty) ?? libpq.database ?? user

        let sslMode: SSLMode
        let origin: Origin
        if let sslText {
            guard let mode = SSLMode(rawValue: sslText) else { throw .invalid("Destination's sslmode must be \(Self.modeList)") }
            (sslMode, origin) = (mode, .url)
        } else if let environmentMode = libpq.sslMode {
            guard let mode = SSLMode(rawValue: environmentMode) else {
                throw .invalid("Destination's sslmode from PGSSLMODE (\(environmentMode)) must be \(Self.modeList)")
            }
            (sslMode, origin) = (mode, .environment)
        } else {
            (sslMode, origin) = (Self.isLoopback(host: host) ? .prefer : .require, .defaulted)
        }
        if sslMode == .verifyFull, Self.isIPAddress(host) {
            throw .invalid("Destination's sslmode=verify-full needs a host name, not the address \(host): Infuse's TLS cannot match a certificate to an IP address (use verify-ca)")
        }

        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.sslMode = sslMode
        self.sslModeOrigin = origin
        self.environment = libpq
        self.text = text
    }

    /// Whether `host` is this machine: `localhost` (any case), 127.0.0.0/8 or ::1.
    public static func isLoopback(host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1 }
        }
        return false
    }

    /// Whether `host` is an IPv4 or IPv6 address rather than a name.
    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    private static let modeList = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")

    /// Refuses what libpq accepts but Infuse cannot use: socket directories and host lists.
    private static func checkHost(_ host: String, from variable: String?) throws(DestinationError) {
        let source = variable.map { "from \($0) " } ?? ""
        if host.hasPrefix("/") || host.hasPrefix("@") {
            throw .invalid("Destination's host \(source)(\(host)) is a Unix-domain socket, which Infuse does not support: name a host, e.g. localhost")
        }
        if host.contains(",") {
            throw .invalid("Destination's host \(source)(\(host)) is a list: Infuse connects to one host")
        }
    }

    private static func decoded(_ text: String) -> String? { text.removingPercentEncoding }
    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
    private static func unbracketed(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
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
