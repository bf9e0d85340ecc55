/// The records of one list page, found by a quick validating scan of its top level.
///
/// The HTTP client uses it to count rows per page without inferring a schema.
public struct JSONPageScan: Sendable, Equatable {
    /// Byte ranges of the list's records (each a complete JSON value) in page order.
    public var records: [Range<Int>]
    /// The top-level `count` member when it is an integer.
    public var count: Int64?
    /// The key of the list that was scanned; nil for a bare top-level array or no list.
    public var listKey: String?

    /// Scans `bytes`. With `listKey`, the records are that top-level member's elements; without,
    /// those of the first top-level member holding an array; for a bare top-level array, its
    /// elements. Throws `JSONReadError` for invalid JSON (the whole page is validated).
    public static func scan(_ bytes: [UInt8], listKey: String? = nil, maxDepth: Int = 512) throws -> JSONPageScan {
        try bytes.withUnsafeBytes { try scan($0, listKey: listKey, maxDepth: maxDepth) }
    }

    /// Scans a page held in memory; see `scan(_:listKey:maxDepth:)`.
    public static func scan(_ buffer: UnsafeRawBufferPointer, listKey: String? = nil, maxDepth: Int = 512) throws -> JSONPageScan {
        var visitor = ScanVisitor(wanted: listKey)
        try JSONPageReader(maxDepth: maxDepth).read(buffer, visitor: &visitor)
        return JSONPageScan(records: visitor.records, count: visitor.count, listKey: visitor.chosen)
    }
}

private struct ScanVisitor: JSONPageVisitor {
    let wanted: String?
    var records: [Range<Int>] = []
    var count: Int64?
    var chosen: String?
    var collecting = false
    var isBare = false
    var base: UnsafePointer<UInt8>?

    init(wanted: String?) { self.wanted = wanted }

    mutating func beginPage(isArray: Bool, base: UnsafePointer<UInt8>) throws {
        isBare = isArray
        self.base = base
    }

    mutating func rootMember(key: String, tape: JSONTape) throws {
        guard key == "count", tape[0].kind == .integer, let base else { return }
        count = JSONNumbers.parseInt64(base + Int(tape[0].start), count: Int(tape[0].end - tape[0].start))
    }

    mutating func beginList(key: String?) throws {
        if key == nil {
            collecting = true
        } else if chosen == nil && (wanted == nil || wanted == key) {
            chosen = key
            collecting = true
        }
    }

    mutating func listElement(index: Int, tape: JSONTape) throws {
        if collecting { records.append(tape[0].rawRange) }
    }

    mutating func endList() throws { collecting = false }
    mutating func endPage() throws {}
}
