import Foundation
import GRDB
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// The PostgreSQL server `.ci/run` starts (`INFUSE_TEST_POSTGRES_URL`, password in `PGPASSWORD`).
private let postgresURLText = ProcessInfo.processInfo.environment["INFUSE_TEST_POSTGRES_URL"]

@Suite(
    "PostgreSQL destination: the same tables as SQLite, an atomic swap, clear connection errors",
    .enabled(if: postgresURLText != nil, "INFUSE_TEST_POSTGRES_URL is not set: .ci/run starts a PostgreSQL server for these"),
    .serialized)
struct PostgresDestinationTests {
    @Test("a 2,500-contact refresh into PostgreSQL matches the SQLite refresh table by table, row by row")
    func sameTablesAsSQLite() async throws {
        try await withSandbox({ $0.records = 2500 }) { _, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            try fixture.workspace.insertDataSource(fixture.contactsSource())
            var postgres = fixture.contactsSource("Contacts pg")
            postgres.destination = try #require(postgresURLText)
            try fixture.workspace.insertDataSource(postgres)
            let sqlite = try await fixture.engine.refresh(sourceNamed: "Contacts report", progress: nil)
            let loaded = try await fixture.engine.refresh(sourceNamed: "Contacts pg", progress: nil)
            #expect(loaded.rowsPerTable["contacts_pg__contacts"] == 2500)

            let session = try await PostgresSession.connect(try PostgresURL(parsing: postgres.destination!), secrets: nil)
            defer { Task { await session.close() } }
            let tables = try await PostgresTables.tables(schema: "contacts_pg", session: session)
            #expect(Set(tables.keys) == Set(sqlite.rowsPerTable.keys.map { $0.replacingOccurrences(of: "contacts_report", with: "contacts_pg") }))
            for (sqliteTable, count) in sqlite.rowsPerTable {
                let pgTable = sqliteTable.replacingOccurrences(of: "contacts_report", with: "contacts_pg")
                let columns = try #require(tables[pgTable])
                #expect(loaded.rowsPerTable[pgTable] == count)
                #expect(try fixture.columns(sqliteTable).map { String($0.split(separator: ":")[0]) } == columns.map(\.name))
                let pgRows = try await PostgresTables.rows(schema: "contacts_pg", table: pgTable, columns: columns, session: session)
                let liteRows = try PostgresTables.sqliteRows(fixture: fixture, table: sqliteTable, columns: columns)
                #expect(pgRows.count == count)
                #expect(pgRows == liteRows, "\(pgTable)")
            }
            #expect(tables["contacts_pg__contacts"]?.contains { $0.type == "timestamp with time zone" } == true)
            #expect(tables["contacts_pg__contacts"]?.first { $0.name == "id" }?.type == "bigint")
            let view = try await session.textRows("SELECT count(*)::text FROM contacts_pg.contacts_pg", columns: 1)
            #expect(view.first?.first == (try fixture.count("contacts_report")).description)
            #expect(try fixture.workspace.lastRun(source: "Contacts pg")?.status == .succeeded)
        }
    }

