import Foundation
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// How a destination URL is completed from libpq's variables and defaults, and libpq's password
/// file, without a server (expectations from the PostgreSQL documentation's rules).
@Suite("PostgreSQL connection settings: libpq's variables, defaults, sslmode and password file")
struct PostgresConnectionSettingsTests {
    @Test("what the URL leaves out comes from PG* variables; what it says wins")
    func environmentFillsTheGaps() throws {
        let environment = ["PGHOST": "db.internal", "PGPORT": "6432", "PGUSER": "bi", "PGDATABASE": "crm", "PGSSLMODE": "verify-ca"]
        for text in ["postgres:///", "postgres://@/", "postgresql://"] {
            let url = try PostgresURL(parsing: text, environment: environment)
            #expect([url.host, String(url.port), url.user, url.database] == ["db.internal", "6432", "bi", "crm"], "\(text)")
            #expect(url.sslMode == .verifyCA && url.sslModeOrigin == .environment)
            #expect(url.text == text)
        }
        let explicit = try PostgresURL(parsing: "postgres://ops@10.1.2.3:5433/sales?sslmode=disable", environment: environment)
        #expect([explicit.host, String(explicit.port), explicit.user, explicit.database] == ["10.1.2.3", "5433", "ops", "sales"])
        #expect(explicit.sslMode == .disable && explicit.sslModeOrigin == .url)

        let hostOnly = try PostgresURL(parsing: "postgres://db.example.com/crm", environment: ["PGUSER": "reporting"])
        #expect(hostOnly.user == "reporting" && hostOnly.database == "crm" && hostOnly.port == 5432)
    }

    @Test("libpq's defaults: localhost, port 5432, the OS user, a database named after the user")
    func defaults() throws {
        let url = try PostgresURL(parsing: "postgres://", environment: [:])
        let osUser = try Self.idUserName()
        #expect(url.host == "localhost" && url.port == 5432)
        #expect(url.user == osUser && url.database == osUser)
        let named = try PostgresURL(parsing: "postgres://bi@127.0.0.1", environment: [:])
        #expect(named.database == "bi")
        let empty = try PostgresURL(parsing: "postgres:///crm", environment: ["PGHOST": "", "PGUSER": "", "PGPASSWORD": ""])
        #expect(empty.host == "localhost" && empty.user == osUser && empty.environment.password == nil)
    }

