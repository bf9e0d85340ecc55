import InfuseApp
import Testing
import InfuseTUI
import InfuseTUITestSupport

/// A synthetic source that generates rows on demand and counts what it was asked for.
final class CountingSource: GridDataSource {
    let rowCount: Int
    let columns: [GridColumn]
    private(set) var calls: [Range<Int>] = []
    init(rowCount: Int, columnCount: Int) {
        self.rowCount = rowCount
        self.columns = (0..<columnCount).map { GridColumn(name: $0 == 0 ? "id" : "col_\($0 + 1)", type: $0 == 0 ? "int" : "text") }
    }
    func rows(in range: Range<Int>) -> [[String]] {
        calls.append(range)
        return range.map { r in (0..<columns.count).map { $0 == 0 ? String(r + 1) : ($0 == 1 ? (r % 2 == 0 ? "Zoë" : "東京") : "v\(r + 1)") } }
    }
    var rowsRequested: Int { calls.map(\.count).reduce(0, +) }
}

@Suite("Data grid")
struct GridStateTests {
    @Test("End over 1,000,000 rows renders the last page and fetches only the visible rows")
    func millionRows() {
        let source = CountingSource(rowCount: 1_000_000, columnCount: 24)
        let area = Rect(x: 0, y: 0, width: 60, height: 10)
        let visible = GridState.dataRowCount(in: area)
        #expect(visible == 7)
        var g = GridState()
        #expect(g.handle(.end, rowCount: source.rowCount, columnCount: 24, visibleRows: visible) == .handled)
        #expect(g.selectedRow == 999_999 && g.firstRow == 999_993)
        var b = CellBuffer(width: 60, height: 10)
        g.render(source: source, into: &b, area: area, theme: .standard, focused: true)
        #expect(source.calls == [999_993..<1_000_000])
        #expect(source.rowsRequested <= visible)
        assertSnapshot(b, named: "grid_last_page")
        #expect(b.lines()[8].hasPrefix(" 1000000"))
        #expect(b[1, 8].style.reverse)
    }

    @Test("scrolls both ways; indicator shows the columns in view")
    func scrolling() {
        let source = CountingSource(rowCount: 50, columnCount: 24)
        let area = Rect(x: 0, y: 0, width: 44, height: 8)
        var g = GridState()
        let draw = { (g: GridState) -> [String] in
            var b = CellBuffer(width: 44, height: 8)
            g.render(source: source, into: &b, area: area, theme: .standard, focused: true)
            return b.lines()
        }
        #expect(draw(g)[7].hasSuffix("cols 1–6/24 ▸ "))
        _ = g.handle(.right, rowCount: 50, columnCount: 24, visibleRows: 5)
        _ = g.handle(.right, rowCount: 50, columnCount: 24, visibleRows: 5)
        #expect(g.firstColumn == 2)
        let shifted = draw(g)
        #expect(shifted[0].hasPrefix(" col_3"))
        #expect(shifted[7].contains("◂ cols 3–"))
        _ = g.handle(.pageDown, rowCount: 50, columnCount: 24, visibleRows: 5)
        _ = g.handle(.down, rowCount: 50, columnCount: 24, visibleRows: 5)
        #expect(g.selectedRow == 6 && g.firstRow == 2)
        _ = g.handle(.home, rowCount: 50, columnCount: 24, visibleRows: 5)
        #expect(g.selectedRow == 0 && g.firstRow == 0)
        _ = g.handle(.left, rowCount: 50, columnCount: 24, visibleRows: 5)
        _ = g.handle(.left, rowCount: 50, columnCount: 24, visibleRows: 5)
        _ = g.handle(.left, rowCount: 50, columnCount: 24, visibleRows: 5)
        #expect(g.firstColumn == 0)
        #expect(g.handle(.char("x"), rowCount: 50, columnCount: 24, visibleRows: 5) == .ignored)
    }

    @Test("columns sized to header, types and visible content with a cap")
    func sizing() {
        let source = ArrayGridDataSource(
            columns: [GridColumn(name: "id", type: "int"), GridColumn(name: "given_name", type: "text"),
                      GridColumn(name: "note", type: "text"), GridColumn(name: "date_created", type: "date-time")],
            rows: [["1", "Zoë", String(repeating: "long ", count: 10), "2024-01-02 10:00"],
                   ["2", "健", "short", "2024-01-03 11:30"]])
        var g = GridState(columnCap: 12)
        g.select(row: 1, rowCount: 2, visibleRows: 5)
        let b = ScreenHarness(width: 60, height: 6).render { b, area, theme in
            g.render(source: source, into: &b, area: area, theme: theme, focused: true)
        }
        assertSnapshot(b, named: "grid_sizing")
        let empty = ArrayGridDataSource(columns: [GridColumn(name: "id", type: "int")], rows: [])
        let e = ScreenHarness(width: 20, height: 4).lines { b, area, theme in
            GridState().render(source: empty, into: &b, area: area, theme: theme, focused: true)
        }
        #expect(e[2].hasPrefix(" (no rows)"))
    }
}
