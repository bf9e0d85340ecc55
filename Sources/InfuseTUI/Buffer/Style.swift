/// How a cell is drawn: colours plus text attributes.
public struct Style: Hashable, Sendable {
    /// Foreground colour.
    public var fg: Color
    /// Background colour.
    public var bg: Color
    /// Bold (bright) text.
    public var bold: Bool
    /// Foreground and background swapped (used for the selected row).
    public var reverse: Bool
    /// Underlined text.
    public var underline: Bool
    /// Dim (half-bright) text, for secondary information.
    public var dim: Bool

    /// Creates a style; every attribute defaults to off and colours to the terminal default.
    public init(fg: Color = .default, bg: Color = .default, bold: Bool = false,
                reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    /// The plain style: default colours, no attributes.
    public static let plain = Style()

    /// A copy with bold switched on.
    public var bolded: Style { var s = self; s.bold = true; return s }
    /// A copy with reverse switched on.
    public var reversed: Style { var s = self; s.reverse = true; return s }
    /// A copy with dim switched on.
    public var dimmed: Style { var s = self; s.dim = true; return s }

    /// A copy with all colours set to the terminal default (attributes kept), for `NO_COLOR`.
    public var withoutColor: Style { var s = self; s.fg = .default; s.bg = .default; return s }

    /// A compact description for styled dumps, e.g. `fg=cyan bold`; empty for the plain style.
    public var summary: String {
        var parts: [String] = []
        if fg != .default { parts.append("fg=\(fg.name)") }
        if bg != .default { parts.append("bg=\(bg.name)") }
        if bold { parts.append("bold") }
        if reverse { parts.append("reverse") }
        if underline { parts.append("underline") }
        if dim { parts.append("dim") }
        return parts.joined(separator: " ")
    }
}
