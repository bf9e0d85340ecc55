import Foundation

/// A parsed JSON value that keeps booleans, integers and decimals apart (JSONDecoder is strict
/// about each, unlike JSONSerialization's NSNumber).
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self, let value = members[key], value != .null { return value }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var int: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    var array: [JSONValue] {
        if case .array(let values) = self { return values }
        return []
    }

    /// Writes the value verbatim.
    func write(into w: inout JSONWriter) {
        switch self {
        case .null: w.null()
        case .bool(let value): w.bool(value)
        case .int(let value): w.int(value)
        case .double(let value): w.double(value)
        case .string(let value): w.string(value)
        case .array(let values):
            w.beginArray()
            for value in values { value.write(into: &w) }
            w.endArray()
        case .object(let members):
            w.beginObject()
            for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                w.key(dynamic: key)
                value.write(into: &w)
            }
            w.endObject()
        }
    }
}

/// A record as the v1 writers produce it, read back so the v2 shape is a projection of the same
/// bytes: one world, two shapes.
struct V1Record {
    let value: JSONValue

    /// Runs a v1 writer and parses what it wrote.
    init(_ write: (inout JSONWriter) -> Void) {
        var w = JSONWriter(capacity: 4096)
        write(&w)
        value = (try? JSONDecoder().decode(JSONValue.self, from: Data(w.bytes))) ?? .null
    }

    subscript(key: String) -> JSONValue? { value[key] }
}

/// Writers for v2 properties: absent values are omitted (the v2 schemas declare no property
/// nullable), ids are strings, times are ISO 8601 with milliseconds and `Z`.
extension JSONWriter {
    mutating func v2String(_ fields: V2Fields, _ name: StaticString, _ value: String?) {
        guard fields.wants(name), let value else { return }
        key(name)
        string(value)
    }

    mutating func v2ID(_ fields: V2Fields, _ name: StaticString, _ value: Int?) {
        guard fields.wants(name), let value else { return }
        key(name)
        string(String(value))
    }

    mutating func v2Int(_ fields: V2Fields, _ name: StaticString, _ value: Int?) {
        guard fields.wants(name), let value else { return }
        key(name)
        int(value)
    }

    mutating func v2Bool(_ fields: V2Fields, _ name: StaticString, _ value: Bool?) {
        guard fields.wants(name), let value else { return }
        key(name)
        bool(value)
    }

    mutating func v2Number(_ fields: V2Fields, _ name: StaticString, _ value: Double?) {
        guard fields.wants(name), let value else { return }
        key(name)
        double(value)
    }

    /// A v1 timestamp (`2022-09-29T00:42:42.000+0000`) in v2 form (`2022-09-29T00:42:42.000Z`).
    mutating func v2Time(_ fields: V2Fields, _ name: StaticString, v1 value: String?) {
        guard fields.wants(name), let value, let millis = V1Time.millis(value) else { return }
        key(name)
        isoTimestamp(millis: millis)
    }

    mutating func v2Time(_ fields: V2Fields, _ name: StaticString, millis value: Int?) {
        guard fields.wants(name), let value else { return }
        key(name)
        isoTimestamp(millis: value)
    }

    /// `{amount, currency_code, formatted_amount}` from a v1 decimal money value.
    mutating func v2Money(_ fields: V2Fields, _ name: StaticString, _ value: Double?) {
        guard fields.wants(name), let value else { return }
        let cents = Int((value * 100).rounded())
        key(name)
        beginObject()
        field("amount", cents)
        field("currency_code", static: "USD")
        field("formatted_amount", String(format: "$%.2f", Double(cents) / 100))
        endObject()
    }
}

/// v1 timestamps as this sandbox writes them.
enum V1Time {
    /// `YYYY-MM-DDTHH:MM:SS.mmm+0000` or `YYYY-MM-DD` → epoch milliseconds.
    static func millis(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        guard bytes.count >= 19 else { return days * 86_400_000 }
        guard let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2) else { return nil }
        let fraction = bytes.count >= 23 ? number(20, 3) ?? 0 : 0
        return ((days * 86_400 + hour * 3600 + minute * 60 + second) * 1000) + fraction
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
