import Foundation
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// The test server (`INFUSE_TEST_POSTGRES_URL`, password in `PGPASSWORD`), which offers no TLS.
private let serverURLText = ProcessInfo.processInfo.environment["INFUSE_TEST_POSTGRES_URL"]
private let serverPassword = ProcessInfo.processInfo.environment["PGPASSWORD"]

/// The test server's URL parts, read with `URLComponents` (not the code under test).
private struct TestServer {
    var host: String
    var port: Int
    var user: String
    var database: String

    init() throws {
        let text = try #require(serverURLText)
        let components = try #require(URLComponents(string: text))
        host = try #require(components.host)
        port = components.port ?? 5432
        user = try #require(components.user)
        database = String(components.path.dropFirst())
    }

    /// The URL with an sslmode query, or none.
    func url(sslmode: String? = nil, host: String? = nil) -> String {
        "postgres://\(user)@\(host ?? self.host):\(port)/\(database)" + (sslmode.map { "?sslmode=\($0)" } ?? "")
    }

    /// `PGHOST`, `PGPORT` and `PGUSER` naming this server.
    var variables: [String: String] { ["PGHOST": host, "PGPORT": String(port), "PGUSER": user] }
}

@Suite(
    "PostgreSQL libpq conventions against the real server: loopback default, PG* variables, pgpass, sslmode",
    .enabled(if: serverURLText != nil && serverPassword != nil, "INFUSE_TEST_POSTGRES_URL and PGPASSWORD are not set: .ci/run starts a PostgreSQL server for these"),
    .serialized)
struct PostgresLibpqConventionTests {
    @Test("a loopback URL without sslmode connects in plain (the server offers no TLS) and loads the sandbox's contacts")
    func loopbackWithoutSSLMode() async throws {
        let server = try TestServer()
        let text = server.url()
        let url = try PostgresURL(parsing: text)
        #expect(url.sslMode == .prefer && url.sslModeOrigin == .defaulted)
        let report = try await PostgresDestinationCheck.run(url, secrets: nil)
        #expect(report.serverVersion.hasPrefix("PostgreSQL") && !report.encrypted && report.passwordSource == .environment)

        try await withSandbox({ $0.records = 300 }) { _, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            var source = fixture.contactsSource("Contacts loopback", maxRows: 300)
            source.destination = text
            try fixture.workspace.insertDataSource(source)
            let outcome = try await fixture.engine.refresh(sourceNamed: "Contacts loopback", progress: nil)
            #expect(outcome.rowsPerTable["contacts_loopback__contacts"] == 300)

            let raw = try await RawContacts.fetch(apiBase: apiBase, maxRows: 300)
            let expected = Set(raw.records.map { "\(($0["id"] as? Int) ?? -1)|\(($0["given_name"] as? String) ?? "")" })
            let session = try await PostgresSession.connect(url, secrets: nil)
            let rows = try await session.textRows(
                "SELECT id::text, coalesce(given_name, '') FROM contacts_loopback.contacts_loopback__contacts", columns: 2)
            try await session.execute("DROP SCHEMA contacts_loopback CASCADE")
            await session.close()
            #expect(expected.count == 300)
            #expect(Set(rows.map { "\($0[0] ?? "")|\($0[1] ?? "")" }) == expected)
        }
    }

