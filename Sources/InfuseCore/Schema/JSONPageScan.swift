/// Where the records of a page are.
public enum PageLocator: Sendable, Equatable {
    /// The array under this top-level key (`contacts`); an absent key means no records, and a
    /// page that is not an object is refused.
    case listKey(String)
    /// A bare top-level array's elements, else the first top-level member holding an array.
    case firstList
    /// The whole document: the elements of a bare top-level array, else the document as one record.
    case wholeDocument
    /// A bare top-level array's elements, else the first top-level array of objects, else the
    /// document as one record (for custom URLs that match no catalogue endpoint).
    case automatic
}

/// The records of one page, found by a validating scan with the fast page reader: the whole body
/// must be one complete JSON value (a truncated body is an error), but no objects are built.
///
/// The HTTP client uses it to find and count a page's records; imports and previews to count rows.
public struct JSONPageScan: Sendable, Equatable {
    /// Byte ranges of the page's records (each a complete JSON value) in page order.
    public var records: [Range<Int>]
    /// The top-level `count` member when it is an integer.
    public var count: Int64?
    /// The key of the list the records came from; nil for a bare top-level array or the whole document.
    public var listKey: String?
    /// The top-level `next_page_token` member of a Keap REST v2 page when it is a string.
    public var nextPageToken: String?

    /// Scans `bytes` for the records `locate` names.
    /// - Throws: `JSONReadError` for invalid JSON (the whole page is validated), `SchemaError`
    ///   when the page's shape does not fit `locate` (an array where `listKey` needs an object).
    public static func scan(_ bytes: [UInt8], locate: PageLocator = .firstList, maxDepth: Int = 512) throws -> JSONPageScan {
        try bytes.withUnsafeBytes { try scan($0, locate: locate, maxDepth: maxDepth) }
    }

    /// Scans a page held in memory; see `scan(_:locate:maxDepth:)`.
    public static func scan(_ buffer: UnsafeRawBufferPointer, locate: PageLocator = .firstList, maxDepth: Int = 512) throws -> JSONPageScan {
        var visitor = ScanVisitor(locate: locate)
        try JSONPageReader(maxDepth: maxDepth).read(buffer, visitor: &visitor)
        if visitor.usesWholeDocument {
            return JSONPageScan(records: [documentRange(buffer)], count: visitor.count, listKey: nil, nextPageToken: visitor.nextPageToken)
        }
        return JSONPageScan(records: visitor.records, count: visitor.count, listKey: visitor.chosen, nextPageToken: visitor.nextPageToken)
    }

    /// The bytes of the document without a byte-order mark and surrounding whitespace.
    private static func documentRange(_ buffer: UnsafeRawBufferPointer) -> Range<Int> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        var start = buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0
        var end = buffer.count
        while start < end, isSpace(buffer[start]) { start += 1 }
        while end > start, isSpace(buffer[end - 1]) { end -= 1 }
        return start..<end
    }
}

private struct ScanVisitor: JSONPageVisitor {
    let locate: PageLocator
    var records: [Range<Int>] = []
    var count: Int64?
    var nextPageToken: String?
    /// The key of the chosen top-level list (nil until one is chosen, and for a bare array).
    var chosen: String?
    var isBare = false
    var base: UnsafePointer<UInt8>?
    /// The list being read while it may still become the chosen one (its key; nil for a bare array).
    var collecting = false
    var currentKey: String?
    var current: [Range<Int>] = []
    var currentStartsWithObject = false

    init(locate: PageLocator) { self.locate = locate }

    var acceptsScalarPage: Bool { locate == .wholeDocument || locate == .automatic }

    /// True when the records are the document itself: a scalar, or an object whose records are
    /// the whole document (`wholeDocument`, or `automatic` without a list of objects).
    var usesWholeDocument: Bool {
        if isBare { return false }
        switch locate {
        case .wholeDocument: return true
        case .automatic: return chosen == nil
        case .listKey, .firstList: return false
        }
    }

    mutating func beginPage(isArray: Bool, base: UnsafePointer<UInt8>) throws {
        if isArray, case .listKey = locate { throw SchemaError("expected a JSON object, found an array") }
        isBare = isArray
        self.base = base
    }

    mutating func rootMember(key: String, tape: JSONTape) throws {
        if key == "next_page_token", tape[0].kind == .string, let base {
            let value = tape[0]
            nextPageToken = JSONStringDecoder.string(base + Int(value.start), count: Int(value.end - value.start), escaped: value.hasEscapes)
            return
        }
        guard key == "count", tape[0].kind == .integer, let base else { return }
        count = JSONNumbers.parseInt64(base + Int(tape[0].start), count: Int(tape[0].end - tape[0].start))
    }

    mutating func beginList(key: String?) throws {
        currentKey = key
        current = []
        currentStartsWithObject = false
        if key == nil {
            collecting = true
        } else if chosen != nil {
            collecting = false
        } else {
            switch locate {
            case .listKey(let wanted): collecting = key == wanted
            case .firstList, .automatic: collecting = true
            case .wholeDocument: collecting = false
            }
        }
    }

    mutating func listElement(index: Int, tape: JSONTape) throws {
        guard collecting else { return }
        if index == 0 { currentStartsWithObject = tape[0].kind == .object }
        current.append(tape[0].rawRange)
    }

    mutating func endList() throws {
        defer { collecting = false; current = [] }
        guard collecting else { return }
        // `automatic` takes the first top-level list of objects; the others take the list as it is.
        if currentKey != nil, locate == .automatic, !currentStartsWithObject { return }
        records = current
        chosen = currentKey
    }

    mutating func endPage() throws {}
}
