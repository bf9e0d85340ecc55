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

extension TextSafety {
    /// `text` with every character a terminal could act on shown as a visible escape, for
    /// printing CRM text (which the public types into web forms) to a terminal: ESC as `\e`, CR
    /// as `\r`, other C0 controls, DEL, C1 controls (U+0080–U+009F, e.g. CSI U+009B) and bidi
    /// overrides and isolates as `\u00XX`/`\uXXXX`. Newlines and tabs are kept. The `\u` forms
    /// are also valid JSON escapes of the same characters, so JSON stays equivalent; JSON
    /// encoders never emit raw C0 controls, so `\e` cannot appear inside it.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            let escape: String
            switch scalar.value {
            case 0x1B: escape = "\\e"
            case 0x0D: escape = "\\r"
            default: escape = "\\u" + String(repeating: "0", count: max(0, 4 - String(scalar.value, radix: 16).count))
                + String(scalar.value, radix: 16, uppercase: true)
            }
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }

    /// Whether ``visible(_:)`` rewrites `scalar`.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// UTF-8 JSON bytes (a Keap body) with C1 controls and bidi overrides written as `\uXXXX`
    /// escapes: the same JSON, but nothing a terminal acts on. Raw C0 controls cannot occur
    /// inside valid JSON strings and are left alone.
    public static func visibleJSON(_ bytes: [UInt8]) -> [UInt8] {
        // C1: C2 80…C2 9F; bidi: E2 80 AA…AE and E2 81 A6…A9.
        guard bytes.contains(0xC2) || bytes.contains(0xE2) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                out.append(contentsOf: Array(String(format: "\\u%04X", UInt32(bytes[index + 1])).utf8))
                index += 2
            } else if byte == 0xE2, index + 2 < bytes.count,
                (bytes[index + 1] == 0x80 && (0xAA...0xAE).contains(bytes[index + 2]))
                    || (bytes[index + 1] == 0x81 && (0xA6...0xA9).contains(bytes[index + 2]))
            {
                let scalar = (UInt32(bytes[index] & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
                out.append(contentsOf: Array(String(format: "\\u%04X", scalar).utf8))
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }
}
