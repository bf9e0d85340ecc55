import CNcursesw
import InfuseTUI

/// Turns `wget_wch` results into ``InfuseTUI/Key`` values using the real ncurses constants.
/// Pure: table-tested without a terminal.
public enum KeyTranslator {
    /// The key codes of the linked ncurses.
    public static let codes = CursesKeyCodes(
        ok: OK, codeYes: KEY_CODE_YES, up: KEY_UP, down: KEY_DOWN, left: KEY_LEFT, right: KEY_RIGHT,
        home: KEY_HOME, end: KEY_END, pageUp: KEY_PPAGE, pageDown: KEY_NPAGE, insert: KEY_IC,
        delete: KEY_DC, backspace: KEY_BACKSPACE, enter: KEY_ENTER, backTab: KEY_BTAB,
        resize: KEY_RESIZE, f0: KEY_F0)

    static let decoder = KeyDecoder(codes: codes)

    /// The key for one `wget_wch` result: 10/13 → enter, 127/8/KEY_BACKSPACE → backspace,
    /// KEY_F(n) → function(n), KEY_RESIZE → resize, 1…26 → ctrl letters; nil for ERR and unused codes.
    public static func translate(status: Int32, ch: wint_t) -> Key? {
        decoder.decode(status: status, ch: UInt32(ch))
    }
}
