/// A single-line text field with grapheme-aware editing: ← → Home End (^A ^E) move, Backspace and
/// Delete remove one grapheme, ^U clears to the start, ^K to the end, printable keys insert at the
/// cursor, Enter activates. Long text scrolls horizontally by display width so the cursor stays
/// visible. In ``secure`` mode every grapheme is shown as `•`.
public struct TextFieldState: Hashable, Sendable {
    /// The text.
    public private(set) var text: String
    /// The cursor position in graphemes (0 … text.count).
    public private(set) var cursor: Int
    /// Show `•` instead of the text (secrets).
    public var secure: Bool
    /// Show `•` instead of the password of a URL typed into the field (`scheme://user:password@…`).
    public var masksURLPassword = false
    /// Dim text shown while the field is empty.
    public var placeholder: String

    /// Creates a field with the cursor at the end of `text`.
    public init(text: String = "", secure: Bool = false, placeholder: String = "") {
        self.text = text
        self.cursor = text.count
        self.secure = secure
        self.placeholder = placeholder
    }

    /// Replaces the text and puts the cursor at its end.
    public mutating func setText(_ newText: String) {
        text = newText
        cursor = newText.count
    }

    /// Moves the cursor to grapheme position `position` (clamped).
    public mutating func setCursor(_ position: Int) {
        cursor = max(0, min(text.count, position))
    }

    func index(_ offset: Int) -> String.Index { text.index(text.startIndex, offsetBy: offset) }

    /// Inserts `string` at the cursor and moves the cursor past it.
    public mutating func insert(_ string: String) {
        let before = text.count
        text.insert(contentsOf: string, at: index(cursor))
        // A combining mark can merge with the grapheme before it, so measure instead of adding.
        cursor = max(0, min(text.count, cursor + (text.count - before)))
    }

    /// Handles a key.
    public mutating func handle(_ key: Key) -> WidgetOutcome {
        switch key {
        case .char(let c):
            insert(String(c)); return .changed
        case .left:
            if cursor > 0 { cursor -= 1 }; return .handled
        case .right:
            if cursor < text.count { cursor += 1 }; return .handled
        case .home, .ctrl("a"):
            cursor = 0; return .handled
        case .end, .ctrl("e"):
            cursor = text.count; return .handled
        case .backspace:
            guard cursor > 0 else { return .handled }
            text.remove(at: index(cursor - 1)); cursor -= 1; return .changed
        case .delete:
            guard cursor < text.count else { return .handled }
            text.remove(at: index(cursor)); return .changed
        case .ctrl("u"):
            guard cursor > 0 else { return .handled }
            text.removeSubrange(text.startIndex..<index(cursor)); cursor = 0; return .changed
        case .ctrl("k"):
            guard cursor < text.count else { return .handled }
            text.removeSubrange(index(cursor)..<text.endIndex); return .changed
        case .enter:
            return .activated
        default:
            return .ignored
        }
    }

    /// The text as displayed (`•` per grapheme when secure).
    public var displayText: String {
        if secure { return String(repeating: "•", count: text.count) }
        return masksURLPassword ? Self.maskingURLPassword(text) : text
    }

    /// `text` with each grapheme of a URL's password (between `user:` and the last `@` of the
    /// authority) replaced by `•`; the grapheme count stays the same so the cursor still lines up.
    public static func maskingURLPassword(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let authorityEnd = text[schemeEnd.upperBound...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? text.endIndex
        let authority = text[schemeEnd.upperBound..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"),
              let colon = authority[..<at].firstIndex(of: ":") else { return text }
        let passwordStart = text.index(after: colon)
        let hidden = String(repeating: "•", count: text[passwordStart..<at].count)
        return String(text[..<passwordStart]) + hidden + String(text[at...])
    }

    /// The first display column shown in a field `width` columns wide: 0 while the cursor fits,
    /// otherwise just enough to keep the cursor (and the cell it sits on) in view.
    public func scrollColumn(width: Int) -> Int {
        let shown = displayText
        let cursorColumn = String(shown.prefix(cursor)).displayWidth
        let cursorCellWidth = cursor < shown.count ? shown[shown.index(shown.startIndex, offsetBy: cursor)].displayWidth : 1
        return max(0, cursorColumn + cursorCellWidth - width)
    }

    /// Draws the field on one row of `area`: the visible slice of the text in the input style, the
    /// placeholder when empty, and (when focused) a reversed cursor cell.
    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool) {
        guard area.width > 0, area.height > 0 else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(row, style: theme.input)
        if text.isEmpty && !placeholder.isEmpty {
            buffer.put(placeholder, x: row.x, y: row.y, style: theme.input.dimmed, maxWidth: row.width)
        }
        let start = scrollColumn(width: row.width)
        var column = 0
        var position = 0
        var cursorX: Int? = nil
        for c in displayText {
            let w = c.displayWidth
            defer { column += w; position += 1 }
            if column < start { continue }
            let x = row.x + column - start
            if column - start + w > row.width { break }
            let isCursor = focused && position == cursor
            buffer.put(String(c), x: x, y: row.y, style: isCursor ? theme.cursor : theme.input)
            if isCursor { cursorX = x }
        }
        if focused && cursorX == nil && cursor == text.count {
            let x = row.x + String(displayText).displayWidth - start
            if x < row.maxX { buffer.put(text.isEmpty && !placeholder.isEmpty ? String(placeholder.prefix(1)) : " ", x: x, y: row.y, style: theme.cursor) }
        }
    }
}
