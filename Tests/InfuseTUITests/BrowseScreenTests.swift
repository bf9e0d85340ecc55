import Foundation
import InfuseApp
import InfuseCore
import InfuseTestSupport
import InfuseTUITestSupport
import Testing
@testable import InfuseTUI

/// Browse and History over a real SQLite workspace (``BrowseFixture``): snapshots at 80×24 and
/// 120×40, and the whole flow through the loop with the real services.
@Suite("Browse and History")
struct BrowseScreenTests {
    static let tables = [
        BrowseTable(label: "view", relation: BrowseFixture.view, isView: true),
        BrowseTable(label: "people", relation: BrowseFixture.peopleTable, isView: false),
        BrowseTable(label: "people.tags", relation: BrowseFixture.tagsTable, isView: false),
    ]

    /// Browse of the people table, row 4 selected and the cursor on `score`, or sorted by name
    /// descending, filtered and at its last row.
    static func browse(_ f: BrowseFixture, sortedAtEnd: Bool = false, size: TerminalSize) throws -> AppState {
        var state = AppState(context: DesignerFixtures.context)
        state.screenSize = size
        var b = BrowseState(source: BrowseFixture.sourceName)
        b.tables = tables
        b.tableIndex = 1
        let query = sortedAtEnd ? BrowseQuery(sort: BrowseSort(column: "name", descending: true), filter: BrowseFilter(column: "name", text: "person 1"))
                                : BrowseQuery()
        b.query = query
        b.data = BrowseGrid(try SQLiteGridSource(reader: f.workspace.dbPool, table: tables[1], query: query))
        state.push(.browse(b))
        let keys: [Key] = sortedAtEnd ? [.end, .right] : [.down, .down, .down, .right, .right]
        for key in keys { _ = AppReducer.reduce(&state, .key(key)) }
        return state
    }

    static func history(_ f: BrowseFixture) throws -> AppState {
        var state = AppState(context: DesignerFixtures.context)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let now = Date(timeIntervalSince1970: 1_767_225_600 + 7200)
        let runs = try f.workspace.runs(source: BrowseFixture.sourceName).map { RunSummary(run: $0, slug: "people", now: now, calendar: utc) }
        var h = HistoryState(source: BrowseFixture.sourceName)
        h.show(runs)
        state.push(.history(h))
        return state
    }

    @Test("Browse and History at 80×24 and 120×40")
    func snapshots() throws {
        let f = try BrowseFixture.make(count: 500)
        defer { f.remove() }
        for size in [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)] {
            let suffix = "\(size.width)x\(size.height)"
            let browse = AppRenderer.render(try Self.browse(f, size: size), size: size, theme: .standard)
            assertSnapshot(browse, named: "browse_people_\(suffix)")
            let sorted = AppRenderer.render(try Self.browse(f, sortedAtEnd: true, size: size), size: size, theme: .standard)
            assertSnapshot(sorted, named: "browse_sorted_filtered_end_\(suffix)")
            assertSnapshot(AppRenderer.render(try Self.history(f), size: size, theme: .standard), named: "history_\(suffix)")
            for line in browse.lines() + sorted.lines() { #expect(line.displayWidth == size.width) }
        }
        let text = AppRenderer.render(try Self.browse(f, size: TerminalSize(width: 120, height: 40)),
                                      size: TerminalSize(width: 120, height: 40), theme: .standard).text
        #expect(text.contains("Infuse ─ People ─ Browse"))
        #expect(text.contains("row 4/500"))
        // Person 4: score NULL, active false; person 3: score 0.5 (0.3 + 0.2 stored as a float), active true.
        #expect(text.contains("0.5 "))
        #expect(text.contains("true") && text.contains("false"))
        #expect(text.contains("2024-04-13 03:13:00 +00:00"))
        #expect(!text.contains("\u{1B}"))
    }

