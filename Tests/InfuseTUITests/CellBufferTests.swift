import Testing
import InfuseTUI

@Suite("Cell buffer")
struct CellBufferTests {
    @Test("put writes graphemes, wide characters take a continuation cell")
    func putWide() {
        var b = CellBuffer(width: 20, height: 1)
        let used = b.put("Zoë Ñandú 東京 ✓", x: 1, y: 0)
        #expect(used == 16)
        #expect(b.lines() == [" Zoë Ñandú 東京 ✓   "])
        #expect(b[11, 0].text == "東")
        #expect(b[12, 0].isContinuation)
        #expect(b[13, 0].text == "京")
    }

    @Test("clipping at maxWidth and at the right edge never splits a wide character")
    func clipping() {
        var b = CellBuffer(width: 5, height: 1)
        #expect(b.put("ab東", x: 2, y: 0) == 2)      // 東 would need columns 4–5
        #expect(b.lines() == ["  ab "])
        var c = CellBuffer(width: 10, height: 1)
        #expect(c.put("東京東京", x: 0, y: 0, maxWidth: 5) == 4)
        #expect(c.lines() == ["東京      "])
        #expect(c.put("x", x: 0, y: 3) == 0)          // off the buffer
    }

    @Test("overwriting half of a wide character blanks the other half")
    func overwriteHalf() {
        var b = CellBuffer(width: 4, height: 1)
        b.put("東京", x: 0, y: 0)
        b.put("x", x: 1, y: 0)
        #expect(b.lines() == [" x京"])
        b.put("y", x: 2, y: 0)
        #expect(b.lines() == [" xy "])
    }

    @Test("fill, restyle and styled dump")
    func fillAndDump() {
        var b = CellBuffer(width: 6, height: 2)
        b.fill(Rect(x: 0, y: 0, width: 6, height: 1), character: "-")
        b.put("ok", x: 1, y: 1, style: Style(fg: .cyan, bold: true))
        b.restyle(Rect(x: 4, y: 1, width: 2, height: 1)) { $0.reverse = true }
        #expect(b.lines() == ["------", " ok   "])
        #expect(b.styledDump() == "------\n ok   \n  ~ 1-2 fg=cyan bold | 4-5 reverse")
    }

    @Test("box with title, focused box is heavy and bold")
    func box() {
        var b = CellBuffer(width: 13, height: 3)
        b.box(b.bounds, title: "東京 list")
        #expect(b.lines() == ["┌ 東京 list ┐", "│           │", "└───────────┘"])
        var f = CellBuffer(width: 8, height: 3)
        f.box(f.bounds, title: "A very long title", focused: true)
        #expect(f.lines() == ["┏ A v… ┓", "┃      ┃", "┗━━━━━━┛"])
        #expect(f[0, 0].style.bold)
    }

    @Test("diff lists changed cells only")
    func diff() {
        let a = CellBuffer(width: 3, height: 1)
        var b = a
        b.put("x", x: 1, y: 0)
        let d = b.diff(from: a)
        #expect(d.count == 1 && d[0].x == 1 && d[0].cell.text == "x")
    }

    @Test("layout splits by fixed, fraction and fill")
    func layout() {
        let r = Rect(x: 0, y: 0, width: 100, height: 30)
        let cols = r.splitHorizontally([.fixed(20), .fraction(0.5), .fill])
        #expect(cols.map(\.width) == [20, 50, 30])
        #expect(cols.map(\.x) == [0, 20, 70])
        let rows = r.splitVertically([.fixed(1), .fill(2), .fill(1), .fixed(1)], spacing: 1)
        #expect(rows.map(\.height) == [1, 16, 9, 1])
        #expect(rows.last?.maxY == 30)
        #expect(r.centered(width: 10, height: 4) == Rect(x: 45, y: 13, width: 10, height: 4))
        #expect(Rect(x: 0, y: 0, width: 3, height: 3).splitHorizontally([.fixed(5), .fill]).map(\.width) == [3, 0])
    }
}
