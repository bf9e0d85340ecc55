/// Collects which kinds of values a column has seen and resolves its `ColumnType`.
struct TypeAccumulator {
    static let integer: UInt8 = 1
    static let decimal: UInt8 = 2
    static let bigNumber: UInt8 = 4
    static let boolean: UInt8 = 8
    static let date: UInt8 = 16
    static let text: UInt8 = 32
    static let json: UInt8 = 64

    var flags: UInt8 = 0

    /// An accumulator that starts from a known type (e.g. a custom field definition).
    init(seed: ColumnType? = nil) {
        switch seed {
        case .integer: flags = Self.integer
        case .decimal: flags = Self.decimal
        case .boolean: flags = Self.boolean
        case .text: flags = Self.text
        case .dateTime: flags = Self.date
        case .json: flags = Self.json
        case nil: flags = 0
        }
    }

    /// Records the scalar or container at `entry` (nulls are ignored).
    @inline(__always)
    mutating func observe(_ entry: JSONTapeEntry, base: UnsafePointer<UInt8>) {
        switch entry.kind {
        case .null: break
        case .falseValue, .trueValue: flags |= Self.boolean
        case .integer: flags |= Self.integer
        case .decimal: flags |= Self.decimal
        case .bigNumber: flags |= Self.bigNumber
        case .string:
            if flags & Self.text == 0, !entry.hasEscapes,
               DateTimeText.isDateTime(base + Int(entry.start), count: Int(entry.end - entry.start)) {
                flags |= Self.date
            } else {
                flags |= Self.text
            }
        case .object, .array: flags |= Self.json
        }
    }

    /// The resolved type: a column with no values at all is text.
    var type: ColumnType {
        if flags & Self.json != 0 { return .json }
        switch flags {
        case 0: return .text
        case Self.boolean: return .boolean
        case Self.integer: return .integer
        case Self.decimal, Self.integer | Self.decimal: return .decimal
        case Self.date: return .dateTime
        default: return .text
        }
    }
}
