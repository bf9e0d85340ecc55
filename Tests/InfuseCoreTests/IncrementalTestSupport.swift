import AsyncHTTPClient
import Foundation
import GRDB
import InfuseSandbox
import Testing

@testable import InfuseCore

/// Content comparison of a data source's tables with another's (a full read of the same
/// endpoint), and of its record list with the sandbox's own export: every row as the set of its
/// non-null `column=value` cells, so column order (a merge appends new columns) does not matter
/// but every value does.
enum IncrementalCheck {
    /// Each table of `source` (but `root`, the page wrapper a merge leaves alone) by schema path,
    /// every row as one sorted line of its non-null cells; the lines sorted.
    static func tables(_ workspace: Workspace, source: String) throws -> [String: [String]] {
        let slug = TableNaming.slug(for: source)
        let names = try workspace.importedTables(of: source)
        return try workspace.dbPool.read { db in
            var tables: [String: [String]] = [:]
            for name in names {
                let path = SchemaDrift.displayPath(name, slug: slug)
                if path == "root" { continue }
                tables[path] = try Row.fetchAll(db, sql: "SELECT * FROM \(name.quotedDatabaseIdentifier)").map(line).sorted()
            }
            return tables
        }
    }

    /// Each table's `column:TYPE` pairs by schema path (but `root`), as SQLite declares them.
    static func columnTypes(_ workspace: Workspace, source: String) throws -> [String: Set<String>] {
        let slug = TableNaming.slug(for: source)
        let names = try workspace.importedTables(of: source)
        return try workspace.dbPool.read { db in
            var types: [String: Set<String>] = [:]
            for name in names {
                let path = SchemaDrift.displayPath(name, slug: slug)
                if path == "root" { continue }
                types[path] = Set(try Row.fetchAll(db, sql: "PRAGMA table_info(\(name.quotedDatabaseIdentifier))").map {
                    "\($0["name"] as String):\($0["type"] as String)"
                })
            }
            return types
        }
    }

    /// A row as `column=value` cells (NULLs left out), sorted, tab-separated.
    static func line(_ row: Row) -> String {
        var cells: [String] = []
        for (column, value) in row {
            switch value.storage {
            case .null: continue
            case .int64(let number): cells.append("\(column)=\(number)")
            case .double(let number): cells.append("\(column)=\(number)")
            case .string(let text): cells.append("\(column)=\(text.debugDescription)")
            case .blob(let data): cells.append("\(column)=\(data.base64EncodedString())")
            }
        }
        return cells.sorted().joined(separator: "\t")
    }

