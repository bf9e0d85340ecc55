/// A strict RFC 8259 parser over bytes that writes values onto a `JSONTape`.
///
/// It never recurses (an explicit stack tracks open containers), so deep nesting ends in a
/// `JSONReadError` at the depth limit rather than a stack overflow. Strings are validated
/// (UTF-8, escapes, control characters) but not decoded: the tape keeps byte ranges.
struct JSONParser {
    let base: UnsafePointer<UInt8>
    let count: Int
    let maxDepth: Int

    init(base: UnsafePointer<UInt8>, count: Int, maxDepth: Int) {
        self.base = base
        self.count = count
        self.maxDepth = maxDepth
    }

    @inline(__always) func error(_ kind: JSONReadError.Kind, at offset: Int) -> JSONReadError {
        JSONReadError(kind, at: offset, in: base, count: count)
    }

    @inline(__always) func malformed(_ detail: String, at offset: Int) -> JSONReadError {
        error(.malformed(detail), at: offset)
    }

    @inline(__always) func skipWhitespace(_ position: Int) -> Int {
        var pos = position
        while pos < count {
            let b = base[pos]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { pos += 1 } else { break }
        }
        return pos
    }

    /// Describes the byte at `pos` for an error message.
    func describe(_ pos: Int) -> String {
        guard pos < count else { return "end of input" }
        let b = base[pos]
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16, uppercase: true)
    }

    /// Error for an unexpected byte: invalid UTF-8 is reported as such.
    func unexpected(at pos: Int, expected: String) -> JSONReadError {
        if pos < count, base[pos] >= 0x80, utf8SequenceLength(at: pos) == nil {
            return error(.invalidUTF8, at: pos)
        }
        return malformed("expected \(expected), found \(describe(pos))", at: pos)
    }

    private enum State { case value, key, afterValue }

    /// Parses one JSON value starting at `position` (after optional whitespace) onto `tape`,
    /// returning the offset just past it. `depth` is the nesting level of the value's container.
    func parseValue(at position: Int, depth: Int, into tape: JSONTape, stack: inout [Int]) throws(JSONReadError) -> Int {
        var pos = skipWhitespace(position)
        stack.removeAll(keepingCapacity: true)
        var state = State.value
        while true {
            switch state {
            case .value:
                guard pos < count else { throw malformed("expected a value, found end of input", at: pos) }
                let c = base[pos]
                switch c {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    if depth + stack.count + 1 > maxDepth { throw error(.tooDeep(limit: maxDepth), at: pos) }
                    let isObject = c == UInt8(ascii: "{")
                    let kind: JSONKind = isObject ? .object : .array
                    let index = tape.append(JSONTapeEntry(start: UInt32(pos), end: 0, next: 0, info: UInt32(kind.rawValue)))
                    stack.append(index)
                    pos = skipWhitespace(pos + 1)
                    let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    if pos < count && base[pos] == close {
                        tape.patchContainer(index, end: pos + 1, next: tape.count, count: 0)
                        stack.removeLast()
                        pos += 1
                        state = .afterValue
                    } else {
                        state = isObject ? .key : .value
                    }
                case UInt8(ascii: "\""):
                    let (end, escaped) = try scanString(openingQuote: pos)
                    _ = tape.append(JSONTapeEntry(
                        start: UInt32(pos + 1), end: UInt32(end), next: UInt32(tape.count + 1),
                        info: UInt32(JSONKind.string.rawValue) | (escaped ? 0x10 : 0)))
                    pos = end + 1
                    state = .afterValue
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    let (end, kind) = try scanNumber(at: pos)
                    _ = tape.append(JSONTapeEntry(
                        start: UInt32(pos), end: UInt32(end), next: UInt32(tape.count + 1), info: UInt32(kind.rawValue)))
                    pos = end
                    state = .afterValue
                case UInt8(ascii: "t"):
                    try expectLiteral("true", at: pos)
                    _ = tape.append(JSONTapeEntry(start: UInt32(pos), end: UInt32(pos + 4), next: UInt32(tape.count + 1), info: UInt32(JSONKind.trueValue.rawValue)))
                    pos += 4
                    state = .afterValue
                case UInt8(ascii: "f"):
                    try expectLiteral("false", at: pos)
                    _ = tape.append(JSONTapeEntry(start: UInt32(pos), end: UInt32(pos + 5), next: UInt32(tape.count + 1), info: UInt32(JSONKind.falseValue.rawValue)))
                    pos += 5
                    state = .afterValue
                case UInt8(ascii: "n"):
                    try expectLiteral("null", at: pos)
                    _ = tape.append(JSONTapeEntry(start: UInt32(pos), end: UInt32(pos + 4), next: UInt32(tape.count + 1), info: UInt32(JSONKind.null.rawValue)))
                    pos += 4
                    state = .afterValue
                default:
                    throw unexpected(at: pos, expected: "a value")
                }
            case .key:
                pos = skipWhitespace(pos)
                guard pos < count, base[pos] == UInt8(ascii: "\"") else {
                    throw unexpected(at: pos, expected: "a string key")
                }
                let (end, escaped) = try scanString(openingQuote: pos)
                _ = tape.append(JSONTapeEntry(
                    start: UInt32(pos + 1), end: UInt32(end), next: UInt32(tape.count + 1),
                    info: UInt32(JSONKind.string.rawValue) | (escaped ? 0x10 : 0)))
                pos = skipWhitespace(end + 1)
                guard pos < count, base[pos] == UInt8(ascii: ":") else {
                    throw unexpected(at: pos, expected: "':'")
                }
                pos = skipWhitespace(pos + 1)
                state = .value
            case .afterValue:
                guard let top = stack.last else { return pos }
                tape.entries[top].info &+= 0x100
                pos = skipWhitespace(pos)
                let isObject = tape[top].kind == .object
                guard pos < count else {
                    throw malformed("expected ',' or '\(isObject ? "}" : "]")', found end of input", at: pos)
                }
                let c = base[pos]
                if c == UInt8(ascii: ",") {
                    pos = skipWhitespace(pos + 1)
                    state = isObject ? .key : .value
                } else if c == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    let members = tape[top].count
                    tape.patchContainer(top, end: pos + 1, next: tape.count, count: members)
                    stack.removeLast()
                    pos += 1
                } else {
                    throw unexpected(at: pos, expected: "',' or '\(isObject ? "}" : "]")'")
                }
            }
        }
    }

    func expectLiteral(_ literal: StaticString, at pos: Int) throws(JSONReadError) {
        let n = literal.utf8CodeUnitCount
        let text = literal.utf8Start
        var i = 0
        while i < n {
            guard pos + i < count, base[pos + i] == text[i] else {
                throw malformed("invalid literal, expected '\(literal)'", at: pos + i)
            }
            i += 1
        }
    }

    /// Validates a string whose opening quote is at `openingQuote`. Returns the offset of the
    /// closing quote and whether the content has escapes.
    @inline(__always)
    func scanString(openingQuote: Int) throws(JSONReadError) -> (end: Int, escaped: Bool) {
        var pos = openingQuote + 1
        var escaped = false
        let quotes: UInt64 = 0x2222_2222_2222_2222
        let slashes: UInt64 = 0x5C5C_5C5C_5C5C_5C5C
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let spaces: UInt64 = 0x2020_2020_2020_2020
        let raw = UnsafeRawPointer(base)
        while true {
            // Skip eight plain ASCII bytes at a time.
            while pos + 8 <= count {
                let v = raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self)
                let q = v ^ quotes
                let s = v ^ slashes
                let special = ((q &- ones) & ~q) | ((s &- ones) & ~s) | ((v &- spaces) & ~v) | v
                if special & highs != 0 { break }
                pos += 8
            }
            guard pos < count else {
                throw malformed("unterminated string", at: openingQuote)
            }
            let b = base[pos]
            if b == UInt8(ascii: "\"") {
                return (pos, escaped)
            } else if b == UInt8(ascii: "\\") {
                escaped = true
                pos = try scanEscape(at: pos)
            } else if b < 0x20 {
                throw malformed("unescaped control character in string", at: pos)
            } else if b >= 0x80 {
                guard let length = utf8SequenceLength(at: pos) else { throw error(.invalidUTF8, at: pos) }
                pos += length
            } else {
                pos += 1
            }
        }
    }

    /// Validates the escape at `pos` (a backslash); returns the offset after it.
    func scanEscape(at pos: Int) throws(JSONReadError) -> Int {
        guard pos + 1 < count else { throw malformed("unterminated string", at: pos) }
        switch base[pos + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return pos + 2
        case UInt8(ascii: "u"):
            let unit = try hex4(at: pos + 2)
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard pos + 7 < count, base[pos + 6] == UInt8(ascii: "\\"), base[pos + 7] == UInt8(ascii: "u") else {
                    throw malformed("high surrogate \\u\(String(unit, radix: 16, uppercase: true)) not followed by a low surrogate", at: pos)
                }
                let low = try hex4(at: pos + 8)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw malformed("high surrogate not followed by a low surrogate", at: pos + 6)
                }
                return pos + 12
            }
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw malformed("lone low surrogate \\u\(String(unit, radix: 16, uppercase: true))", at: pos)
            }
            return pos + 6
        default:
            throw malformed("invalid escape \(describe(pos + 1)) in string", at: pos + 1)
        }
    }

    func hex4(at pos: Int) throws(JSONReadError) -> UInt32 {
        guard pos + 4 <= count else { throw malformed("incomplete \\u escape", at: pos) }
        var value: UInt32 = 0
        for i in 0..<4 {
            guard let digit = hexValue(base[pos + i]) else {
                throw malformed("invalid hex digit \(describe(pos + i)) in \\u escape", at: pos + i)
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Length of the valid UTF-8 sequence at `pos`, or nil when it is invalid.
    func utf8SequenceLength(at pos: Int) -> Int? {
        let b0 = base[pos]
        @inline(__always) func cont(_ i: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            pos + i < count && base[pos + i] >= low && base[pos + i] <= high
        }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : nil
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE, 0xEF: return cont(1) && cont(2) ? 3 : nil
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : nil
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : nil
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : nil
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : nil
        default: return nil
        }
    }

    /// Validates a number at `pos`; returns its end and classification.
    @inline(__always)
    func scanNumber(at start: Int) throws(JSONReadError) -> (end: Int, kind: JSONKind) {
        var pos = start
        if base[pos] == UInt8(ascii: "-") { pos += 1 }
        let intStart = pos
        guard pos < count, isDigit(base[pos]) else {
            throw unexpected(at: pos, expected: "a digit")
        }
        if base[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < count && isDigit(base[pos]) {
                throw malformed("leading zeros are not allowed in numbers", at: pos)
            }
        } else {
            while pos < count && isDigit(base[pos]) { pos += 1 }
        }
        let intDigits = pos - intStart
        var isInteger = true
        if pos < count && base[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard pos < count, isDigit(base[pos]) else { throw unexpected(at: pos, expected: "a digit after '.'") }
            while pos < count && isDigit(base[pos]) { pos += 1 }
        }
        var exponent = 0
        if pos < count && (base[pos] == UInt8(ascii: "e") || base[pos] == UInt8(ascii: "E")) {
            isInteger = false
            pos += 1
            var negative = false
            if pos < count && (base[pos] == UInt8(ascii: "+") || base[pos] == UInt8(ascii: "-")) {
                negative = base[pos] == UInt8(ascii: "-")
                pos += 1
            }
            guard pos < count, isDigit(base[pos]) else { throw unexpected(at: pos, expected: "a digit in the exponent") }
            while pos < count && isDigit(base[pos]) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(base[pos] &- 48) }
                pos += 1
            }
            if negative { exponent = -exponent }
        }
        if isInteger {
            if intDigits < 19 { return (pos, .integer) }
            if intDigits > 19 { return (pos, .bigNumber) }
            return (pos, JSONNumbers.parseInt64(base + start, count: pos - start) == nil ? .bigNumber : .integer)
        }
        // Significant integer digits plus the exponent bound the magnitude.
        var significant = intDigits
        if base[intStart] == UInt8(ascii: "0") { significant = 0 }
        return (pos, significant + exponent > 308 ? .bigNumber : .decimal)
    }
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }

@inline(__always) func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - 48)
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - 87)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - 55)
    default: return nil
    }
}
