import Testing
import InfuseTUI
import InfuseTUITestSupport

@Suite("Drop-down, checkbox, button")
struct ControlTests {
    @Test("drop-down opens, filters, chooses, and Esc closes")
    func dropDown() {
        var d = DropDownState(options: ["Every 15 minutes", "Every 1 hour", "Every day"], selectedIndex: 0)
        #expect(d.value == "Every 15 minutes")
        #expect(d.handle(.char("x")) == .ignored)
        #expect(d.handle(.enter) == .handled && d.isOpen)
        for c in "day" { _ = d.handle(.char(c)) }
        #expect(d.list.visibleIndices == [2])
        #expect(d.handle(.enter) == .changed)
        #expect(!d.isOpen && d.value == "Every day")
        _ = d.handle(.char(" "))
        _ = d.handle(.char("h"))
        #expect(d.handle(.escape) == .handled)         // first Esc clears the filter
        #expect(d.handle(.escape) == .cancelled)       // second closes
        #expect(!d.isOpen && d.value == "Every day")
    }

    @Test("drop-down render: closed value ▾ and open overlay")
    func dropDownRender() {
        var d = DropDownState(options: ["GET", "POST"], selectedIndex: 0)
        let closed = ScreenHarness(width: 12, height: 1).lines { b, area, theme in d.render(into: &b, area: area, theme: theme, focused: false) }
        #expect(closed == ["[GET      ▾]"])
        _ = d.handle(.down)
        let open = ScreenHarness(width: 32, height: 8).render { b, area, theme in
            let field = Rect(x: 2, y: 0, width: 12, height: 1)
            d.render(into: &b, area: field, theme: theme, focused: true)
            d.renderOverlay(into: &b, below: field, within: area, theme: theme)
        }
        assertSnapshot(open, named: "dropdown_open")
        let none = DropDownState(options: ["a"])
        #expect(ScreenHarness(width: 14, height: 1).lines { b, area, theme in none.render(into: &b, area: area, theme: theme, focused: false) }
                == ["[choose…    ▾]"])
    }

    @Test("checkbox toggles with Space and Enter; NO_COLOR uses [x]")
    func checkbox() {
        var c = CheckboxState(label: "Custom Url")
        #expect(c.handle(.char(" ")) == .changed && c.isOn)
        #expect(c.handle(.enter) == .changed && !c.isOn)
        #expect(c.handle(.char("x")) == .ignored)
        let off = c
        c.isOn = true
        let lines = ScreenHarness(width: 16, height: 2).lines { b, area, theme in
            off.render(into: &b, area: area.row(0), theme: theme, focused: false)
            c.render(into: &b, area: area.row(1), theme: theme, focused: true)
        }
        #expect(lines == ["☐ Custom Url    ", "☑ Custom Url    "])
        let plain = ScreenHarness(width: 16, height: 2, theme: .noColor).lines { b, area, theme in
            off.render(into: &b, area: area.row(0), theme: theme, focused: false)
            c.render(into: &b, area: area.row(1), theme: theme, focused: true)
        }
        #expect(plain == ["[ ] Custom Url  ", "[x] Custom Url  "])
    }

    @Test("buttons activate and render in a centred row")
    func buttons() {
        let save = ButtonState(label: "Preview & Connect")
        #expect(save.handle(.enter) == .activated)
        #expect(save.handle(.char(" ")) == .activated)
        #expect(save.handle(.escape) == .ignored)
        let buttons = [save, ButtonState(label: "Cancel")]
        let b = ScreenHarness(width: 40, height: 1).render { b, area, theme in
            ButtonState.renderRow(buttons, focusedIndex: 0, into: &b, area: area, theme: theme)
        }
        #expect(b.lines() == ["   [ Preview & Connect ]  [ Cancel ]    "])
        #expect(b[3, 0].style.reverse && !b[27, 0].style.reverse)
        let nc = ScreenHarness(width: 40, height: 1, theme: .noColor).lines { b, area, theme in
            ButtonState.renderRow(buttons, focusedIndex: 1, into: &b, area: area, theme: theme)
        }
        #expect(nc == ["   [ Preview & Connect ]  [>Cancel<]    "])
    }
}
