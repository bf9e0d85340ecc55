import AsyncHTTPClient
import Foundation
import GRDB
import InfuseCore
import InfuseTestSupport
import NIOHTTP1
import Testing

/// Secrets seen by every reliability scenario of this process, checked by the leak test.
let reliabilityLedger = SecretLedger()

/// A workspace on disk plus an `infuse sandbox` process, driven through the built `infuse` binary.
/// Every command's output goes into `reliabilityLedger`, and after each command the tokens in
/// `secrets.json` are harvested so the leak check knows every value they had.
final class ReliabilityHarness: @unchecked Sendable {
    let home: TemporaryDirectory
    /// The running sandbox; replaced by ``moveData(_:)``.
    private(set) var sandbox: SandboxProcess
    let ledger = reliabilityLedger

    init(sandbox arguments: [String]) async throws {
        home = try TemporaryDirectory(prefix: "infuse-rel")
        sandbox = try await SandboxProcess.start(arguments, home: home.url)
    }

    /// A harness whose workspace is `directory` (e.g. a small tmpfs); `finish()` empties it.
    init(sandbox arguments: [String], home directory: URL) async throws {
        home = TemporaryDirectory(existing: directory)
        sandbox = try await SandboxProcess.start(arguments, home: directory)
    }

    /// Changes the API's data before a refresh: restarts the sandbox on the same port (so the
    /// account's API base still points at it) with `arguments`, e.g. another `--seed` (every
    /// value changes) and `--records` (records created or deleted). A refresh that then swaps
    /// nothing in is caught by the oracle.
    func moveData(_ arguments: [String]) async throws {
        let port = sandbox.root.port ?? 0
        sandbox.stop()
        var lastError: (any Error)?
        for _ in 0..<20 {
            do {
                sandbox = try await SandboxProcess.start(arguments, home: home.url, port: port)
                return
            } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(250))
            }
        }
        throw lastError ?? SandboxProcessError.badFirstLine("")
    }

    /// The oracle's verdict on `source`'s tables against the sandbox's current contacts.
    func oracle(source: String) async throws -> OracleVerdict {
        let expected = try await ReliabilityOracle.expectedContacts(sandboxRoot: sandbox.root)
        let actual = try ReliabilityOracle.loaded(database: databaseURL, source: source, paths: Array(expected.keys))
        return ReliabilityOracle.compare(expected: expected, actual: actual)
    }

    /// The oracle's expected tables now, to compare later tables with.
    func expectedTables() async throws -> ReliabilityOracle.Tables {
        try await ReliabilityOracle.expectedContacts(sandboxRoot: sandbox.root)
    }

    /// What `source`'s tables hold now, for the schema paths of `expected`.
    func loadedTables(source: String, like expected: ReliabilityOracle.Tables) throws -> ReliabilityOracle.Tables {
        try ReliabilityOracle.loaded(database: databaseURL, source: source, paths: Array(expected.keys))
    }

    var paths: WorkspacePaths { WorkspacePaths(directory: home.url) }
    var secretsURL: URL { home.path("secrets.json") }
    var databaseURL: URL { home.path("infuse.sqlite") }

    /// Runs `infuse ARGS` in this workspace and records its output.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(120)) async throws -> ProcessOutput {
        let output = try await runInfuse(arguments, home: home.url, environment: environment, timeout: timeout)
        ledger.record("infuse \(arguments.prefix(2).joined(separator: " "))", output)
        ledger.harvest(secretsFile: secretsURL)
        return output
    }

    /// Adds the sandbox's documented API key as account `name`.
    func addAPIKeyAccount(_ name: String = "Ops") async throws {
        ledger.addSecret("KeapAK-sandbox-0000-demo-key", kind: "api_key")
        let add = try await run(["accounts", "add", name, "--api-base", sandbox.apiBase.absoluteString, "--api-key", "KeapAK-sandbox-0000-demo-key"])
        try #require(add.status == 0, "\(add.stderr)")
    }

    /// Signs in over OAuth with a `$BROWSER` script that answers Allow.
    func addOAuthAccount(_ name: String = "Demo") async throws {
        ledger.addSecret("sandbox-secret", kind: "client_secret")
        let browser = home.path("approve.sh")
        try ApprovingBrowser.write(to: browser)
        let add = try await run(
            ["accounts", "add", name, "--api-base", sandbox.apiBase.absoluteString, "--oauth"], environment: ["BROWSER": browser.path])
        try #require(add.status == 0, "\(add.stderr)")
    }

    /// Creates a contacts data source importing the `contacts` schema only.
    func createContactsSource(_ name: String, account: String, maxRows: Int, extra: [String] = []) async throws {
        let create = try await run(
            ["sources", "create", name, "--account", account, "--endpoint", "contacts", "--max-rows", String(maxRows),
             "--schemas", "contacts"] + extra)
        try #require(create.status == 0, "\(create.stderr)")
    }

    /// Opens the workspace (as the next command would: runs left `running` become `interrupted`).
    func openWorkspace() throws -> Workspace { try Workspace.open(paths) }

    /// Rows, distinct ids and the id set of a source's contacts table (nil when it has none).
    func contactsTable(of source: String) throws -> TableCensus? {
        let table = TableNaming.tableName(source: source, schemaPath: "contacts")
        let workspace = try openWorkspace()
        return try workspace.dbPool.read { db -> TableCensus? in
            guard try db.tableExists(table) else { return nil }
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM \(table.quotedDatabaseIdentifier)")
            let check = try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "?"
            return TableCensus(rows: ids.count, ids: Set(ids), integrity: check)
        }
    }

    /// POSTs or GETs a `/_sandbox/…` control endpoint and returns the JSON object.
    @discardableResult
    func control(_ path: String, method: HTTPMethod = .POST, root: URL? = nil) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: (root ?? sandbox.root).absoluteString + path)
        request.method = method
        // The sandbox restarts on the same port between rounds: never keep a connection to it
        // in the pool, where the next request could pick it up after the old process is gone.
        request.headers.add(name: "Connection", value: "close")
        let response = try await InfuseHTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    /// The sandbox's counters.
    func stats() async throws -> [String: Int] {
        try await control("/_sandbox/stats", method: .GET).compactMapValues { ($0 as? NSNumber)?.intValue }
    }

    /// Stops the sandbox and removes the workspace after checking its database for secrets.
    func finish(sourceLocation: SourceLocation = #_sourceLocation) {
        ledger.harvest(secretsFile: secretsURL)
        let files = ["infuse.sqlite", "infuse.sqlite-wal"].map(home.path)
        let leaks = ledger.leaks(files: files)
        #expect(leaks.isEmpty, "secrets leaked: \(leaks)", sourceLocation: sourceLocation)
        sandbox.stop()
        home.remove()
    }
}

/// What a table holds.
struct TableCensus: Equatable {
    var rows: Int
    var ids: Set<Int64>
    var integrity: String
    var duplicates: Int { rows - ids.count }
}

/// A saved contacts page of `count` made-up contacts with ids from 900001, as "old data".
func writeOldContactsFile(_ url: URL, count: Int) throws {
    let records = (0..<count).map { index in
        #"{"id":\#(900_001 + index),"given_name":"Old \#(index)","family_name":"Row","email_addresses":[]}"#
    }
    try #"{"contacts":[\#(records.joined(separator: ","))],"count":\#(count)}"#.write(to: url, atomically: true, encoding: .utf8)
}
