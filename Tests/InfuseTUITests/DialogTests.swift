import Testing
@testable import InfuseTUI
import InfuseTUITestSupport

@Suite("Dialogs")
struct DialogTests {
    @Test("confirm: destructive starts on Cancel; arrows switch; Enter decides; Esc cancels")
    func confirm() {
        var d = DialogState.confirm(title: "Delete Sales?", message: "1 data source uses it (Pipeline).",
                                    confirmLabel: "Delete", destructive: true)
        #expect(d.focusedButton == 1)
        #expect(d.handle(.enter) == .cancelled)
        #expect(d.handle(.left) == .none && d.focusedButton == 0)
        #expect(d.handle(.enter) == .confirmed)
        #expect(d.handle(.escape) == .cancelled)
        #expect(d.handle(.char("y")) == .confirmed)
        #expect(d.handle(.char("q")) == .none)
    }

    @Test("error dismisses; prompt edits, submits, cancels")
    func errorAndPrompt() {
        var e = DialogState.error(title: "Keap refused the token (401)", message: "Re-authorize Demo.")
        #expect(e.handle(.char("x")) == .none)
        #expect(e.handle(.enter) == .dismissed)
        var p = DialogState.prompt(title: "Save", message: "Name:", text: "Contacts")
        for c in " 東京" { _ = p.handle(.char(c)) }
        #expect(p.handle(.enter) == .submitted("Contacts 東京"))
        _ = p.handle(.tab); _ = p.handle(.tab)
        #expect(p.focusedButton == 1)
        _ = p.handle(.char("z"))                 // buttons focused: typing does nothing
        #expect(p.field?.text == "Contacts 東京")
        #expect(p.handle(.enter) == .cancelled)
        #expect(p.handle(.escape) == .cancelled)
    }

    @Test("a dialog acts on exactly the keys its keymap binds (the keymap is the only source of its keys)")
    func keysComeFromTheKeymap() {
        let keys: [Key] = [.enter, .escape, .tab, .backTab, .left, .right, .up, .down, .char(" "), .char("y"), .char("n"),
                           .char("q"), .char("x"), .ctrl("s"), .function(1), .backspace]
        for dialog in [DialogState.confirm(title: "Delete?", message: "Sure?"), DialogState.error(title: "Oops", message: "Bad")] {
            for key in keys {
                var copy = dialog
                let outcome = copy.handle(key)
                let acted = outcome != .none || copy != dialog
                #expect(acted == (dialog.keymap.binding(for: key) != nil), "\(dialog.kind) \(key)")
            }
            #expect(dialog.keymap.duplicateKeys().isEmpty)
        }
        // The help screen: every key it answers is one of its bindings, and nothing else closes it.
        var state = AppState(context: DesignerFixtures.base().context)
        for key in keys {
            state.helpScroll = 3
            _ = AppReducer.reduce(&state, .key(key))
            let bound = AppKeymaps.help.binding(for: key) != nil
            #expect((state.helpScroll != 3) == bound, "help \(key)")
        }
    }

    @Test("dialogs render centred over the screen")
    func render() {
        let confirm = DialogState.confirm(title: "Delete Sales?", message: "1 data source uses it (Pipeline); it will stop refreshing.",
                                          confirmLabel: "Delete", destructive: true)
        let b = ScreenHarness(width: 60, height: 12).render { b, area, theme in
            b.fill(area, character: "·")
            confirm.render(into: &b, bounds: area, theme: theme)
        }
        assertSnapshot(b, named: "dialog_confirm")
        let frame = confirm.frame(in: b.bounds)
        #expect(frame.x == (60 - frame.width) / 2 && frame.y == (12 - frame.height) / 2)

        let error = DialogState.error(title: "Keap is throttling requests (429)",
                                      message: "Retried 5 times over 40 s. Try again later or lower Max Rows.")
        let nc = ScreenHarness(width: 60, height: 10, theme: .noColor).render { b, area, theme in error.render(into: &b, bounds: area, theme: theme) }
        assertSnapshot(nc, named: "dialog_error_no_color")

        let prompt = DialogState.prompt(title: "Save data source", message: "Name:", text: "Contacts report")
        let pb = ScreenHarness(width: 60, height: 12).render { b, area, theme in prompt.render(into: &b, bounds: area, theme: theme) }
        assertSnapshot(pb, named: "dialog_prompt")
    }
}
