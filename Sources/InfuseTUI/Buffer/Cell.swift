/// One screen cell: a grapheme (or nothing, for the right half of a wide character) and its style.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn in this cell; `""` marks the continuation of a wide character to the left.
    public var text: String
    /// The cell's style.
    public var style: Style

    /// Creates a cell; the default is a plain space.
    public init(text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// A plain blank cell.
    public static let blank = Cell()

    /// True when this cell is the right half of a wide character.
    public var isContinuation: Bool { text.isEmpty }
}
