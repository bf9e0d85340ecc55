/// A fast, append-only JSON byte writer.
///
/// Keys are `StaticString`s written verbatim (they are known-safe ASCII); string values are
/// escaped per RFC 8259. Commas are inserted automatically, so callers only describe structure.
struct JSONWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8]
    /// Whether the next value or key in the current container needs a leading comma.
    private var needsComma = false

    init(capacity: Int = 4096) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: Structure

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes `"key":`; the next call writes its value.
    mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a dynamic key (escaped), e.g. a country code in a map.
    mutating func key(dynamic key: String) {
        string(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: Values

    mutating func null() {
        separate()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        if value {
            bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        } else {
            bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
        needsComma = true
    }

    mutating func int(_ value: Int) {
        separate()
        appendDigits(value)
        needsComma = true
    }

    /// Writes a finite decimal in Swift's shortest round-trip form (integral values without a
    /// fraction); non-finite values become null.
    mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        if value == value.rounded(), abs(value) < 1e15 { return int(Int(value)) }
        separate()
        bytes.append(contentsOf: Array("\(value)".utf8))
        needsComma = true
    }

    /// Writes a money-like amount given in hundredths, e.g. 1999 → `19.99`.
    mutating func cents(_ value: Int) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        appendDigits(Int(magnitude / 100))
        bytes.append(UInt8(ascii: "."))
        let fraction = Int(magnitude % 100)
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
        needsComma = true
    }

    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Writes a static ASCII string value without escaping.
    mutating func string(static value: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Writes a Keap v1 timestamp string like `2022-09-29T00:42:42.000+0000`.
    mutating func timestamp(_ epochSeconds: Int) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        CivilDate.append(epochSeconds: epochSeconds, withTime: true, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Writes a v2 timestamp: ISO 8601 with milliseconds and zone, e.g. `2022-09-29T00:42:42.123Z`.
    mutating func isoTimestamp(millis: Int) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let fraction = millis - seconds * 1000
        CivilDate.append(epochSeconds: seconds, withTime: true, to: &bytes)
        // Replace the v1 suffix ".000+0000" with ".mmmZ".
        bytes.removeLast(9)
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 100))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
        bytes.append(UInt8(ascii: "Z"))
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Writes a date-only string like `2022-09-29`.
    mutating func date(_ epochSeconds: Int) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        CivilDate.append(epochSeconds: epochSeconds, withTime: false, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    // MARK: Field helpers

    mutating func field(_ name: StaticString, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    mutating func field(_ name: StaticString, _ value: Int?) {
        key(name)
        if let value { int(value) } else { null() }
    }

    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    mutating func field(_ name: StaticString, static value: StaticString) {
        key(name)
        string(static: value)
    }

    mutating func field(_ name: StaticString, cents value: Int?) {
        key(name)
        if let value { cents(value) } else { null() }
    }

    mutating func field(_ name: StaticString, timestamp value: Int?) {
        key(name)
        if let value { timestamp(value) } else { null() }
    }

    mutating func field(_ name: StaticString, date value: Int?) {
        key(name)
        if let value { date(value) } else { null() }
    }

    mutating func nullField(_ name: StaticString) {
        key(name)
        null()
    }

    mutating func emptyArrayField(_ name: StaticString) {
        key(name)
        beginArray()
        endArray()
    }

    // MARK: Internals

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendDigits(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            if value == Int.min {
                bytes.append(contentsOf: Array("9223372036854775808".utf8))
                return
            }
            appendDigits(-value)
            return
        }
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var scratch: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var remaining = value
        withUnsafeMutableBytes(of: &scratch) { buffer in
            while remaining > 0 {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            }
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            let escape: UInt8?
            switch byte {
            case UInt8(ascii: "\""): escape = UInt8(ascii: "\"")
            case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
            case 0x0A: escape = UInt8(ascii: "n")
            case 0x0D: escape = UInt8(ascii: "r")
            case 0x09: escape = UInt8(ascii: "t")
            case 0x08: escape = UInt8(ascii: "b")
            case 0x0C: escape = UInt8(ascii: "f")
            case 0..<0x20: escape = UInt8(ascii: "u")
            default: continue
            }
            if runStart < index {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            }
            runStart = index + 1
            bytes.append(UInt8(ascii: "\\"))
            guard let escape else { continue }
            bytes.append(escape)
            if escape == UInt8(ascii: "u") {
                bytes.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0x0F)]])
            }
        }
        if runStart < utf8.count {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }
}
