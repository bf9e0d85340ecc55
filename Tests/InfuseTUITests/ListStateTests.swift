import Testing
import InfuseTUI
import InfuseTUITestSupport

@Suite("List widget")
struct ListStateTests {
    static let rows = [["Contacts report", "Demo", "2,500"], ["Open orders", "Demo", "1,204"],
                       ["Zoë Ñandú 東京", "Sales", "312"], ["Pipeline", "Sales", "9"]]

    @Test("selection moves and clamps; Enter activates")
    func movement() {
        var l = ListState(rows: Self.rows)
        #expect(l.handle(.down) == .handled)
        #expect(l.handle(.char("j")) == .handled)
        #expect(l.selectedItemIndex == 2)
        _ = l.handle(.end)
        #expect(l.selectedItemIndex == 3)
        _ = l.handle(.down)
        #expect(l.selectedItemIndex == 3)
        _ = l.handle(.home)
        #expect(l.selectedItemIndex == 0)
        #expect(l.handle(.enter) == .activated)
        #expect(l.handle(.char("x")) == .ignored)
    }

    @Test("scrolling keeps the selection in view")
    func scrolling() {
        var l = ListState(items: (1...20).map { "item \($0)" })
        for _ in 0..<6 { _ = l.handle(.down, visibleRows: 4) }
        #expect(l.selection == 6 && l.scrollOffset == 3)
        _ = l.handle(.pageUp, visibleRows: 4)
        #expect(l.selection == 2 && l.scrollOffset == 2)
    }

    @Test("type-to-filter is case- and accent-insensitive; Esc clears it")
    func filtering() {
        var l = ListState(rows: Self.rows)
        #expect(l.handle(.char("/")) == .handled)
        #expect(l.isFiltering)
        for c in "zoe" { _ = l.handle(.char(c)) }
        #expect(l.visibleIndices == [2])
        #expect(l.selectedItemIndex == 2)
        _ = l.handle(.backspace); _ = l.handle(.backspace); _ = l.handle(.backspace)
        #expect(l.visibleIndices.count == 4)
        for c in "SAL" { _ = l.handle(.char(c)) }
        #expect(l.visibleIndices == [2, 3])      // the two "Sales" rows
        #expect(l.handle(.escape) == .changed)
        #expect(!l.isFiltering && l.filter.isEmpty && l.visibleIndices.count == 4)
    }

    @Test("always-filtering picker takes every printable key")
    func picker() {
        var l = ListState(items: ["Infusionsoft (Keap) REST v1", "Other"], alwaysFiltering: true)
        for c in "infu" { #expect(l.handle(.char(c)) == .changed) }
        #expect(l.visibleIndices == [0])
        _ = l.handle(.char("x"))
        #expect(l.selectedItemIndex == nil)
        #expect(l.handle(.enter) == .handled)
    }

    @Test("render snapshot with header, CJK alignment and selection")
    func render() {
        var l = ListState(rows: Self.rows, header: ["Name", "Account", "Rows"])
        _ = l.handle(.down)
        let b = ScreenHarness(width: 40, height: 6).render { b, area, theme in
            l.render(into: &b, area: area, theme: theme, focused: true)
        }
        assertSnapshot(b, named: "list_header")
        #expect(b[5, 2].style.reverse)
        let lines = b.lines()
        // Columns stay aligned whatever the script: "Sales"/"Demo" start at the same column.
        #expect(lines[3].displayWidthPrefix(upTo: "Sales") == lines[1].displayWidthPrefix(upTo: "Demo"))

        var f = ListState(rows: Self.rows)
        f.setFilter("nomatch")
        let nf = ScreenHarness(width: 30, height: 3, theme: .noColor).lines { b, area, theme in
            f.render(into: &b, area: area, theme: theme, focused: true)
        }
        assertSnapshot(nf, named: "list_no_match")
        var s = ListState(items: ["one", "two"])
        _ = s.handle(.down)
        let nc = ScreenHarness(width: 10, height: 2, theme: .noColor).lines { b, area, theme in
            s.render(into: &b, area: area, theme: theme, focused: true)
        }
        #expect(nc == [" one      ", ">two      "])
    }
}

extension String {
    /// Display columns before the first occurrence of `needle`.
    func displayWidthPrefix(upTo needle: String) -> Int? {
        guard let r = range(of: needle) else { return nil }
        return self[..<r.lowerBound].displayWidth
    }
}
