/// SplitMix64: a tiny, fast, well-distributed generator. Every sandbox record is drawn from its own
/// generator seeded by (seed, stream, index), so record *i* can be produced on demand without
/// generating or storing records 0..<i.
struct DeterministicRandom {
    private var state: UInt64

    /// A generator for one record of one resource.
    init(seed: UInt64, stream: DataStream, index: Int) {
        var mixed = Self.mix(seed ^ 0x5851_F42D_4C95_7F2D)
        mixed = Self.mix(mixed ^ stream.rawValue &* 0x9E37_79B9_7F4A_7C15)
        state = Self.mix(mixed ^ UInt64(bitPattern: Int64(index)) &* 0xD1B5_4A32_D192_ED03)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A value in `0..<upperBound` (upperBound > 0).
    mutating func int(_ upperBound: Int) -> Int {
        Int(next() % UInt64(upperBound))
    }

    /// A value in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(range.count)
    }

    /// A value in `[0, 1)`.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with the given probability.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    mutating func pick<T>(_ values: [T]) -> T {
        values[int(values.count)]
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Independent random streams, one per resource (and per sub-aspect where a cheap partial
/// view must agree with the full record, e.g. a contact's identity or its tag list).
enum DataStream: UInt64 {
    case contactIdentity = 1, contactDetail, contactTags
    case company, opportunity, campaign, product, order, transaction, subscription
    case tag, task, note, user, email, affiliate, file, appointment
    case fault
    /// Affiliate commissions, clawbacks and payments.
    case affiliateActivity
    /// Which records a `POST /_sandbox/changes` call picks.
    case changes
    /// v2-only facts (creation times of records whose v1 shape has none, lead sources).
    case v2Detail
}
