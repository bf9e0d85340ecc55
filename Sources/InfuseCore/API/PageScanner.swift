/// Where the records of a page are.
enum PageLocator: Sendable, Equatable {
    /// The array under this top-level key (`contacts`); an absent key means no records.
    case listKey(String)
    /// The whole document: the elements of a bare top-level array, else the document as one record.
    case wholeDocument
    /// A bare top-level array's elements, else the first top-level array of objects, else the
    /// document as one record (for custom URLs that match no catalogue endpoint).
    case automatic
}

/// The byte ranges of a page's records and its top-level `count`.
struct PageScan: Sendable, Equatable {
    var records: [Range<Int>]
    var count: Int?
}

/// Why a body is not one complete JSON document.
struct PageScanError: Error, Equatable, CustomStringConvertible {
    var reason: String
    var offset: Int
    var description: String { "\(reason) at byte \(offset)" }
}

/// A byte-level JSON skip-scanner: checks that a body is one complete, well-formed JSON value
/// (so truncated bodies are caught) and finds the records of a page without building objects.
struct PageScanner {
    /// Deeper nesting than this is refused rather than risking the stack.
    static let maxDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Scans a page body; throws `PageScanError` when it is empty, truncated or not JSON.
    static func scan(_ body: [UInt8], locate: PageLocator) throws -> PageScan {
        try body.withUnsafeBufferPointer { buffer in
            var scanner = PageScanner(bytes: buffer)
            return try scanner.document(locate)
        }
    }

    private mutating func document(_ locate: PageLocator) throws -> PageScan {
        skipWhitespace()
        if index == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
            skipWhitespace()
        }
        guard index < bytes.count else { throw PageScanError(reason: "the body is empty", offset: index) }
        var scan = PageScan(records: [], count: nil)
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "["):
            if case .listKey = locate { throw PageScanError(reason: "expected a JSON object, found an array", offset: index) }
            scan.records = try arrayElements(depth: 1)
        case UInt8(ascii: "{"):
            var named: [Range<Int>]?
            var firstObjectArray: [Range<Int>]?
            index += 1
            skipWhitespace()
            if try !consume(UInt8(ascii: "}")) {
                while true {
                    skipWhitespace()
                    let key = try string()
                    skipWhitespace()
                    try expect(UInt8(ascii: ":"))
                    skipWhitespace()
                    try need()
                    let valueStart = index
                    if bytes[index] == UInt8(ascii: "[") {
                        if case .listKey(let wanted) = locate, named == nil, equals(key, wanted) {
                            named = try arrayElements(depth: 2)
                        } else if locate == .automatic, firstObjectArray == nil {
                            let elements = try arrayElements(depth: 2)
                            if let first = elements.first, bytes[first.lowerBound] == UInt8(ascii: "{") {
                                firstObjectArray = elements
                            }
                        } else {
                            try skipValue(depth: 2)
                        }
                    } else {
                        try skipValue(depth: 2)
                        if equals(key, "count") { scan.count = integer(valueStart..<index) }
                    }
                    skipWhitespace()
                    if try consume(UInt8(ascii: ",")) { continue }
                    try expect(UInt8(ascii: "}"))
                    break
                }
            }
            switch locate {
            case .listKey: scan.records = named ?? []
            case .wholeDocument: scan.records = [start..<index]
            case .automatic: scan.records = firstObjectArray ?? [start..<index]
            }
        default:
            if case .listKey = locate { throw PageScanError(reason: "expected a JSON object", offset: index) }
            try skipValue(depth: 1)
            scan.records = [start..<index]
        }
        skipWhitespace()
        guard index == bytes.count else {
            throw PageScanError(reason: "unexpected data after the JSON value", offset: index)
        }
        return scan
    }

    /// Reads an array and returns the byte range of each element.
    private mutating func arrayElements(depth: Int) throws -> [Range<Int>] {
        guard depth <= Self.maxDepth else { throw PageScanError(reason: "nesting too deep", offset: index) }
        try expect(UInt8(ascii: "["))
        var elements: [Range<Int>] = []
        skipWhitespace()
        if try consume(UInt8(ascii: "]")) { return elements }
        while true {
            skipWhitespace()
            let start = index
            try skipValue(depth: depth + 1)
            elements.append(start..<index)
            skipWhitespace()
            if try consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "]"))
            return elements
        }
    }

    private mutating func skipValue(depth: Int) throws {
        guard depth <= Self.maxDepth else { throw PageScanError(reason: "nesting too deep", offset: index) }
        try need()
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            skipWhitespace()
            if try consume(UInt8(ascii: "}")) { return }
            while true {
                skipWhitespace()
                _ = try string()
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                try skipValue(depth: depth + 1)
                skipWhitespace()
                if try consume(UInt8(ascii: ",")) { continue }
                try expect(UInt8(ascii: "}"))
                return
            }
        case UInt8(ascii: "["):
            index += 1
            skipWhitespace()
            if try consume(UInt8(ascii: "]")) { return }
            while true {
                skipWhitespace()
                try skipValue(depth: depth + 1)
                skipWhitespace()
                if try consume(UInt8(ascii: ",")) { continue }
                try expect(UInt8(ascii: "]"))
                return
            }
        case UInt8(ascii: "\""):
            _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
        default:
            throw PageScanError(reason: "unexpected character", offset: index)
        }
    }

    /// Skips a string and returns the range of its raw (still escaped) content.
    private mutating func string() throws -> Range<Int> {
        try expect(UInt8(ascii: "\""))
        let start = index
        while true {
            try need()
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return start..<(index - 1)
            }
            if byte == UInt8(ascii: "\\") {
                index += 1
                try need()
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    index += 1
                    for _ in 0..<4 {
                        try need()
                        guard Self.isHexDigit(bytes[index]) else {
                            throw PageScanError(reason: "bad \\u escape", offset: index)
                        }
                        index += 1
                    }
                default:
                    throw PageScanError(reason: "bad escape in a string", offset: index)
                }
            } else if byte < 0x20 {
                throw PageScanError(reason: "control character in a string", offset: index)
            } else {
                index += 1
            }
        }
    }

    private mutating func number() throws {
        _ = try consume(UInt8(ascii: "-"))
        try need()
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            guard try digits() > 0 else { throw PageScanError(reason: "bad number", offset: index) }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard try digits() > 0 else { throw PageScanError(reason: "bad number", offset: index) }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard try digits() > 0 else { throw PageScanError(reason: "bad number", offset: index) }
        }
    }

    private mutating func digits() throws -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            index += 1
        }
        if index == bytes.count, index == start { try need() }
        return index - start
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        let pointer = word.utf8Start
        for offset in 0..<count {
            try need()
            guard bytes[index] == pointer[offset] else { throw PageScanError(reason: "unexpected character", offset: index) }
            index += 1
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) throws -> Bool {
        try need()
        if bytes[index] == byte {
            index += 1
            return true
        }
        return false
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try consume(byte) else {
            throw PageScanError(reason: "expected '\(Character(Unicode.Scalar(byte)))'", offset: index)
        }
    }

    /// Throws "ends early" when the body stops here: the mark of a truncated page.
    private func need() throws {
        guard index < bytes.count else { throw PageScanError(reason: "the body ends early", offset: index) }
    }

    private func equals(_ range: Range<Int>, _ text: String) -> Bool {
        var position = range.lowerBound
        for byte in text.utf8 {
            guard position < range.upperBound, bytes[position] == byte else { return false }
            position += 1
        }
        return position == range.upperBound
    }

    private func integer(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for position in range {
            let byte = bytes[position]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}
