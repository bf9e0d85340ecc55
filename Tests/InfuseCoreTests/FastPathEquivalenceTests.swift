import Foundation
import GRDB
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// The fast import path (`RefreshEngine.importFiles`: byte-level reader, one-pass flattening,
/// batched prepared inserts) gives exactly the tables of the schema issue's behaviour —
/// `SchemaInferrer` + `Flattener` on the same pages — and of a refresh from the sandbox:
/// the same table names, declared types and rows, and the same clear errors on hostile input.
@Suite("Fast path equivalence")
struct FastPathEquivalenceTests {
    @Test("importFiles loads exactly the tables SchemaInferrer and Flattener give for the same pages")
    func importMatchesSchemaReference() async throws {
        let pages = [
            SchemaTestFixtures.contactsPage(first: 0, count: 40, total: 95),
            SchemaTestFixtures.contactsPage(first: 40, count: 40, total: 95),
            SchemaTestFixtures.contactsPage(first: 80, count: 15, total: 95),
        ]
        let store = try FastPathStore()
        let files = try store.write(pages, prefix: "page")
        try store.saveSource("Saved contacts")
        let outcome = try await store.engine.importFiles(sourceNamed: "Saved contacts", files: files, schemas: nil, progress: nil)

        let expected = try FastPathReference.tables(pages: pages, sourceName: "Saved contacts", recordsName: "contacts")
        let actual = try store.tables(of: "Saved contacts")
        #expect(expected.count >= 6, "the fixture should give the contact child tables: \(expected.keys.sorted())")
        #expect(actual.keys.sorted() == expected.keys.sorted())
        for (name, table) in expected {
            let loaded = try #require(actual[name], "missing table \(name)")
            #expect(loaded.declaredTypes == table.declaredTypes, "declared types of \(name)")
            #expect(loaded.rows.count == table.rows.count, "row count of \(name)")
            for (index, (row, reference)) in zip(loaded.rows, table.rows).enumerated() where row != reference {
                Issue.record("\(name) row \(index): loaded \(row), reference \(reference)")
                break
            }
            #expect(outcome.rowsPerTable[name] == table.rows.count, "outcome rows of \(name)")
        }
    }

    @Test("importing saved pages gives the same tables as refreshing the same pages from the sandbox")
    func importMatchesRefresh() async throws {
        try await withSandbox({ $0.records = 2_345 }) { _, _, apiBase in
            let store = try FastPathStore()
            try await store.accounts.addAPIKeyAccount(name: "Sandbox", apiBase: apiBase, key: SandboxCredentials.apiKey)
            try store.saveSource("Live", account: "Sandbox")
            try store.saveSource("Saved", account: "Sandbox")
            _ = try await store.engine.refresh(sourceNamed: "Live", progress: nil)

            let client = KeapClient(apiBase: apiBase, credentials: APIKeyCredential(key: SandboxCredentials.apiKey))
            let endpoint = try #require(EndpointCatalogue.endpoint(id: "contacts"))
            var bodies: [[UInt8]] = []
            for try await page in client.pages(.endpoint(endpoint, pathParameters: [:], query: FastPathStore.query), maxRows: nil) {
                bodies.append(page.body)
            }
            #expect(bodies.count == 3)
            let files = try store.write(bodies, prefix: "saved")
            _ = try await store.engine.importFiles(sourceNamed: "Saved", files: files, schemas: nil, progress: nil)

            let live = try store.tables(of: "Live")
            let saved = try store.tables(of: "Saved")
            let liveBySchema = FastPathStore.bySchemaPart(live, source: "Live")
            let savedBySchema = FastPathStore.bySchemaPart(saved, source: "Saved")
            #expect(liveBySchema.count >= 6, "tables: \(live.keys.sorted())")
            #expect(liveBySchema.keys.sorted() == savedBySchema.keys.sorted())
            for (schema, table) in liveBySchema {
                let other = try #require(savedBySchema[schema])
                #expect(other.declaredTypes == table.declaredTypes, "declared types of \(schema)")
                #expect(other.rows.count == table.rows.count, "row count of \(schema)")
                #expect(other.rows == table.rows, "rows of \(schema)")
            }
            let contacts = try #require(liveBySchema[TableNaming.schemaPart("contacts")])
            #expect(contacts.rows.count == 2_345)
        }
    }