    /// The effective user's name as `id -un` prints it (a path apart from `getpwuid`).
    static func idUserName() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/id")
        process.arguments = ["-un"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("without an sslmode a loopback server gets prefer and any other host require")
    func defaultSSLMode() throws {
        for host in ["localhost", "LOCALHOST", "127.0.0.1", "127.5.6.7", "[::1]"] {
            let url = try PostgresURL(parsing: "postgres://bi@\(host):5432/crm", environment: [:])
            #expect(url.sslMode == .prefer && url.sslModeOrigin == .defaulted && url.isLoopback, "\(host)")
        }
        for host in ["db.example.com", "10.0.0.8", "128.0.0.1", "[2001:db8::1]", "localhost.example.com"] {
            let url = try PostgresURL(parsing: "postgres://bi@\(host)/crm", environment: [:])
            #expect(url.sslMode == .require && url.sslModeOrigin == .defaulted && !url.isLoopback, "\(host)")
        }
        let fromEnvironmentHost = try PostgresURL(parsing: "postgres:///crm", environment: ["PGHOST": "db.example.com"])
        #expect(fromEnvironmentHost.sslMode == .require)
        #expect(try PostgresURL(parsing: "postgres:///crm", environment: ["PGSSLMODE": "disable", "PGHOST": "db.example.com"]).sslMode == .disable)
        #expect(try PostgresURL(parsing: "postgres://db.example.com/crm?sslmode=prefer", environment: ["PGSSLMODE": "verify-full"]).sslMode == .prefer)
    }

    @Test("every libpq sslmode is understood; anything else names the Destination and the source of the value")
    func sslModes() throws {
        for mode in ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] {
            #expect(try PostgresURL(parsing: "postgres://bi@db.example.com/crm?sslmode=\(mode)", environment: [:]).sslMode.rawValue == mode)
        }
        let bad = DataSourceValidator.destinationError("postgres://bi@db.example.com/crm?sslmode=maybe")
        #expect(bad?.userMessage == "Destination's sslmode must be disable, allow, prefer, require, verify-ca, verify-full")
        let badEnvironment = #expect(throws: DestinationError.self) {
            _ = try PostgresURL(parsing: "postgres://bi@db.example.com/crm", environment: ["PGSSLMODE": "strict"])
        }
        #expect(badEnvironment?.userMessage.hasPrefix("Destination's sslmode from PGSSLMODE (strict)") == true)
        let ipFull = #expect(throws: DestinationError.self) {
            _ = try PostgresURL(parsing: "postgres://bi@10.0.0.8/crm?sslmode=verify-full", environment: [:])
        }
        #expect(ipFull?.userMessage.hasPrefix("Destination's sslmode=verify-full needs a host name, not the address 10.0.0.8") == true)
    }

    @Test("ports, socket directories and host lists: clear Destination messages")
    func unusableSettings() throws {
        let cases: [(String, [String: String], String)] = [
            ("postgres:///crm", ["PGPORT": "fifty"], "Destination's port from PGPORT (fifty) must be a number from 1 to 65535"),
            ("postgres://bi@h:70000/crm", [:], "Destination's port must be from 1 to 65535"),
            ("postgres:///crm", ["PGHOST": "/var/run/postgresql"], "Destination's host from PGHOST (/var/run/postgresql) is a Unix-domain socket"),
            ("postgres://%2Ftmp/crm", [:], "Destination's host (/tmp) is a Unix-domain socket"),
            ("postgres://a,b/crm", [:], "Destination's host (a,b) is a list"),
            ("postgres://bi@h/crm/extra", [:], "Destination's database must be one name"),
            ("postgres://bi@h/crm?application_name=x", [:], "Destination has an unknown option application_name"),
            ("postgres://bi:pw@h/crm", [:], "Destination must not contain a password"),
        ]
        for (text, environment, message) in cases {
            let error = #expect(throws: DestinationError.self) { _ = try PostgresURL(parsing: text, environment: environment) }
            #expect(error?.userMessage.hasPrefix(message) == true, "\(text): \(error?.userMessage ?? "")")
        }
        #expect(try PostgresURL(parsing: "postgres://bi@h/d%20b", environment: [:]).database == "d b")
        #expect(try PostgresURL(parsing: "postgres://b%40i@h/crm", environment: [:]).user == "b@i")
    }

    @Test("the environment value never prints PGPASSWORD")
    func environmentHidesPassword() throws {
        let url = try PostgresURL(parsing: "postgres:///crm", environment: ["PGPASSWORD": "s3cret-pg", "PGUSER": "bi"])
        var dumped = ""
        dump(url, to: &dumped)
        #expect(!dumped.contains("s3cret-pg") && !"\(url) \(url.environment)".contains("s3cret-pg"))
        #expect(url.environment.description == "libpq environment: PGUSER, PGPASSWORD")
    }

    @Test("pgpass lines: wildcards, \\: and \\\\ escapes, comments, first match wins")
    func pgpassParsing() {
        let file = PgPassFile(parsing: """
            # a comment line: host:port:db:user:pass
            db.example.com:5432:crm:bi:first\\:pass\\\\word

            *:*:crm:bi:second
            host\\:with\\:colons:6432:*:*:third
            \\*:*:*:star:literal-star
            127.0.0.1:54330:sales:ops:tail:ignored
            too:few:fields:here
            *:*:*:*:catch-all\r
            """)
        #expect(file.password(host: "db.example.com", port: 5432, database: "crm", user: "bi") == "first:pass\\word")
        #expect(file.password(host: "db.example.com", port: 5433, database: "crm", user: "bi") == "second")
        #expect(file.password(host: "host:with:colons", port: 6432, database: "any", user: "anyone") == "third")
        #expect(file.password(host: "*", port: 1, database: "x", user: "star") == "literal-star")
        #expect(file.password(host: "elsewhere", port: 1, database: "x", user: "star") == "catch-all")
        #expect(file.password(host: "127.0.0.1", port: 54330, database: "sales", user: "ops") == "tail")
        #expect(file.password(host: "too", port: 1, database: "fields", user: "here") == "catch-all")
        #expect(file.entries.count == 6)
        #expect(PgPassFile(parsing: "h:1:d:u:pw").password(host: "h", port: 2, database: "d", user: "u") == nil)
    }

    @Test("the password order: the secrets file, then PGPASSWORD, then the password file; a group-readable file is ignored with libpq's warning")
    func passwordOrder() async throws {
        let directory = try WorkspaceTempDirectory()
        try directory.paths.ensureExists()
        let passFile = directory.paths.directory.appendingPathComponent("pgpass").path
        try "db.example.com:5432:crm:bi:from-file\n".write(toFile: passFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passFile)
        let text = "postgres://bi@db.example.com/crm"
        let secrets = SecretsStore(fileURL: directory.paths.secretsURL)

        let fileOnly = try PostgresURL(parsing: text, environment: ["PGPASSFILE": passFile])
        #expect(try PostgresPasswordLookup.find(for: fileOnly, secrets: secrets)
            == PostgresPasswordLookup(password: "from-file", source: .passwordFile(passFile), warning: nil))
        let both = try PostgresURL(parsing: text, environment: ["PGPASSFILE": passFile, "PGPASSWORD": "from-env"])
        #expect(try PostgresPasswordLookup.find(for: both, secrets: secrets).password == "from-env")
        try await secrets.setDestinationPassword("from-secrets", for: both)
        #expect(try PostgresPasswordLookup.find(for: both, secrets: secrets)
            == PostgresPasswordLookup(password: "from-secrets", source: .secretsFile, warning: nil))

        let home = directory.paths.directory.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: passFile, toPath: home.appendingPathComponent(".pgpass").path)
        let viaHome = try PostgresURL(parsing: text, environment: ["HOME": home.path])
        #expect(try PostgresPasswordLookup.find(for: viaHome, secrets: nil).password == "from-file")

        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: passFile)
        let ignored = try PostgresPasswordLookup.find(for: fileOnly, secrets: nil)
        #expect(ignored.password == nil && ignored.source == .none)
        #expect(ignored.warning == "WARNING: password file \"\(passFile)\" has group or world access; permissions should be u=rw (0600) or less")
        #expect(PgPassFile.read(path: directory.paths.directory.path)
            == .ignored(warning: "WARNING: password file \"\(directory.paths.directory.path)\" is not a plain file"))
        #expect(PgPassFile.read(path: passFile + ".missing") == .absent)
    }
}
