/// The curses key codes a ``KeyDecoder`` needs. The backend fills it from the real ncurses
/// constants; ``ncurses6`` holds the values ncurses 6 defines, so decoding can be tested without
/// linking curses.
public struct CursesKeyCodes: Hashable, Sendable {
    /// `wget_wch` status for a plain character (`OK`).
    public var ok: Int32
    /// `wget_wch` status for a function-key code (`KEY_CODE_YES`).
    public var codeYes: Int32
    /// Arrow keys.
    public var up: Int32, down: Int32, left: Int32, right: Int32
    /// Navigation keys.
    public var home: Int32, end: Int32, pageUp: Int32, pageDown: Int32
    /// Editing keys (`KEY_IC`, `KEY_DC`, `KEY_BACKSPACE`).
    public var insert: Int32, delete: Int32, backspace: Int32
    /// `KEY_ENTER` (keypad Enter), `KEY_BTAB` (Shift-Tab), `KEY_RESIZE`.
    public var enter: Int32, backTab: Int32, resize: Int32
    /// `KEY_F0`; `KEY_F(n)` is `f0 + n`.
    public var f0: Int32

    /// Creates a code table.
    public init(ok: Int32, codeYes: Int32, up: Int32, down: Int32, left: Int32, right: Int32,
                home: Int32, end: Int32, pageUp: Int32, pageDown: Int32, insert: Int32, delete: Int32,
                backspace: Int32, enter: Int32, backTab: Int32, resize: Int32, f0: Int32) {
        self.ok = ok; self.codeYes = codeYes
        self.up = up; self.down = down; self.left = left; self.right = right
        self.home = home; self.end = end; self.pageUp = pageUp; self.pageDown = pageDown
        self.insert = insert; self.delete = delete; self.backspace = backspace
        self.enter = enter; self.backTab = backTab; self.resize = resize; self.f0 = f0
    }

    /// The values from ncurses 6's `curses.h` (octal there: `KEY_DOWN 0402` …).
    public static let ncurses6 = CursesKeyCodes(
        ok: 0, codeYes: 0o400, up: 0o403, down: 0o402, left: 0o404, right: 0o405,
        home: 0o406, end: 0o550, pageUp: 0o523, pageDown: 0o522, insert: 0o513, delete: 0o512,
        backspace: 0o407, enter: 0o527, backTab: 0o541, resize: 0o632, f0: 0o410)
}

/// Turns a `wget_wch` result (status, character or key code) into a ``Key``. Pure, table-testable.
public struct KeyDecoder: Sendable {
    /// The code table in use.
    public let codes: CursesKeyCodes

    /// Creates a decoder for a code table.
    public init(codes: CursesKeyCodes = .ncurses6) { self.codes = codes }

    /// The key for one `wget_wch` result, or nil for ERR and codes Infuse does not use.
    /// 10/13 → enter, 127/8/KEY_BACKSPACE → backspace, 9 → tab, 27 → escape, 1…26 → ctrl letters,
    /// KEY_F(n) → function(n), KEY_RESIZE → resize.
    public func decode(status: Int32, ch: UInt32) -> Key? {
        if status == codes.codeYes { return decodeKeyCode(Int32(bitPattern: ch)) }
        guard status == codes.ok else { return nil }
        switch ch {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 127, 8: return .backspace
        case 0: return .ctrl(" ")
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(ch) + 0x60)))
        case 28: return .ctrl("\\")
        case 29: return .ctrl("]")
        case 30: return .ctrl("^")
        case 31: return .ctrl("_")
        default:
            guard let scalar = Unicode.Scalar(ch), !(0x80..<0xA0).contains(ch) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// The key for a `KEY_CODE_YES` code.
    func decodeKeyCode(_ k: Int32) -> Key? {
        switch k {
        case codes.up: return .up
        case codes.down: return .down
        case codes.left: return .left
        case codes.right: return .right
        case codes.home: return .home
        case codes.end: return .end
        case codes.pageUp: return .pageUp
        case codes.pageDown: return .pageDown
        case codes.insert: return .insert
        case codes.delete: return .delete
        case codes.backspace: return .backspace
        case codes.enter: return .enter
        case codes.backTab: return .backTab
        case codes.resize: return .resize
        case (codes.f0 + 1)...(codes.f0 + 63): return .function(Int(k - codes.f0))
        default: return nil
        }
    }

    /// Combines an Escape with the key read right after it (within the escape delay): a printable
    /// character becomes `.alt(c)`; otherwise the Escape stands alone and `next` must be handled after.
    public static func combineEscape(with next: Key?) -> (key: Key, pending: Key?) {
        if case .char(let c)? = next { return (.alt(c), nil) }
        return (.escape, next)
    }
}
