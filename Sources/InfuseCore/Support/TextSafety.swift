/// Checks for characters that must not appear in names: controls, zero-width and bidi overrides.
public enum TextSafety {
    /// True when `text` contains a C0/C1 control, a zero-width character (U+200B–U+200F, U+2060,
    /// U+FEFF) or a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069).
    public static func containsUnsafeCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F: true
            case 0x200B...0x200F, 0x2060, 0xFEFF: true
            case 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
    }
}