    /// Refreshes a new full-sync copy of `source` named `fullName` and expects every table of
    /// `source` to hold exactly what the copy's table holds.
    static func expectEqualsFullRead(_ fixture: RefreshFixture, source: String, fullName: String,
                                     sourceLocation: SourceLocation = #_sourceLocation) async throws {
        var copy = try #require(try fixture.workspace.dataSource(named: source))
        copy.name = fullName
        copy.sync = .full
        try fixture.workspace.insertDataSource(copy)
        let outcome = try await fixture.engine.refresh(sourceNamed: fullName, progress: nil)
        #expect(outcome.details.sync == .full, sourceLocation: sourceLocation)
        let merged = try tables(fixture.workspace, source: source)
        let full = try tables(fixture.workspace, source: fullName)
        #expect(Set(merged.keys) == Set(full.keys), sourceLocation: sourceLocation)
        // Every column keeps the type a full read gives it (a merge neither widens nor narrows by accident).
        let mergedTypes = try columnTypes(fixture.workspace, source: source)
        for (path, types) in try columnTypes(fixture.workspace, source: fullName) {
            #expect(mergedTypes[path] == types, "\(path): column types \(mergedTypes[path] ?? []) vs a full read's \(types)",
                    sourceLocation: sourceLocation)
        }
        for (path, rows) in full {
            let have = merged[path] ?? []
            #expect(have.count == rows.count, "\(path): \(have.count) rows, a full read has \(rows.count)", sourceLocation: sourceLocation)
            let missing = Set(rows).subtracting(have)
            let extra = Set(have).subtracting(rows)
            #expect(missing.isEmpty && extra.isEmpty,
                    "\(path): \(missing.count) rows of the full read missing, \(extra.count) not in it; e.g. \(missing.first ?? extra.first ?? "")",
                    sourceLocation: sourceLocation)
        }
    }

    /// The sandbox's contacts from `GET /_sandbox/export` (parsed with `JSONSerialization`) as
    /// `id → given_name|middle_name|family_name` (an update changes the middle name).
    static func exportedContacts(root: URL) async throws -> [Int: String] {
        var request = HTTPClientRequest(url: root.absoluteString + "/_sandbox/export?resource=contacts")
        request.headers.add(name: "Connection", value: "close")
        let response = try await InfuseHTTPClient.shared.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 256 << 20)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
        let records = try #require(object["contacts"] as? [[String: Any]])
        var contacts: [Int: String] = [:]
        for record in records {
            let id = try #require(record["id"] as? Int)
            contacts[id] = "\(record["given_name"] as? String ?? "")|\(record["middle_name"] as? String ?? "")|\(record["family_name"] as? String ?? "")"
        }
        return contacts
    }

    /// The same pairs from the source's contacts table (v2 writes ids as strings).
    static func loadedContacts(_ workspace: Workspace, source: String) throws -> [Int: String] {
        let table = TableNaming.tableName(source: source, schemaPath: "contacts")
        return try workspace.dbPool.read { db in
            var contacts: [Int: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT CAST(id AS INTEGER) AS id, given_name, middle_name, family_name FROM \(table.quotedDatabaseIdentifier)") {
                let id: Int = row["id"]
                #expect(contacts[id] == nil, "contact \(id) stored twice")
                contacts[id] = "\(row["given_name"] as String? ?? "")|\(row["middle_name"] as String? ?? "")|\(row["family_name"] as String? ?? "")"
            }
            return contacts
        }
    }

    /// Expects the source's contacts to be the sandbox's, by id and name.
    static func expectMatchesExport(_ workspace: Workspace, source: String, root: URL,
                                    sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let exported = try await exportedContacts(root: root)
        let loaded = try loadedContacts(workspace, source: source)
        #expect(exported.count == loaded.count, sourceLocation: sourceLocation)
        let differing = exported.filter { loaded[$0.key] != $0.value }.map(\.key).sorted()
        let extra = loaded.keys.filter { exported[$0] == nil }.sorted()
        #expect(differing.isEmpty && extra.isEmpty, "differing ids \(differing.prefix(5)), extra ids \(extra.prefix(5))",
                sourceLocation: sourceLocation)
    }
}

/// Remembers whether something was done once (a progress callback that changes the data once).
final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    /// True the first `times` calls.
    func take(times: Int = 1) -> Bool {
        lock.withLock {
            count += 1
            return count <= times
        }
    }
}

extension RefreshFixture {
    /// A source of `endpoint` with every schema a read of all its records finds but `root` (the
    /// page wrapper, which only a full read gives), as the designer and `sources create` choose.
    func incrementalSource(_ name: String, endpoint: String = "contacts", query: [String: String] = [:], pivot: Bool = false,
                           sync: SyncMode = .incremental) async throws -> DataSource {
        let target = DataSourceTarget.endpoint(id: endpoint, query: query)
        let preview = try await Preview.run(
            target: try FetchTarget(target), account: account, accounts: accounts, maxRows: nil, pivotCustomFields: pivot, progress: nil)
        return DataSource(name: name, accountName: account.name, target: target,
                          selectedSchemas: preview.tree.allSchemas.map(\.path).filter { $0 != "root" }, customFieldsPivot: pivot, sync: sync)
    }
}