    @Test("hostile inputs give the schema reader's clear error through import, and leave the old tables", arguments: FastPathHostile.cases)
    func hostileInputs(_ hostile: FastPathHostile) async throws {
        let store = try FastPathStore()
        try store.saveSource("Hostile")
        let good = try store.write([SchemaTestFixtures.contactsPage(first: 0, count: 5, total: 5)], prefix: "good")
        _ = try await store.engine.importFiles(sourceNamed: "Hostile", files: good, schemas: nil, progress: nil)
        let before = try store.tables(of: "Hostile")

        let reference = FastPathReference.inferenceError(hostile.bytes)
        let files = try store.write([hostile.bytes], prefix: "hostile")
        var message: String?
        do {
            _ = try await store.engine.importFiles(sourceNamed: "Hostile", files: files, schemas: nil, progress: nil)
        } catch {
            message = userMessage(for: error)
        }
        let reason = try #require(reference, "the schema reader accepts \(hostile.name)")
        let text = try #require(message, "import accepted \(hostile.name)")
        #expect(text.contains(reason), "import said: \(text); the schema reader says: \(reason)")
        #expect(text.contains(files[0].lastPathComponent), "the error should name the file: \(text)")
        #expect(!text.contains("\n"), "one line: \(text)")
        let after = try store.tables(of: "Hostile")
        #expect(after.keys.sorted() == before.keys.sorted())
        #expect(after.mapValues(\.rows) == before.mapValues(\.rows))
    }
}

/// A hostile page and its name.
struct FastPathHostile: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    var testDescription: String { name }

    static let cases: [FastPathHostile] = [
        .init(name: "empty file", bytes: []),
        .init(name: "top-level scalar", bytes: Array("42".utf8)),
        .init(name: "malformed page", bytes: Array("{\"contacts\":[{\"id\":1},\n{\"id\" 2}]}".utf8)),
        .init(name: "truncated page", bytes: Array("[{\"id\":1},{\"id\":".utf8)),
        .init(name: "trailing data", bytes: Array("{\"contacts\":[{\"id\":1}]} {}".utf8)),
        .init(name: "10,000 levels", bytes: Array(("{\"contacts\":[" + String(repeating: "[", count: 10_000)
            + String(repeating: "]", count: 10_000) + "]}").utf8)),
        .init(name: "invalid UTF-8", bytes: Array("{\"contacts\":[{\"name\":\"".utf8) + [0xFF] + Array("\"}]}".utf8)),
        .init(name: "duplicate list key", bytes: Array("{\"contacts\":[],\"contacts\":[]}".utf8)),
    ]
}

/// One loaded table: declared column types by name, rows as name → value (column order aside).
struct FastPathTable: Equatable {
    var declaredTypes: [String: String]
    var rows: [[String: SQLValue]]
}

/// The schema issue's behaviour on pages: the tables `SchemaInferrer` + `Flattener` give.
enum FastPathReference {
    static func tables(pages: [[UInt8]], sourceName: String, recordsName: String) throws -> [String: FastPathTable] {
        let inferrer = SchemaInferrer(options: SchemaInferenceOptions(recordsName: recordsName))
        for page in pages { try inferrer.add(page: page) }
        let tree = try inferrer.tree()
        let schemas = tree.allSchemas
        let flattener = try Flattener(tree: tree, tables: schemas.map(FlattenTable.init(schema:)))
        var sink = SchemaCollectingSink(tables: schemas.count)
        for page in pages { try flattener.flatten(page: page, into: &sink) }
        var tables: [String: FastPathTable] = [:]
        for (index, schema) in schemas.enumerated() {
            let names = schema.columns.map(\.name)
            tables[TableNaming.tableName(source: sourceName, schemaPath: schema.path)] = FastPathTable(
                declaredTypes: Dictionary(uniqueKeysWithValues: schema.columns.map { ($0.name, $0.type.sqliteDeclaredType) }),
                rows: sink.rows[index].map { Dictionary(uniqueKeysWithValues: zip(names, $0)) })
        }
        return tables
    }

