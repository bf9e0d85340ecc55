import Testing
import InfuseTUI
import InfuseTUITestSupport

enum TestAction: Sendable, Equatable, CaseIterable {
    case quit, help, new, delete, confirm, cancel, moveDown, save
}

let globalKeys = Keymap<TestAction>("Global", [
    KeyBinding([.char("q")], .quit, help: "Quit", footerText: "quit"),
    KeyBinding([.char("?")], .help, help: "Show all keys", footerText: "help"),
    KeyBinding([.ctrl("s")], .save, help: "Save", showInFooter: false),
])
let listKeys = Keymap<TestAction>("Data sources", [
    KeyBinding([.char("n")], .new, help: "New data source", footerText: "new"),
    KeyBinding([.char("d"), .delete], .delete, help: "Delete data source", footerText: "delete"),
    KeyBinding([.down, .char("j")], .moveDown, help: "Next row", group: "Navigation", showInFooter: false),
    KeyBinding([.char("q")], .cancel, help: "Close the list", footerText: "close"),
])
let dialogKeys = Keymap<TestAction>("Confirm", blocksFallThrough: true, [
    KeyBinding([.enter, .char("y")], .confirm, help: "Confirm", footerText: "confirm"),
    KeyBinding([.escape, .char("n")], .cancel, help: "Cancel", footerText: "cancel"),
])

@Suite("Keymaps")
struct KeymapTests {
    @Test("first match wins from the top of the stack")
    func resolution() {
        let stack = KeymapStack([listKeys, globalKeys])
        #expect(stack.resolve(.char("q")) == .cancel)      // pane shadows global
        #expect(stack.resolve(.char("?")) == .help)        // falls through to global
        #expect(stack.resolve(.delete) == .delete)
        #expect(stack.resolve(.char("x")) == nil)
    }

    @Test("a modal dialog blocks fall-through")
    func modal() {
        let stack = KeymapStack([dialogKeys, listKeys, globalKeys])
        #expect(stack.resolve(.enter) == .confirm)
        #expect(stack.resolve(.char("q")) == nil)
        #expect(stack.resolve(.ctrl("s")) == nil)
        #expect(stack.footerItems().map(\.text) == ["confirm", "cancel"])
    }

    @Test("footer and help come from the same bindings")
    func footerAndHelpAgree() {
        let stack = KeymapStack([listKeys, globalKeys])
        let footer = stack.footerItems()
        #expect(footer == [FooterItem(key: "n", text: "new"), FooterItem(key: "d", text: "delete"),
                           FooterItem(key: "q", text: "close"), FooterItem(key: "?", text: "help")])
        let help = stack.helpSections()
        #expect(help.map(\.title) == ["Data sources", "Data sources · Navigation", "Global"])
        let helpKeys = Set(help.flatMap(\.entries).flatMap { $0.key.split(separator: "/").map(String.init) })
        for item in footer { #expect(helpKeys.contains(item.key), "footer key \(item.key) missing from help") }
        // The shadowed global q is in neither.
        #expect(!help.flatMap(\.entries).contains { $0.text == "Quit" })
        #expect(help.flatMap(\.entries).contains { $0.key == "↓/j" && $0.text == "Next row" })
        #expect(help.flatMap(\.entries).contains { $0.key == "^S" && $0.text == "Save" })
    }

    @Test("no context binds a key twice and every action is reachable")
    func noDuplicates() {
        for map in [globalKeys, listKeys, dialogKeys] { #expect(map.duplicateKeys().isEmpty, "\(map.name)") }
        let bad = Keymap<TestAction>("Bad", [KeyBinding([.char("x")], .new, help: "a"), KeyBinding([.char("x")], .delete, help: "b")])
        #expect(bad.duplicateKeys() == [.char("x")])
        #expect(KeymapStack([bad, globalKeys]).duplicateKeysByContext() == ["Bad": [.char("x")]])
        let bound = Set([globalKeys, listKeys, dialogKeys].flatMap(\.bindings).map { "\($0.action)" })
        for action in TestAction.allCases { #expect(bound.contains("\(action)"), "\(action) unbound") }
    }

    @Test("footer and help render from the stack")
    func renderFooterAndHelp() {
        let stack = KeymapStack([listKeys, globalKeys])
        let footer = ScreenHarness(width: 40, height: 1).lines { b, area, theme in Footer.render(stack, into: &b, area: area, theme: theme) }
        #expect(footer == [" n new  d delete  q close  ? help".padded(toWidth: 40)])
        #expect(Footer.text(stack.footerItems(), width: 20) == " n new  d delete")
        let help = ScreenHarness(width: 50, height: 18).render { b, area, theme in
            HelpScreen.render(stack, into: &b, bounds: area, theme: theme)
        }
        assertSnapshot(help, named: "help_screen")
        #expect(!help.text.contains("↓ more"))
        let clipped = ScreenHarness(width: 50, height: 10).render { b, area, theme in
            HelpScreen.render(stack, scroll: 2, into: &b, bounds: area, theme: theme)
        }
        assertSnapshot(clipped, named: "help_screen_scrolled")
    }

    @Test("key labels")
    func labels() {
        #expect(Key.ctrl("s").label == "^S")
        #expect(Key.space.label == "Space")
        #expect(Key.backTab.label == "S-Tab")
        #expect(Key.function(5).label == "F5")
        #expect(Key.char("é").printable == "é")
        #expect(Key.enter.printable == nil)
    }
}