    @Test("a refresh failing inside the PostgreSQL transaction, or with the server down, leaves the old tables intact")
    func failureKeepsOldTables() async throws {
        try await withSandbox({ $0.records = 600 }) { _, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            var source = fixture.contactsSource("Contacts keep", maxRows: 600)
            source.destination = try #require(postgresURLText)
            try fixture.workspace.insertDataSource(source)
            _ = try await fixture.engine.refresh(sourceNamed: "Contacts keep", progress: nil)
            let session = try await PostgresSession.connect(try PostgresURL(parsing: source.destination!), secrets: nil)
            defer { Task { await session.close() } }
            let tables = try await PostgresTables.tables(schema: "contacts_keep", session: session)
            let columns = try #require(tables["contacts_keep__contacts"])
            let before = try await PostgresTables.rows(schema: "contacts_keep", table: "contacts_keep__contacts", columns: columns, session: session)
            #expect(before.count == 600)

            // The view's join names a column the data lacks: it fails after the old schema was
            // dropped and the staging one renamed, inside the transaction, which rolls back.
            source.design.joins = [JoinDesign(parentTable: "contacts", parentColumn: "no_such_column",
                                              childTable: "contacts.email_addresses", childColumn: "contact_id")]
            source.maxRows = 300
            try fixture.workspace.updateDataSource(source)
            await #expect(throws: RefreshError.self) {
                _ = try await fixture.engine.refresh(sourceNamed: "Contacts keep", progress: nil)
            }
            #expect(try await PostgresTables.rows(schema: "contacts_keep", table: "contacts_keep__contacts", columns: columns, session: session) == before)
            #expect(try await PostgresTables.tables(schema: "contacts_keep__staging", session: session).isEmpty)
            let run = try #require(try fixture.workspace.lastRun(source: "Contacts keep"))
            #expect(run.status == .failed && run.error?.contains("no_such_column") == true)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.paths.directory.path)
            #expect(!leftovers.contains { $0.contains("pgcopy") })

            // A PostgreSQL that is down: a clear error in the history, old data intact.
            source.design.joins = []
            source.destination = "postgres://infuse@127.0.0.1:1/infuse_test?sslmode=disable"
            try fixture.workspace.updateDataSource(source)
            let error = await #expect(throws: DestinationError.self) {
                _ = try await fixture.engine.refresh(sourceNamed: "Contacts keep", progress: nil)
            }
            #expect(error?.userMessage.contains("cannot reach PostgreSQL 127.0.0.1:1") == true)
            #expect(try fixture.workspace.lastRun(source: "Contacts keep")?.error?.contains("cannot reach") == true)
            #expect(try await PostgresTables.rows(schema: "contacts_keep", table: "contacts_keep__contacts", columns: columns, session: session) == before)
        }
    }

    @Test("destination URLs: a password inside is refused, bad ones name the Destination field")
    func destinationValidation() throws {
        #expect(DataSourceValidator.destinationError(nil) == nil)
        #expect(DataSourceValidator.destinationError("postgres://u@h:5/db?sslmode=disable") == nil)
        #expect(DataSourceValidator.destinationError("postgres://u:secret@h/db")?.userMessage.hasPrefix("Destination must not contain a password") == true)
        #expect(DataSourceValidator.destinationError("postgres://u:secret@h/db")?.userMessage.contains("secret") == false)
        #expect(DataSourceValidator.destinationError("mysql://u@h/db")?.userMessage.hasPrefix("Destination") == true)
        #expect(DataSourceValidator.destinationError("postgres://u@h/db?sslmode=maybe")?.userMessage.hasPrefix("Destination") == true)
        #expect(DataSourceValidator.destinationError("postgres://h/db") == nil, "the user comes from PGUSER or the OS user")
    }

    @Test("`destinations test` succeeds on the server and gives one clear line on a wrong port or password")
    func destinationCheck() async throws {
        let url = try PostgresURL(parsing: try #require(postgresURLText))
        let report = try await PostgresDestinationCheck.run(url, secrets: nil)
        #expect(report.serverVersion.hasPrefix("PostgreSQL"))
        var wrongPort = url.text.replacingOccurrences(of: ":\(url.port)/", with: ":1/")
        if wrongPort == url.text { wrongPort = "postgres://\(url.user)@\(url.host):1/\(url.database)?sslmode=disable" }
        let error = await #expect(throws: DestinationError.self) {
            _ = try await PostgresDestinationCheck.run(try PostgresURL(parsing: wrongPort), secrets: nil)
        }
        #expect(error?.userMessage.contains("cannot reach PostgreSQL \(url.host):1/\(url.database) (connection refused)") == true)
        #expect(error?.userMessage.contains("\n") == false)

        let directory = try WorkspaceTempDirectory()
        try directory.paths.ensureExists()
        let secrets = SecretsStore(fileURL: directory.paths.secretsURL)
        try await secrets.setDestinationPassword("definitely-wrong", for: url)
        let refused = await #expect(throws: DestinationError.self) {
            _ = try await PostgresDestinationCheck.run(url, secrets: secrets)
        }
        #expect(refused?.userMessage.contains("refused the login") == true)
        #expect(refused?.userMessage.contains("definitely-wrong") == false)
    }
}

