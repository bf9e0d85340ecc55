import CCurses
import CNcursesw
import InfuseTUI

extension CursesTerminal {
    /// Copies `buffer` to the screen: per row, runs of equal style are written with one
    /// `wattr_set` + `mvwaddnwstr` each (continuation cells skipped), then `wnoutrefresh` +
    /// `doupdate`. ncurses diffs against the real screen, so unchanged cells cost nothing.
    /// ERR from writes (the bottom-right cell) is ignored.
    public func draw(_ buffer: CellBuffer) {
        let screen = size
        if buffer.width < screen.width || buffer.height < screen.height { _ = werase(window) }
        let rows = min(buffer.height, screen.height)
        let cols = min(buffer.width, screen.width)
        var text: [wchar_t] = []
        text.reserveCapacity(cols * 2 + 1)
        for y in 0..<rows {
            var x = 0
            while x < cols {
                let style = buffer[x, y].style
                let start = x
                text.removeAll(keepingCapacity: true)
                while x < cols {
                    let cell = buffer[x, y]
                    if cell.isContinuation { x += 1; continue }
                    if cell.style != style { break }
                    // A wide character that would not fit in the last column is replaced by a space.
                    let glyph = x + cell.text.displayWidth > cols ? " " : cell.text
                    for scalar in glyph.unicodeScalars { text.append(wchar_t(bitPattern: scalar.value)) }
                    x += 1
                }
                guard !text.isEmpty else { continue }
                let attrs = CursesStyleMapper.attributes(for: style)
                _ = wattr_set(window, attrs, styles.pair(for: style), nil)
                let count = Int32(text.count)
                text.append(0)
                _ = text.withUnsafeBufferPointer { mvwaddnwstr(window, Int32(y), Int32(start), $0.baseAddress, count) }
                text.removeLast()
            }
        }
        _ = wattr_set(window, cs_a_normal(), 0, nil)
        _ = wnoutrefresh(window)
        _ = doupdate()
    }
}
