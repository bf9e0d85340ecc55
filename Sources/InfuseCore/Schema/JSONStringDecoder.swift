/// Decodes the content of a validated JSON string (between its quotes) into UTF-8 bytes.
enum JSONStringDecoder {
    /// Appends the decoded UTF-8 of `p[0..<count]` (validated string content) to `output`.
    static func decode(_ p: UnsafePointer<UInt8>, count: Int, into output: inout [UInt8]) {
        var i = 0
        while i < count {
            let b = p[i]
            if b != UInt8(ascii: "\\") {
                output.append(b)
                i += 1
                continue
            }
            let e = p[i + 1]
            switch e {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(p + i + 2)
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    let low = hex4(p + i + 8)
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                appendUTF8(scalar, to: &output)
                i += 6
                continue
            default: output.append(e)
            }
            i += 2
        }
    }

    /// Decodes validated string content to a `String`.
    static func string(_ p: UnsafePointer<UInt8>, count: Int, escaped: Bool) -> String {
        if !escaped { return String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        decode(p, count: count, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex4(_ p: UnsafePointer<UInt8>) -> UInt32 {
        var v: UInt32 = 0
        for i in 0..<4 { v = v << 4 | (hexValue(p[i]) ?? 0) }
        return v
    }

    private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (scalar >> 18)))
            output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