    @Test("the flow on a real workspace: Enter opens Browse, End, sort, filter, switch table, copy, export, History")
    @MainActor
    func flow() async throws {
        let f = try BrowseFixture.make(count: 300)
        defer { f.remove() }
        let accounts = AccountManager(workspace: f.workspace, secrets: SecretsStore(fileURL: f.paths.secretsURL))
        let services = CoreDesignerServices(workspace: f.workspace, accounts: accounts) { _ in false }
        let terminal = MemoryTerminal(width: 120, height: 40)
        let loop = AppLoop(state: AppState(context: DesignerContext(workspaceLabel: "~/w")), terminal: terminal,
                           runtime: AppRuntime(services: services), theme: .standard)
        await loop.settle()
        await loop.send([.enter])
        var screen = terminal.lastFrame?.text ?? ""
        #expect(screen.contains("Infuse ─ People ─ Browse"))
        #expect(screen.contains(" view ") && screen.contains(" people.tags "))
        #expect(screen.contains("row 1/"))
        // Switch to the people table, go to the end.
        await loop.send([.tab, .end])
        screen = terminal.lastFrame?.text ?? ""
        #expect(screen.contains("people__people"))
        #expect(screen.contains("row 300/300"))
        #expect(screen.contains("note 300"))
        // Sort by id (the focused column) descending: the first row is person 300.
        await loop.send([.char("s"), .char("s"), .home])
        screen = terminal.lastFrame?.text ?? ""
        #expect(screen.contains("id ↓"))
        #expect(screen.contains("300 rows · sorted by id ↓"))
        guard case .browse(let sorted) = loop.state.top else { Issue.record("not on Browse"); return }
        #expect(sorted.selectedRowCells()?.first == "300")
        // Filter on name: the cursor moves to name, / opens the prompt.
        await loop.send([.right, .char("/")] + "person 00".map { Key.char($0) } + [.enter])
        let matching = (1...300).map(BrowseFixture.person).filter { $0.name?.lowercased().contains("person 00") == true }
        screen = terminal.lastFrame?.text ?? ""
        #expect(screen.contains("\(matching.count) rows · sorted by id ↓ · name contains \"person 00\""))
        guard case .browse(let filtered) = loop.state.top else { Issue.record("not on Browse"); return }
        #expect(filtered.rowCount == matching.count)
        let top = matching.max { $0.id < $1.id }!
        #expect(filtered.selectedRowCells()?.first == String(top.id))
        // Copy the cell and the row (OSC 52 through the terminal).
        await loop.send([.char("c")])
        #expect(terminal.clipboard.last == top.name)
        #expect(terminal.lastFrame?.text.contains("Copied name of row 1") == true)
        await loop.send([.char("C")])
        #expect(terminal.clipboard.last?.hasPrefix("\(top.id)\t\(top.name!)\t") == true)
        // Export what is shown.
        let path = f.directory.path("browse-export.csv").path
        await loop.send([.char("x"), .ctrl("u")] + path.map { Key.char($0) } + [.enter])
        let csv = try String(contentsOfFile: path, encoding: .utf8)
        let ids = csv.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" }
        #expect(ids == matching.sorted { $0.id > $1.id }.map { String($0.id) })
        #expect(terminal.lastFrame?.text.contains("Exported \(matching.count) rows to") == true)
        // History from Browse, and back.
        await loop.send([.char("h")])
        screen = terminal.lastFrame?.text ?? ""
        #expect(screen.contains("Infuse ─ People ─ History"))
        #expect(screen.contains("incremental") && screen.contains("failed"))
        #expect(screen.contains("Changes: 12 upserted · 1 deleted · watermark 2026-01-01T00:59:00.000Z"))
        await loop.send([.escape])
        #expect(terminal.lastFrame?.text.contains("Infuse ─ People ─ Browse") == true)
        // Esc to home; h opens History from there too; the footer names Enter and e.
        await loop.send([.escape])
        screen = terminal.lastFrame?.text ?? ""
        #expect(screen.contains("Enter browse") && screen.contains("e edit"))
        await loop.send([.char("h")])
        #expect(terminal.lastFrame?.text.contains("Infuse ─ People ─ History") == true)
    }

    @Test("the design view's type column is wide enough for a retyped column (text→date-time) at 80×24")
    func designTypeColumn() {
        var state = DesignerFixtures.design()
        guard case .design(var d) = state.top else { Issue.record("not the design view"); return }
        for _ in 0..<3 { d.cycleFocusedColumnType() }   // text→int, →decimal, →bool, →date-time
        state.top = .design(d)
        let text = AppRenderer.render(state, size: TerminalSize(width: 80, height: 24), theme: .standard).text
        #expect(text.contains("text→date-time"))
    }

    @Test("Browse's help lists its keys from the same bindings as the footer")
    func browseHelp() throws {
        let f = try BrowseFixture.make(count: 20)
        defer { f.remove() }
        var state = try Self.browse(f, size: TerminalSize(width: 80, height: 24))
        state.helpScroll = 0
        let buffer = AppRenderer.render(state, size: TerminalSize(width: 80, height: 24), theme: .standard)
        assertSnapshot(buffer, named: "browse_help_80x24")
        let tall = AppRenderer.render(state, size: TerminalSize(width: 120, height: 40), theme: .standard).text
        for binding in BrowseState.keymap.bindings { #expect(tall.contains(binding.help), "\(binding.help)") }
        #expect(!buffer.text.isEmpty)
    }
}
