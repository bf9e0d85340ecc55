/// Converts epoch seconds to UTC calendar fields without Foundation formatters (fast path for
/// serializing hundreds of thousands of timestamps).
enum CivilDate {
    /// Calendar fields of a UTC instant.
    struct Fields: Equatable {
        var year: Int
        var month: Int
        var day: Int
        var hour: Int
        var minute: Int
        var second: Int
    }

    /// Splits epoch seconds into UTC year/month/day/hour/minute/second
    /// (days-from-civil inverse, proleptic Gregorian calendar).
    static func fields(epochSeconds: Int) -> Fields {
        var days = epochSeconds / 86_400
        var secondsOfDay = epochSeconds % 86_400
        if secondsOfDay < 0 {
            secondsOfDay += 86_400
            days -= 1
        }
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return Fields(year: year, month: month, day: day,
                      hour: secondsOfDay / 3600, minute: (secondsOfDay % 3600) / 60, second: secondsOfDay % 60)
    }

    /// Appends `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS.000+0000` to `bytes`.
    static func append(epochSeconds: Int, withTime: Bool, to bytes: inout [UInt8]) {
        let f = fields(epochSeconds: epochSeconds)
        appendPadded(f.year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendPadded(f.month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendPadded(f.day, width: 2, to: &bytes)
        guard withTime else { return }
        bytes.append(UInt8(ascii: "T"))
        appendPadded(f.hour, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendPadded(f.minute, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendPadded(f.second, width: 2, to: &bytes)
        bytes.append(contentsOf: timeSuffix)
    }

    /// The text form used by `JSONWriter.timestamp`, for places that need a `String`.
    static func timestampString(_ epochSeconds: Int) -> String {
        var bytes: [UInt8] = []
        append(epochSeconds: epochSeconds, withTime: true, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let timeSuffix: [UInt8] = Array(".000+0000".utf8)

    private static func appendPadded(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var remaining = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8((remaining / divisor) % 10))
            remaining %= divisor
            divisor /= 10
        }
    }
}
