import AsyncHTTPClient
import Foundation
import GRDB
import InfuseCore
import InfuseTestSupport

/// The independent oracle of the reliability suite: what every table of a data source should
/// hold, computed without Infuse's client, scanner or flattener.
///
/// The records come from the sandbox's test-only `GET /_sandbox/export?resource=contacts` (all
/// records in one answer, no paging, no faults), are parsed with Foundation's
/// `JSONSerialization` and flattened by ``OracleFlattener`` following the README's table rules.
/// Each table is then compared with what Infuse loaded by content: every row is one canonical
/// line of all its non-null columns, the lines are sorted and digested, and rows are matched by
/// their key (`id`, or the parent id and `_position` in child tables) to count rows lost,
/// duplicated and changed.
enum ReliabilityOracle {
    /// The expected tables: schema path → canonical rows.
    typealias Tables = [String: [OracleRow]]

    /// Fetches the sandbox's contacts over plain HTTP (`{"contacts":[…],"count":N}`) and flattens them.
    static func expectedContacts(sandboxRoot: URL) async throws -> Tables {
        var request = HTTPClientRequest(url: sandboxRoot.absoluteString + "/_sandbox/export?resource=contacts")
        request.method = .GET
        // Not pooled: the sandbox restarts on the same port between rounds (see ReliabilityHarness.control).
        request.headers.add(name: "Connection", value: "close")
        let response = try await InfuseHTTPClient.shared.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 512 << 20)
        guard response.status == .ok,
            let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
            let records = object["contacts"] as? [[String: Any]]
        else { throw OracleError.badExport(status: Int(response.status.code)) }
        return OracleFlattener.tables(records: records, listName: "contacts")
    }

    /// What Infuse loaded for `source` in the workspace database at `database`: every table of
    /// the source, by schema path (the README's `<source>__<path with __>` naming).
    static func loaded(database: URL, source: String, paths: [String]) throws -> Tables {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: database.path, configuration: configuration)
        return try queue.read { db -> Tables in
            var tables: Tables = [:]
            for path in paths {
                let name = TableNaming.tableName(source: source, schemaPath: path)
                guard try db.tableExists(name) else { continue }
                var rows: [OracleRow] = []
                let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(name.quotedDatabaseIdentifier)")
                while let row = try cursor.next() {
                    var cells: [String: String] = [:]
                    for (column, value) in row {
                        if let text = canonical(value) { cells[column] = text }
                    }
                    rows.append(OracleRow(cells: cells))
                }
                tables[path] = rows
            }
            return tables
        }
    }

    /// A database value as the oracle's canonical text; nil for NULL.
    static func canonical(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let number): String(number)
        case .double(let number): canonical(number: number)
        case .string(let text): text
        case .blob(let data): data.base64EncodedString()
        }
    }

    /// Integral numbers without a fraction (`10`), others in Swift's shortest form (`12.5`).
    static func canonical(number: Double) -> String {
        if number.rounded() == number, abs(number) < 9_007_199_254_740_992 { return String(Int64(number)) }
        return String(number)
    }

    /// Compares `actual` with `expected`, table by table.
    static func compare(expected: Tables, actual: Tables) -> OracleVerdict {
        var verdict = OracleVerdict()
        for (path, rows) in expected.sorted(by: { $0.key < $1.key }) {
            let found = actual[path] ?? []
            if actual[path] == nil, !rows.isEmpty { verdict.missingTables.append(path) }
            verdict.add(path: path, expected: rows, actual: found)
        }
        for (path, rows) in actual where expected[path] == nil && !rows.isEmpty {
            verdict.add(path: path, expected: [], actual: rows)
        }
        return verdict
    }
}

/// One row as the oracle sees it: column → canonical text, NULLs left out.
struct OracleRow: Hashable, Sendable {
    var cells: [String: String]

    /// `column=value` pairs in column order, one line (values escaped so a line is one row).
    var line: String {
        cells.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.debugDescription)" }.joined(separator: "\t")
    }

    /// The row's identity: `id` in a top-level table, the parent link and `_position` in a child.
    var key: String {
        if let position = cells["_position"] { return "\(cells[OracleFlattener.linkColumn] ?? "?")#\(position)" }
        return cells["id"] ?? line
    }
}

/// Rows lost, duplicated and changed over the tables of one comparison.
struct OracleVerdict: Sendable {
    var rowsLost = 0
    var rowsDuplicated = 0
    var rowsChanged = 0
    var rowsCompared = 0
    var missingTables: [String] = []
    /// Per table: `path digest-expected digest-actual`.
    var digests: [String] = []

    var exact: Bool { rowsLost == 0 && rowsDuplicated == 0 && rowsChanged == 0 && missingTables.isEmpty }