    @Test("a destination through PG* variables only: postgres:///db with PGHOST, PGPORT, PGUSER and PGPASSWORD")
    func environmentOnly() async throws {
        let server = try TestServer()
        var environment = server.variables
        environment["PGPASSWORD"] = try #require(serverPassword)
        let url = try PostgresURL(parsing: "postgres:///\(server.database)", environment: environment)
        #expect([url.host, String(url.port), url.user] == [server.host, String(server.port), server.user])
        let report = try await PostgresDestinationCheck.run(url, secrets: nil)
        #expect(report.passwordSource == .environment && !report.encrypted)

        environment["PGDATABASE"] = server.database
        let bare = try PostgresURL(parsing: "postgres://", environment: environment)
        #expect(try await PostgresDestinationCheck.run(bare, secrets: nil).serverVersion.hasPrefix("PostgreSQL"))

        // Without any password the server asks for one, and the message says where to put it.
        environment["PGPASSWORD"] = nil
        environment["PGPASSFILE"] = "/nonexistent/pgpass"
        let missing = await #expect(throws: DestinationError.self) {
            _ = try await PostgresDestinationCheck.run(try PostgresURL(parsing: "postgres:///\(server.database)", environment: environment), secrets: nil)
        }
        #expect(missing?.userMessage.hasPrefix("PostgreSQL \(server.host):\(server.port)/\(server.database) asks for a password for \(server.user)") == true)
    }

    @Test("the password from a PGPASSFILE file (no PGPASSWORD); a group-readable one is ignored with libpq's warning")
    func passwordFile() async throws {
        let server = try TestServer()
        let password = try #require(serverPassword)
        let directory = try WorkspaceTempDirectory()
        try directory.paths.ensureExists()
        let path = directory.paths.directory.appendingPathComponent("pgpass").path
        let escaped = password.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ":", with: "\\:")
        try """
            # the test server, after a line for another database
            \(server.host):\(server.port):other_db:\(server.user):wrong-password
            *:\(server.port):\(server.database):\(server.user):\(escaped)

            """.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        var environment = server.variables
        environment["PGPASSFILE"] = path
        let url = try PostgresURL(parsing: "postgres:///\(server.database)", environment: environment)
        let report = try await PostgresDestinationCheck.run(url, secrets: nil)
        #expect(report.passwordSource == .passwordFile(path) && report.passwordWarning == nil)

        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        let warning = "WARNING: password file \"\(path)\" has group or world access; permissions should be u=rw (0600) or less"
        let ignored = await #expect(throws: DestinationError.self) {
            _ = try await PostgresDestinationCheck.run(url, secrets: nil)
        }
        #expect(ignored?.userMessage.contains("asks for a password for \(server.user)") == true)
        #expect(ignored?.userMessage.contains(warning) == true, "\(ignored?.userMessage ?? "")")
        #expect(ignored?.userMessage.contains("\n") == false && ignored?.userMessage.contains(password) == false)
    }

    @Test("sslmode=require, verify-ca and verify-full (URL or PGSSLMODE) against a server without TLS: one line naming host:port")
    func tlsRequiredButNotOffered() async throws {
        let server = try TestServer()
        let cases: [(String, [String: String], String)] = [
            (server.url(sslmode: "require"), [:], "sslmode=require insists on"),
            (server.url(sslmode: "verify-ca"), [:], "sslmode=verify-ca insists on"),
            (server.url(sslmode: "verify-full", host: "localhost"), [:], "sslmode=verify-full insists on"),
            (server.url(), ["PGSSLMODE": "require"], "sslmode=require (from PGSSLMODE) insists on"),
        ]
        for (text, environment, mode) in cases {
            var variables = environment
            variables["PGPASSWORD"] = serverPassword
            let url = try PostgresURL(parsing: text, environment: variables)
            let error = await #expect(throws: DestinationError.self) {
                _ = try await PostgresDestinationCheck.run(url, secrets: nil)
            }
            let message = error?.userMessage ?? ""
            #expect(message == "PostgreSQL \(url.host):\(server.port)/\(server.database) does not offer TLS, which \(mode): use sslmode=disable or prefer only on a trusted network", "\(text)")
            #expect(!message.contains("\n") && serverPassword.map { !message.contains($0) } == true)
        }
        let ipFull = DataSourceValidator.destinationError(server.url(sslmode: "verify-full"))
        #expect(ipFull?.userMessage.hasPrefix("Destination's sslmode=verify-full needs a host name, not the address \(server.host)") == true)
    }

    @Test("sslmode=allow and disable connect in plain, prefer falls back to plain; allow reports a refused login as such")
    func plainModes() async throws {
        let server = try TestServer()
        for mode in ["allow", "disable", "prefer"] {
            let report = try await PostgresDestinationCheck.run(try PostgresURL(parsing: server.url(sslmode: mode)), secrets: nil)
            #expect(!report.encrypted, "\(mode)")
        }
        // `allow` retries a refused plain login over TLS; this server has none, so the refusal is what it says.
        let directory = try WorkspaceTempDirectory()
        try directory.paths.ensureExists()
        let secrets = SecretsStore(fileURL: directory.paths.secretsURL)
        let allow = try PostgresURL(parsing: server.url(sslmode: "allow"))
        try await secrets.setDestinationPassword("not-the-password", for: allow)
        let refused = await #expect(throws: DestinationError.self) {
            _ = try await PostgresDestinationCheck.run(allow, secrets: secrets)
        }
        #expect(refused?.userMessage.hasPrefix(
            "PostgreSQL \(server.host):\(server.port)/\(server.database) refused the login of \(server.user) with the password from the secrets file") == true,
                "\(refused?.userMessage ?? "")")
        #expect(refused?.userMessage.contains("not-the-password") == false)
    }
}
