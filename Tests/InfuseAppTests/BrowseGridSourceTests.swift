import Foundation
import InfuseApp
import InfuseCore
import InfuseTestSupport
import Testing

/// The app's grid source over a real SQLite workspace: windows, sort, filter, jumps and the
/// view, compared with what the fixture's own generator says each row holds.
@Suite("Browse: SQLite grid source")
struct BrowseGridSourceTests {
    typealias Person = BrowseFixture.Person
    static let people = BrowseTable(label: "people", relation: BrowseFixture.peopleTable, isView: false)
    static let view = BrowseTable(label: "view", relation: BrowseFixture.view, isView: true)

    /// How the grid must show a person: id, name, score, active, seen, note — written here from
    /// the generator's fields, not by the formatter under test.
    static func expected(_ p: Person) -> [String] {
        let score = p.scoreTenths.map { t -> String in
            let tenths = t + 2
            return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
        } ?? ""
        // 2024-0M-1DT0H:1m:00.000+0000 → 2024-0M-1D 0H:1m:00 +00:00
        let seen = p.seen.prefix(10) + " " + p.seen.dropFirst(11).prefix(8) + " +00:00"
        let note = p.note.replacingOccurrences(of: "\u{07}", with: "\\u0007").replacingOccurrences(of: "\u{1B}", with: "\\e")
        return [String(p.id), p.name ?? "", score, p.active ? "true" : "false", String(seen), note]
    }

    static func all(_ f: BrowseFixture) -> [Person] { (1...f.count).map(BrowseFixture.person) }

    @Test("unsorted windows at the start, stepping, jumping and at the end are the rows in order")
    func windows() throws {
        let f = try BrowseFixture.make(count: 500)
        defer { f.remove() }
        let grid = try SQLiteGridSource(reader: f.workspace.dbPool, table: Self.people)
        let people = Self.all(f)
        #expect(grid.rowCount == 500)
        #expect(grid.columns.map(\.name) == ["id", "name", "score", "active", "seen", "note"])
        #expect(grid.columns.map(\.type) == ["int", "text", "decimal", "bool", "date-time", "text"])
        for range in [0..<20, 1..<21, 30..<50, 480..<500, 470..<490, 250..<270, 0..<20, 499..<500, 490..<510] {
            let clamped = range.clamped(to: 0..<500)
            #expect(grid.rows(in: range) == people[clamped].map(Self.expected), "window \(range)")
        }
        #expect(grid.lastError == nil)
    }

    @Test("sorting by a column, both ways, is the destination's order with NULLs first ascending")
    func sorted() throws {
        let f = try BrowseFixture.make(count: 300)
        defer { f.remove() }
        let people = Self.all(f)
        func key(_ p: Person) -> String? { p.name }
        let ascending = people.sorted { a, b in
            switch (key(a), key(b)) {
            case (nil, nil): a.id < b.id
            case (nil, _): true
            case (_, nil): false
            case let (x?, y?): x == y ? a.id < b.id : Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
            }
        }
        let descending = people.sorted { a, b in
            switch (key(a), key(b)) {
            case (nil, nil): a.id < b.id
            case (nil, _): false
            case (_, nil): true
            case let (x?, y?): x == y ? a.id < b.id : Array(y.utf8).lexicographicallyPrecedes(Array(x.utf8))
            }
        }
        for (order, descendingSort) in [(ascending, false), (descending, true)] {
            let grid = try SQLiteGridSource(reader: f.workspace.dbPool, table: Self.people,
                                            query: BrowseQuery(sort: BrowseSort(column: "name", descending: descendingSort)))
            for range in [0..<25, 140..<160, 275..<300] {
                #expect(grid.rows(in: range).map { $0[0] } == order[range].map { String($0.id) }, "\(descendingSort) \(range)")
            }
        }
    }