/// Reads tables of the test server, each value normalised to text the same way as SQLite's.
enum PostgresTables {
    struct Column: Equatable { var name: String; var type: String }

    static func tables(schema: String, session: PostgresSession) async throws -> [String: [Column]] {
        let rows = try await session.textRows("""
            SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
            WHERE table_schema = '\(schema)' ORDER BY table_name, ordinal_position
            """, columns: 3)
        var tables: [String: [Column]] = [:]
        for row in rows { tables[row[0]!, default: []].append(Column(name: row[1]!, type: row[2]!)) }
        return tables.filter { $0.key != schema }
    }

    static func rows(schema: String, table: String, columns: [Column], session: PostgresSession) async throws -> [[String?]] {
        let select = columns.map { column -> String in
            let name = column.name.quotedIdentifier
            return switch column.type {
            case "timestamp with time zone": "to_char(\(name) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS')"
            case "numeric": "\(name)::float8::text"
            case "boolean": "\(name)::int::text"
            default: "\(name)::text"
            }
        }.joined(separator: ", ")
        let rows = try await session.textRows(
            "SELECT \(select) FROM \(schema.quotedIdentifier).\(table.quotedIdentifier)", columns: columns.count)
        return sorted(rows.map { row in zip(row, columns).map { normalise($0, type: $1.type) } })
    }

    static func sqliteRows(fixture: RefreshFixture, table: String, columns: [Column]) throws -> [[String?]] {
        let rows = try fixture.workspace.dbPool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)").map { row in
                row.databaseValues.map { value -> String? in
                    switch value.storage {
                    case .null: nil
                    case .int64(let number): String(number)
                    case .double(let number): String(number)
                    case .string(let text): text
                    case .blob: "<blob>"
                    }
                }
            }
        }
        return sorted(rows.map { row in zip(row, columns).map { value, column in
            switch column.type {
            case "timestamp with time zone": value.flatMap(isoUTC)
            case "numeric": value.flatMap(Double.init).map { String($0) }
            default: normalise(value, type: column.type)
            }
        } })
    }

    private static func normalise(_ value: String?, type: String) -> String? {
        guard let value else { return nil }
        switch type {
        case "numeric": return Double(value).map { String($0) } ?? value
        case "jsonb":
            guard let object = try? JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed),
                  let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
            else { return value }
            return String(decoding: data, as: UTF8.self)
        default: return value
        }
    }

    /// Keap's and ISO 8601 date-times as `yyyy-MM-ddTHH:mm:ss.SSS` in UTC.
    private static func isoUTC(_ text: String) -> String? {
        var text = text
        if text.count == 10 { text += "T00:00:00Z" }
        if let sign = text.lastIndex(where: { $0 == "+" || $0 == "-" }), text.distance(from: sign, to: text.endIndex) == 5,
           text[text.index(after: sign)...].allSatisfy(\.isNumber) {
            text.insert(":", at: text.index(sign, offsetBy: 3))
        }
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var date = parser.date(from: text)
        if date == nil {
            parser.formatOptions = [.withInternetDateTime]
            date = parser.date(from: text)
        }
        guard let date else { return "unparsed:\(text)" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS"
        return formatter.string(from: date)
    }

    private static func sorted(_ rows: [[String?]]) -> [[String?]] {
        rows.sorted { $0.map { $0 ?? "\u{0}" }.lexicographicallyPrecedes($1.map { $0 ?? "\u{0}" }) }
    }
}
