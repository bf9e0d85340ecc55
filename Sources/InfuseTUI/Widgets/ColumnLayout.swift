/// Column sizing shared by lists and the data grid: each column is as wide as its widest cell
/// (header included), capped, and columns are separated by a gap.
public enum ColumnLayout {
    /// Natural widths of the columns of `rows` and the optional `headers`, each at most `cap`
    /// and at least `minimum`.
    public static func widths(rows: [[String]], headers: [[String]] = [], cap: Int = 40, minimum: Int = 1) -> [Int] {
        let count = max(rows.map(\.count).max() ?? 0, headers.map(\.count).max() ?? 0)
        var widths = [Int](repeating: minimum, count: count)
        for row in headers + rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], min(cap, cell.displayWidth)) }
        }
        return widths
    }

    /// The cells padded to `widths` and joined by `gap` spaces, cut to `maxWidth` columns.
    public static func line(_ cells: [String], widths: [Int], gap: Int = 2, maxWidth: Int) -> String {
        var parts: [String] = []
        for (i, w) in widths.enumerated() {
            parts.append((i < cells.count ? cells[i] : "").padded(toWidth: w))
        }
        let joined = parts.joined(separator: String(repeating: " ", count: gap))
        return joined.truncated(toWidth: maxWidth)
    }
}
