/// An in-memory screen: a row-major grid of cells that widgets draw into and the terminal backend
/// copies to the real screen. Wide characters occupy two cells: the grapheme, then a continuation
/// cell whose text is `""`.
public struct CellBuffer: Equatable, Sendable {
    /// Width in columns.
    public let width: Int
    /// Height in rows.
    public let height: Int
    /// All cells, row by row (`cells[y * width + x]`).
    public private(set) var cells: [Cell]

    /// A blank buffer of the given size (negative sizes become zero).
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle at the origin.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (`x`, `y`); reading outside gives a blank cell and writing outside is ignored.
    public subscript(x: Int, y: Int) -> Cell {
        get { bounds.contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { if bounds.contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    /// Writes one cell, repairing any wide character it cuts in half so no orphan halves remain.
    mutating func setCell(x: Int, y: Int, _ cell: Cell) {
        guard bounds.contains(x: x, y: y) else { return }
        let i = y * width + x
        if cells[i].isContinuation, x > 0 { cells[i - 1].text = " " }
        if x + 1 < width, cells[i + 1].isContinuation, !cells[i].isContinuation { cells[i + 1].text = " " }
        cells[i] = cell
    }

    /// Draws `text` from (`x`, `y`) in `style`, clipped to the buffer and to `maxWidth` columns.
    /// Wide characters take two cells and are never split: one that would cross the limit is not
    /// drawn. Zero-width and control characters are skipped. Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        var cx = x
        for c in text {
            let w = c.displayWidth
            if w == 0 { continue }
            if cx + w > limit { break }
            if cx >= 0 {
                setCell(x: cx, y: y, Cell(text: String(c), style: style))
                if w == 2 { setCell(x: cx + 1, y: y, Cell(text: "", style: style)) }
            } else if cx + w > 0 {
                // A wide character straddling the left edge: show its visible half as a space.
                setCell(x: 0, y: y, Cell(text: " ", style: style))
            }
            cx += w
        }
        return max(0, cx - max(x, 0))
    }

    /// Fills `rect` (clipped to the buffer) with `character` in `style`.
    public mutating func fill(_ rect: Rect, character: Character = " ", style: Style = .plain) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let text = character.displayWidth == 1 ? String(character) : " "
        for yy in r.y..<r.maxY {
            for xx in r.x..<r.maxX { setCell(x: xx, y: yy, Cell(text: text, style: style)) }
        }
    }

    /// Applies `change` to the style of every cell in `rect` (text untouched), e.g. to reverse a row.
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for yy in r.y..<r.maxY {
            for xx in r.x..<r.maxX { change(&cells[yy * width + xx].style) }
        }
    }

    /// Cells that differ from `old` (all cells when the sizes differ).
    public func diff(from old: CellBuffer) -> [(x: Int, y: Int, cell: Cell)] {
        var out: [(x: Int, y: Int, cell: Cell)] = []
        for yy in 0..<height {
            for xx in 0..<width {
                let c = cells[yy * width + xx]
                if old.width != width || old.height != height || old.cells[yy * width + xx] != c {
                    out.append((xx, yy, c))
                }
            }
        }
        return out
    }
}
