/// Reads two top-level fields of one record (its `id` and its change time) straight from the
/// record's bytes, skipping nested values: what an incremental run needs to find its watermark
/// and to notice a record delivered twice, without a second parse of the page.
struct RecordFields {
    /// The record's `id` as written (digits, or a string's content); nil when it has none.
    var id: String?
    /// The change field's text; nil when absent or not a string.
    var changeTime: String?

    /// Scans `bytes` (one JSON object) for `id` and `changeField`. Malformed input gives nils,
    /// never a trap: the page was already validated by the page scanner.
    init(_ bytes: ArraySlice<UInt8>, changeField: String?) {
        let change = changeField.map { Array($0.utf8) }
        var index = bytes.startIndex
        let end = bytes.endIndex
        func skipSpace() { while index < end, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 } }
        /// Skips a string starting at the quote; returns the content's range (escapes left as is).
        func string() -> Range<Int>? {
            guard index < end, bytes[index] == 0x22 else { return nil }
            index += 1
            let start = index
            while index < end, bytes[index] != 0x22 {
                index += bytes[index] == 0x5C ? 2 : 1
            }
            guard index < end else { return nil }
            let range = start..<index
            index += 1
            return range
        }
        /// Skips any value; returns the range of a scalar's text (a string's content).
        func value() -> (range: Range<Int>, isString: Bool)? {
            skipSpace()
            guard index < end else { return nil }
            switch bytes[index] {
            case 0x22:
                return string().map { ($0, true) }
            case 0x7B, 0x5B:
                var depth = 0
                while index < end {
                    switch bytes[index] {
                    case 0x22: _ = string(); continue
                    case 0x7B, 0x5B: depth += 1
                    case 0x7D, 0x5D:
                        depth -= 1
                        if depth == 0 { index += 1; return nil }
                    default: break
                    }
                    index += 1
                }
                return nil
            default:
                let start = index
                while index < end, bytes[index] != 0x2C, bytes[index] != 0x7D, bytes[index] != 0x20, bytes[index] != 0x0A { index += 1 }
                return (start..<index, false)
            }
        }
        skipSpace()
        guard index < end, bytes[index] == 0x7B else { return }
        index += 1
        while index < end {
            skipSpace()
            guard index < end, bytes[index] != 0x7D, let key = string() else { return }
            skipSpace()
            guard index < end, bytes[index] == 0x3A else { return }
            index += 1
            let found = value()
            if let found {
                let keyBytes = bytes[key]
                if keyBytes.elementsEqual("id".utf8) {
                    let text = String(decoding: bytes[found.range], as: UTF8.self)
                    id = text == "null" ? nil : text
                } else if let change, keyBytes.elementsEqual(change), found.isString {
                    changeTime = String(decoding: bytes[found.range], as: UTF8.self)
                }
            }
            skipSpace()
            if index < end, bytes[index] == 0x2C { index += 1 }
        }
    }
}
