/// Number conversions from validated JSON number literals.
enum JSONNumbers {
    /// Parses an integer literal (optional '-', digits); nil when it overflows `Int64`.
    static func parseInt64(_ p: UnsafePointer<UInt8>, count: Int) -> Int64? {
        var i = 0
        var negative = false
        if count > 0 && p[0] == UInt8(ascii: "-") {
            negative = true
            i = 1
        }
        guard i < count else { return nil }
        var magnitude: UInt64 = 0
        while i < count {
            let d = p[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            magnitude = a
            i += 1
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    private static let exactPowers: [Double] = (0...22).map { e in
        var v = 1.0
        for _ in 0..<e { v *= 10 }
        return v
    }

    /// Parses a validated JSON number literal as a `Double` (correctly rounded).
    static func parseDouble(_ p: UnsafePointer<UInt8>, count: Int) -> Double {
        // Fast path: at most 15 significant digits and a small power of ten is exact.
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") {
            negative = true
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var simple = true
        while i < count, isDigit(p[i]) {
            mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
            if mantissa != 0 { digits += 1 }
            i += 1
        }
        if i < count && p[i] == UInt8(ascii: ".") {
            i += 1
            while i < count, isDigit(p[i]) {
                mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
                if mantissa != 0 { digits += 1 }
                scale -= 1
                i += 1
            }
        }
        if i < count && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            i += 1
            var expNegative = false
            if p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") {
                expNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            while i < count, isDigit(p[i]) {
                if e < 10_000 { e = e * 10 + Int(p[i] &- 48) } else { simple = false }
                i += 1
            }
            scale += expNegative ? -e : e
        }
        if simple && digits <= 15 && scale >= -22 && scale <= 22 {
            var value = Double(mantissa)
            if scale < 0 { value /= exactPowers[-scale] } else { value *= exactPowers[scale] }
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
        return Double(text) ?? .nan
    }
}
