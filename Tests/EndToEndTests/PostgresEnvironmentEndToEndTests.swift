import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

/// `infuse` with a destination its URL leaves to libpq's variables and password file, as a
/// PostgreSQL user sets them: the child processes get them in their environment.
@Suite(
    "PostgreSQL destination through PG* variables and a password file (CLI)", .serialized,
    .enabled(if: InfuseBinary.exists, "run `swift build` first"),
    .enabled(if: ProcessInfo.processInfo.environment["INFUSE_TEST_POSTGRES_URL"] != nil
                && ProcessInfo.processInfo.environment["PGPASSWORD"] != nil,
             "set INFUSE_TEST_POSTGRES_URL and PGPASSWORD (.ci/run starts a private PostgreSQL)"))
struct PostgresEnvironmentEndToEndTests {
    /// The test server's parts, from `URLComponents`.
    struct Server {
        let host: String, port: Int, user: String, database: String, password: String

        init() throws {
            let environment = ProcessInfo.processInfo.environment
            let text = try #require(environment["INFUSE_TEST_POSTGRES_URL"])
            let components = try #require(URLComponents(string: text))
            host = try #require(components.host)
            port = components.port ?? 5432
            user = try #require(components.user)
            database = String(components.path.dropFirst())
            password = try #require(environment["PGPASSWORD"])
        }

        /// `PGHOST`, `PGPORT`, `PGUSER`; `PGPASSWORD` empty (libpq's "unset") unless given.
        func variables(password: String? = nil, passFile: String? = nil) -> [String: String] {
            var variables = ["PGHOST": host, "PGPORT": String(port), "PGUSER": user, "PGPASSWORD": password ?? ""]
            if let passFile { variables["PGPASSFILE"] = passFile }
            return variables
        }
    }

    /// A workspace with the sandbox's API key account `Ops` and a contacts source into `destination`.
    static func workspace(
        _ sandbox: SandboxProcess, home: URL, source: String, destination: String, environment: [String: String]
    ) async throws {
        let add = try await runInfuse(
            ["accounts", "add", "Ops", "--api-base", sandbox.apiBase.absoluteString, "--api-key", "KeapAK-sandbox-0000-demo-key"],
            home: home)
        try #require(add.status == 0, "\(add.stderr)")
        let create = try await runInfuse(
            ["sources", "create", source, "--account", "Ops", "--endpoint", "contacts", "--max-rows", "250",
             "--schemas", "contacts", "--destination", destination], home: home, environment: environment)
        try #require(create.status == 0, "\(create.stderr)")
    }

    @Test("postgres:///db with PGHOST, PGPORT, PGUSER and PGPASSWORD: `destinations test` and a refresh")
    func variablesOnly() async throws {
        let server = try Server()
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(["--records", "250", "--seed", "11"], home: home.url)
        defer { sandbox.stop() }
        let name = "PgEnv\(UInt16.random(in: 1000...9999))"
        let slug = TableNaming.slug(for: name)
        let destination = "postgres:///\(server.database)"
        let environment = server.variables(password: server.password)
        try await Self.workspace(sandbox, home: home.url, source: name, destination: destination, environment: environment)

        let check = try await runInfuse(["destinations", "test", destination], home: home.url, environment: environment)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasPrefix(
            "ok: \(server.host):\(server.port)/\(server.database) as \(server.user) (sslmode=prefer, no TLS, password: PGPASSWORD): PostgreSQL"),
                "\(check.stdout)")

        let refresh = try await runInfuse(["refresh", name], home: home.url, environment: environment)
        #expect(refresh.status == 0, "\(refresh.stderr)")
        let table = "\(slug).\(TableNaming.tableName(source: name, schemaPath: "contacts"))"
        #expect(try PostgresCrashEndToEndTests.psql("SELECT count(*), count(DISTINCT id) FROM \(table)") == "250|250")
        _ = try PostgresCrashEndToEndTests.psql("DROP SCHEMA IF EXISTS \(slug) CASCADE")
        #expect(!refresh.stdout.contains(server.password) && !refresh.stderr.contains(server.password))
    }

    @Test("the password from PGPASSFILE refreshes; once group-readable the file is ignored with libpq's warning")
    func passwordFile() async throws {
        let server = try Server()
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(["--records", "250", "--seed", "12"], home: home.url)
        defer { sandbox.stop() }
        let passFile = home.path("pgpass")
        try "\(server.host):\(server.port):\(server.database):\(server.user):\(server.password)\n"
            .write(to: passFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passFile.path)
        let name = "PgPass\(UInt16.random(in: 1000...9999))"
        let slug = TableNaming.slug(for: name)
        let destination = "postgres:///\(server.database)"
        let environment = server.variables(passFile: passFile.path)
        try await Self.workspace(sandbox, home: home.url, source: name, destination: destination, environment: environment)

        let refresh = try await runInfuse(["refresh", name], home: home.url, environment: environment)
        #expect(refresh.status == 0, "\(refresh.stderr)")
        let table = "\(slug).\(TableNaming.tableName(source: name, schemaPath: "contacts"))"
        #expect(try PostgresCrashEndToEndTests.psql("SELECT count(*), count(DISTINCT id) FROM \(table)") == "250|250")
        _ = try PostgresCrashEndToEndTests.psql("DROP SCHEMA IF EXISTS \(slug) CASCADE")

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: passFile.path)
        let check = try await runInfuse(["destinations", "test", destination], home: home.url, environment: environment)
        #expect(check.status == 1)
        let warning = "WARNING: password file \"\(passFile.path)\" has group or world access; permissions should be u=rw (0600) or less"
        let lines = check.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 1 && lines.first?.hasPrefix("infuse: PostgreSQL \(server.host):\(server.port)/\(server.database) asks for a password") == true, "\(lines)")
        #expect(lines.first?.contains(warning) == true, "\(lines)")
        let again = try await runInfuse(["refresh", name], home: home.url, environment: environment)
        #expect(again.status != 0 && again.stderr.contains(warning), "\(again.stderr)")
    }
}
