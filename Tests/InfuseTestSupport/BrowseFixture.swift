import Foundation
import GRDB
import InfuseCore

/// A real workspace with a data source `People` whose tables were written the way a refresh
/// writes them (declared types INTEGER, REAL, BOOLEAN, DATETIME, TEXT; slug-prefixed names; the
/// join view), without the network, plus two recorded refresh runs. The rows come from
/// ``person(_:)``, so a test computes what the grid must show on its own.
public struct BrowseFixture: Sendable {
    /// The temp directory holding the workspace.
    public let directory: TemporaryDirectory
    /// The opened workspace.
    public let workspace: Workspace
    /// Its paths.
    public let paths: WorkspacePaths
    /// How many people rows.
    public let count: Int

    /// The data source's name.
    public static let sourceName = "People"
    /// The people table, the tags table and the view.
    public static let peopleTable = "people__people"
    public static let tagsTable = "people__people__tags"
    public static let view = "people"

    /// One generated person (what was stored, not how it is shown).
    public struct Person: Sendable {
        public var id: Int64
        public var name: String?
        /// Tenths: the stored score is `tenths / 10` plus 0.2 (binary float noise on purpose).
        public var scoreTenths: Int?
        public var active: Bool
        public var seen: String
        public var note: String
        /// The REAL stored.
        public var score: Double? { scoreTenths.map { Double($0) / 10 + 0.2 } }
    }

    /// Person `i` (1-based).
    public static func person(_ i: Int) -> Person {
        let name: String? = switch i {
        case _ where i % 10 == 0: nil
        case 11: "=HYPERLINK(\"http://evil\")"
        default: "Person " + String(format: "%04d", (i * 7919) % 10000)
        }
        return Person(
            id: Int64(i), name: name, scoreTenths: i % 4 == 0 ? nil : i % 97, active: i % 3 == 0,
            seen: "2024-0\(1 + i % 9)-1\(i % 10)T0\(i % 10):1\(i % 6):00.000+0000",
            note: i == 7 ? "bell\u{07}esc\u{1B}[31mred" : "note \(i)")
    }

    /// Makes the workspace with `count` people, each with `i % 3` tags.
    public static func make(count: Int = 500) throws -> BrowseFixture {
        let directory = try TemporaryDirectory(prefix: "infuse-browse")
        let paths = WorkspacePaths(directory: directory.url)
        try paths.ensureExists()
        let workspace = try Workspace.open(paths)
        let epoch = Date(timeIntervalSince1970: 1_767_225_600)
        try workspace.insertAccount(Account(name: "Demo", apiBase: URL(string: "http://127.0.0.1:8080/crm/rest")!, authKind: .apiKey,
                                            createdAt: epoch, lastAuthorizedAt: epoch, status: .ok))
        try workspace.insertDataSource(DataSource(name: sourceName, accountName: "Demo", target: .endpoint(id: "contacts"),
                                                  maxRows: nil, refreshInterval: .never, createdAt: epoch))
        try workspace.dbPool.write { db in
            try db.execute(sql: """
                CREATE TABLE \(peopleTable) (id INTEGER, name TEXT, score REAL, active BOOLEAN, seen DATETIME, note TEXT);
                CREATE TABLE \(tagsTable) (person_id INTEGER, _position INTEGER, tag TEXT);
                CREATE VIEW \(view) AS SELECT p.id, p.name, p.active, t.tag FROM \(peopleTable) p
                  LEFT JOIN \(tagsTable) t ON t.person_id = p.id;
                """)
            for i in 1...count {
                let p = person(i)
                try db.execute(sql: "INSERT INTO \(peopleTable) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [p.id, p.name, p.score, p.active ? 1 : 0, p.seen, p.note])
                for t in 0..<(i % 3) {
                    try db.execute(sql: "INSERT INTO \(tagsTable) VALUES (?, ?, ?)", arguments: [p.id, t, "tag\(t)-\(i)"])
                }
            }
        }
        let first = try workspace.beginRun(source: sourceName, at: epoch)
        try workspace.finishRun(id: first, status: .failed, error: "Keap is throttling requests (429); retried 5 times over 40 s",
                                details: RunDetails(sync: .full, apiRequests: 9, warnings: ["page 3 was short: read again"]),
                                at: epoch.addingTimeInterval(40))
        let second = try workspace.beginRun(source: sourceName, at: epoch.addingTimeInterval(3600))
        let tags = (1...count).reduce(0) { $0 + $1 % 3 }
        try workspace.finishRun(id: second, status: .succeeded, rows: [peopleTable: count, tagsTable: tags],
                                schemaChanges: ["people: column note added"],
                                details: RunDetails(sync: .incremental, apiRequests: 3, rowsUpserted: 12, rowsDeleted: 1,
                                                    watermark: "2026-01-01T00:59:00.000Z"),
                                at: epoch.addingTimeInterval(3602.5))
        return BrowseFixture(directory: directory, workspace: workspace, paths: paths, count: count)
    }

    /// Removes the workspace.
    public func remove() { directory.remove() }
}
