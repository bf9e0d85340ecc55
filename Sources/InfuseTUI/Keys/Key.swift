/// A key press, decoded from the terminal by the backend.
public enum Key: Hashable, Sendable {
    /// A printable character (any script, including space).
    case char(Character)
    /// Ctrl plus a letter or symbol; the character is lower-case (`.ctrl("s")` is Ctrl-S).
    case ctrl(Character)
    /// Alt (Meta) plus a character, sent by terminals as ESC followed by the character.
    case alt(Character)
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home.
    case home
    /// End.
    case end
    /// Page Up.
    case pageUp
    /// Page Down.
    case pageDown
    /// Insert.
    case insert
    /// Delete (forward delete).
    case delete
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Enter / Return.
    case enter
    /// Escape.
    case escape
    /// Backspace.
    case backspace
    /// A function key F1…F63.
    case function(Int)
    /// The terminal was resized (not a real key; delivered through the key stream).
    case resize

    /// The space bar.
    public static let space: Key = .char(" ")

    /// A short label for footers and the help screen: `↑`, `Enter`, `^S`, `S-Tab`, `Space`, `F5`.
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "^" + String(c).uppercased()
        case .alt(let c): "M-" + String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .insert: "Ins"
        case .delete: "Del"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Bksp"
        case .function(let n): "F\(n)"
        case .resize: "Resize"
        }
    }

    /// The character a printable key types, or nil for every other key.
    public var printable: Character? {
        if case .char(let c) = self { return c }
        return nil
    }
}