    @Test("a filter is a query: contains (any case), booleans by true/false, combined with a sort")
    func filtered() throws {
        let f = try BrowseFixture.make(count: 400)
        defer { f.remove() }
        let people = Self.all(f)
        let grid = try SQLiteGridSource(reader: f.workspace.dbPool, table: Self.people,
                                        query: BrowseQuery(filter: BrowseFilter(column: "name", text: "person 00")))
        let matching = people.filter { $0.name?.lowercased().contains("person 00") == true }
        #expect(!matching.isEmpty)
        #expect(grid.rowCount == matching.count)
        #expect(grid.rows(in: 0..<grid.rowCount) == matching.map(Self.expected))
        let active = try SQLiteGridSource(reader: f.workspace.dbPool, table: Self.people,
                                          query: BrowseQuery(sort: BrowseSort(column: "id", descending: true),
                                                             filter: BrowseFilter(column: "active", text: "true")))
        let expectedActive = people.filter(\.active).reversed().map { String($0.id) }
        #expect(active.rowCount == expectedActive.count)
        #expect(active.rows(in: 0..<10).map { $0[0] } == Array(expectedActive.prefix(10)))
        #expect(active.rows(in: (active.rowCount - 10)..<active.rowCount).map { $0[0] } == Array(expectedActive.suffix(10)))
        let literal = try SQLiteGridSource(reader: f.workspace.dbPool, table: Self.people,
                                           query: BrowseQuery(filter: BrowseFilter(column: "name", text: "%")))
        #expect(literal.rowCount == 0, "% is matched literally, not as a wildcard")
        #expect(throws: BrowseError.self) {
            _ = try SQLiteGridSource(reader: f.workspace.dbPool, table: Self.people,
                                     query: BrowseQuery(filter: BrowseFilter(column: "missing", text: "x")))
        }
    }

    @Test("the view (no rowid) reads by offset, to its end")
    func view() throws {
        let f = try BrowseFixture.make(count: 200)
        defer { f.remove() }
        let grid = try SQLiteGridSource(reader: f.workspace.dbPool, table: Self.view)
        let rows = Self.all(f).flatMap { p -> [[String]] in
            let tags = (0..<(Int(p.id) % 3)).map { "tag\($0)-\(p.id)" }
            let base = [String(p.id), p.name ?? "", p.active ? "true" : "false"]
            return tags.isEmpty ? [base + [""]] : tags.map { base + [$0] }
        }
        #expect(grid.rowCount == rows.count)
        let all = grid.rows(in: 0..<grid.rowCount)
        #expect(all.count == rows.count)
        // A LEFT JOIN's row order is SQLite's to choose: compare as sets, and the end window is part of it.
        #expect(Set(all) == Set(rows))
        #expect(grid.rows(in: (grid.rowCount - 5)..<grid.rowCount) == Array(all.suffix(5)))
    }

    @Test("Browse's tables, and its export writes what is shown through infuse export's code")
    func export() async throws {
        let f = try BrowseFixture.make(count: 120)
        defer { f.remove() }
        let service = BrowseService(workspace: f.workspace, secrets: nil)
        let tables = try await service.tables(of: BrowseFixture.sourceName)
        #expect(tables.map(\.label) == ["view", "people", "people.tags"])
        let query = BrowseQuery(sort: BrowseSort(column: "id", descending: true), filter: BrowseFilter(column: "name", text: "="))
        let csv = f.directory.path("shown.csv").path
        let written = try await service.export(source: BrowseFixture.sourceName, table: Self.people, query: query, to: csv, format: .csv)
        #expect(written.rows == 1)
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(text.hasPrefix("id,name,score,active,seen,note\r\n"))
        #expect(text.contains("11,\"'=HYPERLINK(\"\"http://evil\"\")\""), "formulas are neutralised as infuse export does")
        let json = f.directory.path("shown.json").path
        let sorted = BrowseQuery(sort: BrowseSort(column: "id", descending: true), filter: BrowseFilter(column: "active", text: "false"))
        let all = try await service.export(source: BrowseFixture.sourceName, table: Self.people, query: sorted, to: json,
                                     format: BrowseService.format(forPath: json))
        let objects = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [[String: Any]] ?? []
        let ids = objects.compactMap { $0["id"] as? Int }
        let expected = Self.all(f).filter { !$0.active }.map { Int($0.id) }.reversed()
        #expect(all.rows == expected.count)
        #expect(ids == Array(expected))
    }
}

@Suite("Browse: values shown as their type reads")
struct CellTextTests {
    @Test("booleans, decimals without float noise, date-times with their zone, safe text")
    func formats() {
        #expect(CellText.decimal(0.1 + 0.2) == "0.3")
        #expect(CellText.decimal(19.99) == "19.99")
        #expect(CellText.decimal(5) == "5")
        #expect(CellText.decimal(-1234.5) == "-1234.5")
        #expect(CellText.dateTime("2022-09-29T00:42:42.000+0000") == "2022-09-29 00:42:42 +00:00")
        #expect(CellText.dateTime("2022-09-29T00:42:42Z") == "2022-09-29 00:42:42 +00:00")
        #expect(CellText.dateTime("2022-09-29T00:42:42.125-05:30") == "2022-09-29 00:42:42.125 -05:30")
        #expect(CellText.dateTime("2022-09-29 00:42:42+00") == "2022-09-29 00:42:42 +00:00", "PostgreSQL's timestamptz text")
        #expect(CellText.dateTime("2022-09-29") == "2022-09-29")
        #expect(CellText.dateTime("not a date at all") == "not a date at all")
        #expect(CellText.postgres("t", type: .boolean) == "true")
        #expect(CellText.postgres("false", type: .boolean) == "false")
        #expect(CellText.postgres("19.990", type: .decimal) == "19.990")
        #expect(CellText.postgres(nil, type: .text) == "")
        #expect(CellText.safe("a\u{1B}[2Jb\nc") == "a\\e[2Jb c")
        #expect(!TextSafety.containsUnsafeCharacters(CellText.safe("x\u{9B}y\u{202E}z")))
    }
}