    /// The schema reader's message for a page, or nil when it accepts it.
    static func inferenceError(_ bytes: [UInt8]) -> String? {
        do {
            let inferrer = SchemaInferrer()
            try inferrer.add(page: bytes)
            _ = try inferrer.tree()
            return nil
        } catch {
            return userMessage(for: error)
        }
    }
}

/// A temporary workspace with an engine, and helpers to save sources and read tables back.
final class FastPathStore {
    static let query = ["optional_properties": "custom_fields"]
    let directory: WorkspaceTempDirectory
    let workspace: Workspace
    let accounts: AccountManager
    let engine: RefreshEngine

    init() throws {
        directory = try WorkspaceTempDirectory()
        workspace = try Workspace.open(directory.paths)
        accounts = AccountManager(workspace: workspace, secrets: SecretsStore(fileURL: directory.paths.secretsURL))
        engine = RefreshEngine(workspace: workspace, accounts: accounts)
    }

    /// Saves a `contacts` source importing every schema (an offline account when none is named).
    func saveSource(_ name: String, account: String? = nil) throws {
        let accountName = account ?? "Offline"
        if try workspace.account(named: accountName) == nil {
            try workspace.insertAccount(Account(
                name: accountName, apiBase: try #require(URL(string: "https://api.infusionsoft.com/crm/rest")), authKind: .apiKey))
        }
        try workspace.insertDataSource(DataSource(
            name: name, accountName: accountName, target: .endpoint(id: "contacts", query: Self.query)))
    }

    /// Writes pages to `<prefix>-N.json` files.
    func write(_ pages: [[UInt8]], prefix: String) throws -> [URL] {
        try pages.enumerated().map { index, bytes in
            let url = directory.url.appendingPathComponent("\(prefix)-\(index + 1).json")
            try Data(bytes).write(to: url)
            return url
        }
    }

    /// Every table of source `name`, read back from SQLite in rowid order.
    func tables(of name: String) throws -> [String: FastPathTable] {
        var tables: [String: FastPathTable] = [:]
        for table in try workspace.importedTables(of: name) {
            tables[table] = try workspace.dbPool.read { db in
                let quoted = table.quotedDatabaseIdentifier
                let info = try Row.fetchAll(db, sql: "PRAGMA table_info(\(quoted))")
                let names: [String] = info.map { $0["name"] }
                let types = Dictionary(uniqueKeysWithValues: info.map { (($0["name"] as String?) ?? "", ($0["type"] as String?) ?? "") })
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(quoted) ORDER BY rowid").map { row in
                    Dictionary(uniqueKeysWithValues: names.enumerated().map { index, column in
                        (column, Self.value(row[index] as DatabaseValue))
                    })
                }
                return FastPathTable(declaredTypes: types, rows: rows)
            }
        }
        return tables
    }

    /// Tables keyed by the part of their name after the source's slug.
    static func bySchemaPart(_ tables: [String: FastPathTable], source: String) -> [String: FastPathTable] {
        let prefix = TableNaming.slug(for: source).count + 2
        return Dictionary(uniqueKeysWithValues: tables.map { (String($0.key.dropFirst(prefix)), $0.value) })
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .double(number)
        case .string(let text): .text(text)
        case .blob(let data): .text("<blob \(data.count) bytes>")
        }
    }
}