    /// Matches rows by key: a key the table lacks is lost, a key present more often than
    /// expected is duplicated, a key present with other values (or unknown to the oracle) is changed.
    mutating func add(path: String, expected: [OracleRow], actual: [OracleRow]) {
        rowsCompared += expected.count
        let expectedDigest = OracleDigest.of(expected.map(\.line))
        let actualDigest = OracleDigest.of(actual.map(\.line))
        digests.append("\(path) \(expectedDigest == actualDigest ? "=" : "≠") \(expectedDigest)")
        guard expectedDigest != actualDigest else { return }
        let want = Dictionary(grouping: expected, by: \.key)
        let have = Dictionary(grouping: actual, by: \.key)
        for (key, rows) in want {
            let got = have[key] ?? []
            if got.count < rows.count { rowsLost += rows.count - got.count }
            if got.count > rows.count { rowsDuplicated += got.count - rows.count }
            let wantLines = Set(rows.map(\.line))
            rowsChanged += got.prefix(rows.count).filter { !wantLines.contains($0.line) }.count
        }
        for (key, rows) in have where want[key] == nil { rowsChanged += rows.count }
    }
}

/// FNV-1a 64 over the sorted lines: equal digests mean equal tables (as multisets of rows).
enum OracleDigest {
    static func of(_ lines: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for line in lines.sorted() {
            for byte in line.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0x0A
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16) + "/\(lines.count)"
    }
}

/// The test side's own flattener of parsed records, written from the README's rules, not from
/// Infuse's code: top-level scalars are columns; nested objects become prefixed columns
/// (`company_company_name`); an array of objects is a child table carrying the parent's `id` as
/// `<singular parent>_id` and `_position` (from 0); an array of scalars is a child table with one
/// `value` column; names are snake_case. NULLs are left out (as in ``OracleRow``); booleans
/// are 1 and 0 (SQLite).
enum OracleFlattener {
    /// The link column of the contacts' child tables.
    static let linkColumn = "contact_id"

    static func tables(records: [[String: Any]], listName: String) -> ReliabilityOracle.Tables {
        var tables: ReliabilityOracle.Tables = [listName: []]
        let link = String(listName.dropLast()) + "_id"
        for record in records {
            var cells: [String: String] = [:]
            var children: [(String, [Any])] = []
            flatten(record, prefix: "", into: &cells, children: &children)
            tables[listName, default: []].append(OracleRow(cells: cells))
            let parentID = cells["id"] ?? "?"
            for (key, elements) in children {
                let path = listName + "." + key
                for (position, element) in elements.enumerated() {
                    var row: [String: String] = [link: parentID, "_position": String(position)]
                    if let object = element as? [String: Any] {
                        var nested: [(String, [Any])] = []
                        flatten(object, prefix: "", into: &row, children: &nested)
                    } else if let text = scalar(element) {
                        row["value"] = text
                    }
                    tables[path, default: []].append(OracleRow(cells: row))
                }
            }
        }
        return tables
    }

    private static func flatten(_ object: [String: Any], prefix: String, into cells: inout [String: String], children: inout [(String, [Any])]) {
        for (key, value) in object {
            let name = prefix.isEmpty ? snakeCase(key) : prefix + "_" + snakeCase(key)
            if let nested = value as? [String: Any] {
                flatten(nested, prefix: name, into: &cells, children: &children)
            } else if let array = value as? [Any] {
                children.append((name, array))
            } else if let text = scalar(value) {
                cells[name] = text
            }
        }
    }

    /// Column names are snake_case: `ScoreValue` → `score_value`.
    static func snakeCase(_ key: String) -> String {
        var out = ""
        var previous: Character?
        for character in key {
            if character.isUppercase, let previous, previous.isLowercase || previous.isNumber { out.append("_") }
            out.append(contentsOf: character.lowercased())
            previous = character
        }
        return out
    }

    /// A JSON scalar as canonical text; nil for null.
    static func scalar(_ value: Any) -> String? {
        if value is NSNull { return nil }
        if let text = value as? String { return text }
        if let number = value as? NSNumber {
            if isBoolean(number) { return number.boolValue ? "1" : "0" }
            return ReliabilityOracle.canonical(number: number.doubleValue)
        }
        return String(describing: value)
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        // JSONSerialization boxes true and false with the C type `char` ("c"), numbers as "q"/"d".
        String(cString: number.objCType) == "c"
    }
}

enum OracleError: Error, CustomStringConvertible {
    case badExport(status: Int)
    var description: String {
        switch self {
        case .badExport(let status): "GET /_sandbox/export?resource=contacts answered \(status) or not the export shape"
        }
    }
}
