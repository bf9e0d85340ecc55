/// Receives one page's values from `JSONPageReader`, a record at a time.
protocol JSONPageVisitor {
    /// Starts a page; `isArray` is true for a bare top-level array of records.
    mutating func beginPage(isArray: Bool, base: UnsafePointer<UInt8>) throws
    /// A top-level member whose value is not an array; the value is at tape index 0.
    /// Called after the page's lists, once per key (the last occurrence wins).
    mutating func rootMember(key: String, tape: JSONTape) throws
    /// Starts a top-level list (`key` is nil for a bare top-level array).
    mutating func beginList(key: String?) throws
    /// One element of the current list, at tape index 0.
    mutating func listElement(index: Int, tape: JSONTape) throws
    /// Ends the current list.
    mutating func endList() throws
    /// Ends the page.
    mutating func endPage() throws
    /// Whether a page may be a single scalar (`"text"`, `42`); by default it is refused.
    var acceptsScalarPage: Bool { get }
}

extension JSONPageVisitor {
    var acceptsScalarPage: Bool { false }
}

/// Errors about a page's shape (rather than its JSON syntax).
public struct SchemaError: UserFacingError, Equatable {
    /// One line for people.
    public let userMessage: String
    /// Creates an error with a message.
    public init(_ message: String) { userMessage = message }
}

/// Reads a page's top level itself and hands each record of a top-level array to a visitor
/// separately, so the tape only ever holds one record and memory does not grow with the page.
///
/// Duplicate keys: everywhere the last occurrence wins, except that a top-level key whose value
/// is an array may not repeat (its rows have been streamed already), which is an error.
final class JSONPageReader {
    let maxDepth: Int
    let tape = JSONTape()
    private var stack: [Int] = []

    init(maxDepth: Int) { self.maxDepth = max(1, maxDepth) }

    func read<V: JSONPageVisitor>(_ buffer: UnsafeRawBufferPointer, visitor: inout V) throws {
        guard buffer.count < Int(UInt32.max) - 16 else {
            throw JSONReadError(.tooLarge, at: buffer.count, in: nil, count: 0)
        }
        guard let raw = buffer.baseAddress, buffer.count > 0 else {
            throw JSONReadError(.empty, at: 0, in: nil, count: 0)
        }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let parser = JSONParser(base: base, count: buffer.count, maxDepth: maxDepth)
        var pos = 0
        if buffer.count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { pos = 3 }
        pos = parser.skipWhitespace(pos)
        guard pos < buffer.count else { throw JSONReadError(.empty, at: pos, in: base, count: buffer.count) }
        switch base[pos] {
        case UInt8(ascii: "["):
            try visitor.beginPage(isArray: true, base: base)
            pos = try readList(parser, after: pos, key: nil, visitor: &visitor)
        case UInt8(ascii: "{"):
            try visitor.beginPage(isArray: false, base: base)
            pos = try readObject(parser, at: pos, visitor: &visitor)
        default:
            tape.count = 0
            let end = try parser.parseValue(at: pos, depth: 0, into: tape, stack: &stack)
            guard visitor.acceptsScalarPage else { throw JSONReadError(.topLevelScalar, at: pos, in: base, count: buffer.count) }
            try visitor.beginPage(isArray: false, base: base)
            pos = end
        }
        pos = parser.skipWhitespace(pos)
        if pos < buffer.count {
            throw parser.malformed("unexpected data after the top-level value", at: pos)
        }
        try visitor.endPage()
    }

    /// Reads the elements of an array whose '[' is at `open`; returns the offset after ']'.
    private func readList<V: JSONPageVisitor>(_ parser: JSONParser, after open: Int, key: String?, visitor: inout V) throws -> Int {
        try visitor.beginList(key: key)
        let depth = key == nil ? 1 : 2
        if depth > maxDepth { throw parser.error(.tooDeep(limit: maxDepth), at: open) }
        var pos = parser.skipWhitespace(open + 1)
        if pos < parser.count && parser.base[pos] == UInt8(ascii: "]") {
            try visitor.endList()
            return pos + 1
        }
        var index = 0
        while true {
            tape.count = 0
            pos = try parser.parseValue(at: pos, depth: depth, into: tape, stack: &stack)
            try visitor.listElement(index: index, tape: tape)
            index += 1
            pos = parser.skipWhitespace(pos)
            guard pos < parser.count else { throw parser.malformed("expected ',' or ']', found end of input", at: pos) }
            if parser.base[pos] == UInt8(ascii: ",") {
                pos += 1
            } else if parser.base[pos] == UInt8(ascii: "]") {
                try visitor.endList()
                return pos + 1
            } else {
                throw parser.unexpected(at: pos, expected: "',' or ']'")
            }
        }
    }

    /// Reads a top-level object whose '{' is at `open`; returns the offset after '}'.
    private func readObject<V: JSONPageVisitor>(_ parser: JSONParser, at open: Int, visitor: inout V) throws -> Int {
        var deferred: [(key: String, start: Int)] = []
        var deferredIndex: [String: Int] = [:]
        var listKeys: Set<String> = []
        var pos = parser.skipWhitespace(open + 1)
        if pos < parser.count && parser.base[pos] == UInt8(ascii: "}") {
            return pos + 1
        }
        while true {
            pos = parser.skipWhitespace(pos)
            guard pos < parser.count, parser.base[pos] == UInt8(ascii: "\"") else {
                throw parser.unexpected(at: pos, expected: "a string key")
            }
            let (end, escaped) = try parser.scanString(openingQuote: pos)
            let key = JSONStringDecoder.string(parser.base + pos + 1, count: end - pos - 1, escaped: escaped)
            pos = parser.skipWhitespace(end + 1)
            guard pos < parser.count, parser.base[pos] == UInt8(ascii: ":") else {
                throw parser.unexpected(at: pos, expected: "':'")
            }
            pos = parser.skipWhitespace(pos + 1)
            if pos < parser.count && parser.base[pos] == UInt8(ascii: "[") {
                if listKeys.contains(key) || deferredIndex[key] != nil {
                    throw SchemaError("duplicate top-level key \"\(key)\" holding a list; each list key may appear once per page")
                }
                listKeys.insert(key)
                pos = try readList(parser, after: pos, key: key, visitor: &visitor)
            } else {
                if listKeys.contains(key) {
                    throw SchemaError("duplicate top-level key \"\(key)\" holding a list; each list key may appear once per page")
                }
                tape.count = 0
                let start = pos
                pos = try parser.parseValue(at: pos, depth: 1, into: tape, stack: &stack)
                if let existing = deferredIndex[key] {
                    deferred[existing].start = start
                } else {
                    deferredIndex[key] = deferred.count
                    deferred.append((key, start))
                }
            }
            pos = parser.skipWhitespace(pos)
            guard pos < parser.count else { throw parser.malformed("expected ',' or '}', found end of input", at: pos) }
            if parser.base[pos] == UInt8(ascii: ",") {
                pos += 1
            } else if parser.base[pos] == UInt8(ascii: "}") {
                pos += 1
                break
            } else {
                throw parser.unexpected(at: pos, expected: "',' or '}'")
            }
        }
        for member in deferred {
            tape.count = 0
            _ = try parser.parseValue(at: member.start, depth: 1, into: tape, stack: &stack)
            try visitor.rootMember(key: member.key, tape: tape)
        }
        return pos
    }
}
