/// The kind of one parsed JSON value.
enum JSONKind: UInt8 {
    case null = 0
    case falseValue
    case trueValue
    /// An integer literal that fits in `Int64`.
    case integer
    /// A number with a fraction or exponent whose magnitude a `Double` can hold.
    case decimal
    /// A number that fits neither `Int64` nor `Double`; kept as its literal text.
    case bigNumber
    case string
    case object
    case array
}

/// One value in a `JSONTape`: where its bytes are, where its subtree ends and how many members
/// or elements it has. 16 bytes, so a tape of a record stays in cache.
struct JSONTapeEntry {
    /// For strings the first byte after the opening quote; otherwise the value's first byte.
    var start: UInt32
    /// For strings the offset of the closing quote; otherwise one past the value's last byte.
    var end: UInt32
    /// Tape index just after this value's subtree.
    var next: UInt32
    /// Kind in the low 4 bits, flags in bits 4–7, member or element count above.
    var info: UInt32

    @inline(__always) var kind: JSONKind { JSONKind(rawValue: UInt8(truncatingIfNeeded: info & 0x0F))! }
    /// For strings: the content has backslash escapes and must be decoded.
    @inline(__always) var hasEscapes: Bool { info & 0x10 != 0 }
    /// Members of an object or elements of an array.
    @inline(__always) var count: Int { Int(info >> 8) }
    /// The byte range of the value as JSON text (strings include their quotes).
    @inline(__always) var rawRange: Range<Int> {
        kind == .string ? (Int(start) - 1)..<(Int(end) + 1) : Int(start)..<Int(end)
    }
}

/// A reusable flat list of parsed values in document order (a "tape"): containers are followed
/// by their children; object members are a key string entry followed by the value's subtree.
/// Reusing one tape per record keeps parsing free of per-value allocation.
final class JSONTape {
    private(set) var entries: UnsafeMutablePointer<JSONTapeEntry>
    private(set) var capacity: Int
    /// Number of entries in use.
    var count = 0

    init(capacity: Int = 1024) {
        self.capacity = max(16, capacity)
        entries = .allocate(capacity: self.capacity)
    }

    deinit { entries.deallocate() }

    @inline(__always) subscript(index: Int) -> JSONTapeEntry {
        get { entries[index] }
    }

    @inline(__always) func append(_ entry: JSONTapeEntry) -> Int {
        if count == capacity { grow() }
        entries[count] = entry
        count += 1
        return count - 1
    }

    @inline(__always) func patchContainer(_ index: Int, end: Int, next: Int, count members: Int) {
        entries[index].end = UInt32(truncatingIfNeeded: end)
        entries[index].next = UInt32(truncatingIfNeeded: next)
        entries[index].info = (entries[index].info & 0xFF) | (UInt32(truncatingIfNeeded: members) << 8)
    }

    private func grow() {
        let newCapacity = capacity * 2
        let fresh = UnsafeMutablePointer<JSONTapeEntry>.allocate(capacity: newCapacity)
        fresh.moveInitialize(from: entries, count: count)
        entries.deallocate()
        entries = fresh
        capacity = newCapacity
    }
}
