import Testing
import InfuseTUI

@Suite("Key decoding")
struct KeyDecoderTests {
    static let c = CursesKeyCodes.ncurses6

    @Test("wget_wch results", arguments: [
        (c.ok, UInt32(10), Key.enter), (c.ok, 13, .enter), (c.ok, 9, .tab), (c.ok, 27, .escape),
        (c.ok, 127, .backspace), (c.ok, 8, .backspace), (c.codeYes, UInt32(c.backspace), .backspace),
        (c.ok, 1, .ctrl("a")), (c.ok, 19, .ctrl("s")), (c.ok, 26, .ctrl("z")), (c.ok, 0, .ctrl(" ")),
        (c.ok, 0x71, .char("q")), (c.ok, 0x20, .char(" ")), (c.ok, 0xE9, .char("é")), (c.ok, 0x6771, .char("東")),
        (c.ok, 0x1F389, .char("🎉")),
        (c.codeYes, UInt32(c.up), .up), (c.codeYes, UInt32(c.down), .down), (c.codeYes, UInt32(c.left), .left),
        (c.codeYes, UInt32(c.right), .right), (c.codeYes, UInt32(c.home), .home), (c.codeYes, UInt32(c.end), .end),
        (c.codeYes, UInt32(c.pageUp), .pageUp), (c.codeYes, UInt32(c.pageDown), .pageDown),
        (c.codeYes, UInt32(c.insert), .insert), (c.codeYes, UInt32(c.delete), .delete),
        (c.codeYes, UInt32(c.enter), .enter), (c.codeYes, UInt32(c.backTab), .backTab),
        (c.codeYes, UInt32(c.resize), .resize), (c.codeYes, UInt32(c.f0 + 1), .function(1)),
        (c.codeYes, UInt32(c.f0 + 5), .function(5)), (c.codeYes, UInt32(c.f0 + 12), .function(12)),
    ] as [(Int32, UInt32, Key)])
    func decode(_ status: Int32, _ ch: UInt32, _ expected: Key) {
        #expect(KeyDecoder().decode(status: status, ch: ch) == expected)
    }

    @Test("errors and unknown codes give nil")
    func unknown() {
        let d = KeyDecoder()
        #expect(d.decode(status: -1, ch: 0) == nil)                   // ERR
        #expect(d.decode(status: Self.c.codeYes, ch: 0o777) == nil)   // a key code we do not use
        #expect(d.decode(status: Self.c.ok, ch: 0x85) == nil)         // C1 control
    }

    @Test("ESC followed by a character is Alt")
    func alt() {
        #expect(KeyDecoder.combineEscape(with: .char("x")) == (key: .alt("x"), pending: nil))
        let lone = KeyDecoder.combineEscape(with: nil)
        #expect(lone.key == .escape && lone.pending == nil)
        let arrow = KeyDecoder.combineEscape(with: .up)
        #expect(arrow.key == .escape && arrow.pending == .up)
    }
}
