import Foundation
import InfuseTestSupport
import Testing

/// Browse and History in the built designer under tmux, after a real refresh from the sandbox.
/// What the screen must show is read from the refreshed SQLite file with the sqlite3 tool.
@Suite("Browse under tmux", .serialized,
       .enabled(if: TmuxSession.available && InfuseBinary.exists, "needs tmux and a built infuse (swift build)"))
struct BrowseEndToEndTests {
    @Test("after a refresh: open Browse, go to the last row, sort, filter, switch table, copy, export, open History")
    func browseAfterRefresh() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let tmux = try DesignerEndToEndTests.startDesigner(home: home)
        defer { tmux.kill() }
        try tmux.run(["set-option", "-s", "set-clipboard", "on"])
        try await DesignerEndToEndTests.signIn(tmux)
        try await DesignerEndToEndTests.fillForm(tmux, maxRows: "400")
        try await DesignerEndToEndTests.previewChooseAndSave(tmux, name: "Contacts report", emails: true)
        let database = home.path("infuse.sqlite")
        let table = "contacts_report__contacts"
        let count = try sqlite(database, "SELECT count(*) FROM \(table)")
        let viewCount = try sqlite(database, "SELECT count(*) FROM contacts_report")
        // 1234567 → 1,234,567 (as the designer groups numbers).
        let grouped = { (n: String) -> String in
            var out = ""
            for (i, c) in n.reversed().enumerated() {
                if i > 0 && i % 3 == 0 { out.append(",") }
                out.append(c)
            }
            return String(out.reversed())
        }

        // Enter opens Browse on the view.
        try tmux.keys("Enter")
        try await tmux.waitFor("Infuse ─ Contacts report ─ Browse")
        try await tmux.waitFor("row 1/\(grouped(viewCount))")

        // Switch to the contacts table, jump to the last row: its id is the table's last.
        try tmux.keys("Tab")
        try await tmux.waitFor("contacts: \(grouped(count)) rows")
        try tmux.keys("End")
        let lastID = try sqlite(database, "SELECT id FROM \(table) ORDER BY rowid DESC LIMIT 1")
        let end = try await tmux.waitFor("row \(grouped(count))/\(grouped(count))")
        #expect(end.contains(lastID))

        // Sort by the first column (id) descending: the first row is the largest id.
        let firstColumn = try sqlite(database, "SELECT name FROM pragma_table_info('\(table)') ORDER BY cid LIMIT 1")
        #expect(firstColumn == "id")
        try tmux.keys("s")
        try await tmux.waitFor("sorted by id ↑")
        try tmux.keys("s")
        try await tmux.waitFor("sorted by id ↓")
        try tmux.keys("Home")
        let maxID = try sqlite(database, "SELECT max(id) FROM \(table)")
        try await tmux.waitFor("row 1/")

        // Copy the focused cell: OSC 52 reaches tmux's paste buffer.
        try tmux.keys("c")
        try await tmux.waitFor("Copied id of row 1: \(maxID)")
        let buffer = try await waitForBuffer(tmux, maxID)
        #expect(buffer == maxID)

        // Filter on id: the ids containing "1".
        try tmux.keys("/")
        try await tmux.waitFor("Filter id")
        try tmux.type("1")
        try tmux.keys("Enter")
        let filtered = try sqlite(database, "SELECT count(*) FROM \(table) WHERE instr(CAST(id AS TEXT), '1') > 0")
        try await tmux.waitFor("\(grouped(filtered)) rows · sorted by id ↓ · id contains \"1\"")

        // Export what is shown.
        let path = home.path("shown.csv").path
        try tmux.keys("x")
        try await tmux.waitFor("Write what is shown")
        try tmux.keys("C-u")
        try tmux.type(path)
        try tmux.keys("Enter")
        try await tmux.waitFor("Exported \(grouped(filtered)) rows")
        let csv = try String(contentsOfFile: path, encoding: .utf8)
        let ids = csv.split(separator: "\r\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        let expected = try sqlite(database, "SELECT id FROM \(table) WHERE instr(CAST(id AS TEXT), '1') > 0 ORDER BY id DESC")
            .split(separator: "\n").map(String.init)
        #expect(ids == expected)

        // History from Browse: the refresh that loaded the tables.
        try tmux.keys("h")
        try await tmux.waitFor("Infuse ─ Contacts report ─ History")
        let history = try await tmux.waitFor("Rows: contacts")
        #expect(history.contains("succeeded"))
        #expect(history.contains("full"))
        #expect(history.contains("Rows: contacts \(grouped(count))"))
        try tmux.keys("Escape")
        try await tmux.waitFor("Infuse ─ Contacts report ─ Browse")
        try await Task.sleep(for: .milliseconds(200))
        try tmux.keys("Escape")
        try await tmux.waitFor("Enter browse")
        try await Task.sleep(for: .milliseconds(200))
        try tmux.keys("q")
        try await tmux.waitFor("EXITED=0")
    }

    /// tmux's newest paste buffer once it holds `expected` (OSC 52 arrives asynchronously).
    func waitForBuffer(_ tmux: TmuxSession, _ expected: String) async throws -> String {
        var last = ""
        for _ in 0..<50 {
            last = (try? tmux.run(["show-buffer"])) ?? ""
            if last == expected { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }
}
