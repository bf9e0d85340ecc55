import Testing
import Glibc
import CNcursesw
import CCurses
import InfuseTUI
@testable import InfuseTerminal

@Suite("KeyTranslator (real ncurses constants)")
struct KeyTranslatorTests {
    @Test("linked ncurses codes equal the ncurses 6 table InfuseTUI tests use")
    func codesMatch() {
        #expect(KeyTranslator.codes == CursesKeyCodes.ncurses6)
        #expect(cs_key_f(5) == KEY_F0 + 5)
    }

    @Test("translation table", arguments: [
        (OK, wint_t(10), Key.enter), (OK, 13, .enter), (OK, 127, .backspace), (OK, 8, .backspace),
        (KEY_CODE_YES, wint_t(KEY_BACKSPACE), .backspace), (KEY_CODE_YES, wint_t(cs_key_f(1)), .function(1)),
        (KEY_CODE_YES, wint_t(cs_key_f(12)), .function(12)), (KEY_CODE_YES, wint_t(KEY_RESIZE), .resize),
        (KEY_CODE_YES, wint_t(KEY_BTAB), .backTab), (KEY_CODE_YES, wint_t(KEY_DC), .delete),
        (KEY_CODE_YES, wint_t(KEY_NPAGE), .pageDown), (OK, 19, .ctrl("s")), (OK, 0x6771, .char("東")),
    ] as [(Int32, wint_t, Key)])
    func translate(_ status: Int32, _ ch: wint_t, _ expected: Key) {
        #expect(KeyTranslator.translate(status: status, ch: ch) == expected)
    }

    @Test("start-up errors are one line")
    func errors() {
        for e in [TerminalStartError.notATerminal(program: "infuse"), .unknownTerminal(program: "infuse", term: ""),
                  .noCursorAddressing(program: "infuse", term: "dumb"), .localeNotUTF8(program: "infuse", codeset: "ANSI_X3.4-1968")] {
            #expect(!e.message.contains("\n") && e.message.hasPrefix("infuse: "))
        }
    }

    @Test("starting without a TTY throws notATerminal")
    @MainActor
    func noTTY() {
        // swift test runs with stdin/stdout not both TTYs in CI; skip when a TTY is present.
        guard isatty(0) == 0 || isatty(1) == 0 else { return }
        #expect(throws: TerminalStartError.notATerminal(program: "x")) {
            _ = try CursesTerminal.start(options: .init(programName: "x"))
        }
    }
}
