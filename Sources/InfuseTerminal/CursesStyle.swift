import CCurses
import CNcursesw
import InfuseTUI

/// Maps ``InfuseTUI/Style`` to curses attributes and colour pairs. Pairs are allocated lazily
/// with `init_pair` the first time a (foreground, background) combination is drawn.
@MainActor
final class CursesStyleMapper {
    /// Whether colour is in use (the terminal has colours and `NO_COLOR` is not set).
    let colorEnabled: Bool
    /// Whether -1 (terminal default colour) is allowed (`use_default_colors` succeeded).
    let defaultColors: Bool
    private var pairs: [PairKey: Int16] = [:]
    private var nextPair: Int32 = 1
    private let maxPairs: Int32

    struct PairKey: Hashable { let fg: Color; let bg: Color }

    init(colorEnabled: Bool, defaultColors: Bool, maxPairs: Int32) {
        self.colorEnabled = colorEnabled
        self.defaultColors = defaultColors
        self.maxPairs = maxPairs
    }

    /// Attribute bits for a style (without the colour pair).
    static func attributes(for style: Style) -> attr_t {
        var a = cs_a_normal()
        if style.bold { a |= cs_a_bold() }
        if style.reverse { a |= cs_a_reverse() }
        if style.underline { a |= cs_a_underline() }
        if style.dim { a |= cs_a_dim() }
        return a
    }

    /// The colour pair for a style, allocating it on first use; 0 when colour is off or pairs ran out.
    func pair(for style: Style) -> Int16 {
        guard colorEnabled else { return 0 }
        let key = PairKey(fg: style.fg, bg: style.bg)
        if key.fg == .default && key.bg == .default { return 0 }
        if let p = pairs[key] { return p }
        guard nextPair < maxPairs, nextPair <= Int32(Int16.max) else { return 0 }
        let p = Int16(nextPair)
        nextPair += 1
        _ = init_pair(p, curses(key.fg, isForeground: true), curses(key.bg, isForeground: false))
        pairs[key] = p
        return p
    }

    private func curses(_ c: Color, isForeground: Bool) -> Int16 {
        if c == .default && !defaultColors { return Int16(isForeground ? COLOR_WHITE : COLOR_BLACK) }
        return Int16(c.ansiIndex)
    }
}
