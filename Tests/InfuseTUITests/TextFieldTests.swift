import Testing
import InfuseTUI
import InfuseTUITestSupport

@Suite("Text field")
struct TextFieldTests {
    @Test("grapheme-aware editing")
    func editing() {
        var f = TextFieldState(text: "Zoë 東京")
        #expect(f.cursor == 6)
        #expect(f.handle(.backspace) == .changed)
        #expect(f.text == "Zoë 東")
        _ = f.handle(.home)
        _ = f.handle(.right); _ = f.handle(.right)
        #expect(f.handle(.delete) == .changed)       // removes "ë" as one grapheme
        #expect(f.text == "Zo 東")
        _ = f.handle(.char("é"))
        #expect(f.text == "Zoé 東" && f.cursor == 3)
        _ = f.handle(.end)
        _ = f.handle(.char("🎉"))
        #expect(f.text == "Zoé 東🎉" && f.cursor == 6)
        _ = f.handle(.left); _ = f.handle(.left)
        #expect(f.cursor == 4)
        #expect(f.handle(.ctrl("k")) == .changed)
        #expect(f.text == "Zoé ")
        #expect(f.handle(.ctrl("u")) == .changed)
        #expect(f.text == "" && f.cursor == 0)
        #expect(f.handle(.backspace) == .handled)
        #expect(f.handle(.enter) == .activated)
        #expect(f.handle(.up) == .ignored)
    }

    @Test("a combining mark typed after a letter merges into one grapheme")
    func combining() {
        var f = TextFieldState(text: "e")
        f.insert("\u{301}")
        #expect(f.text == "é" && f.text.count == 1 && f.cursor == 1)
    }

    @Test("horizontal scrolling keeps the cursor visible by display width")
    func scrolling() {
        var f = TextFieldState(text: "東京東京東京")    // 12 columns
        #expect(f.scrollColumn(width: 8) == 5)          // cursor after the end needs a column
        let end = ScreenHarness(width: 8, height: 1).lines { b, area, theme in f.render(into: &b, area: area, theme: theme, focused: true) }
        #expect(end == [" 京東京 "])   // 東 straddles the left edge, cursor cell at the end
        _ = f.handle(.home)
        #expect(f.scrollColumn(width: 8) == 0)
        let home = ScreenHarness(width: 8, height: 1).render { b, area, theme in f.render(into: &b, area: area, theme: theme, focused: true) }
        #expect(home.lines() == ["東京東京"])
        #expect(home[0, 0].style.reverse)       // the cursor is on 東
        #expect(!home[2, 0].style.reverse)
    }

    @Test("secure mode shows bullets and never the secret")
    func secure() {
        let f = TextFieldState(text: "s3cret", secure: true)
        let lines = ScreenHarness(width: 10, height: 1).lines { b, area, theme in f.render(into: &b, area: area, theme: theme, focused: false) }
        #expect(lines == ["••••••    "])
        #expect(!lines.joined().contains("s3cret"))
    }

    @Test("render snapshot with placeholder")
    func snapshot() {
        let empty = TextFieldState(placeholder: "Name of the data source")
        let filled = TextFieldState(text: "Zoë Ñandú 東京 ✓")
        let b = ScreenHarness(width: 30, height: 2).render { b, area, theme in
            empty.render(into: &b, area: area.row(0), theme: theme, focused: false)
            filled.render(into: &b, area: area.row(1), theme: theme, focused: true)
        }
        assertSnapshot(b, named: "text_field")
    }
}
