import Foundation

/// A v2 request that cannot be answered: the body is swagger.yml's
/// `Error{code, message, status, details[]}`.
struct V2Problem: Error {
    let code: Int
    let status: String
    let message: String

    static func invalid(_ message: String) -> V2Problem {
        V2Problem(code: 400, status: "INVALID_ARGUMENT", message: message)
    }

    static func notFound(_ message: String) -> V2Problem {
        V2Problem(code: 404, status: "NOT_FOUND", message: message)
    }

    /// `{"code":400,"message":"…","status":"INVALID_ARGUMENT","details":[]}`.
    var body: [UInt8] {
        var w = JSONWriter(capacity: 128 + message.utf8.count)
        w.beginObject()
        w.field("code", code)
        w.field("message", message)
        w.field("status", status)
        w.emptyArrayField("details")
        w.endObject()
        return w.bytes
    }
}

/// One `field==value` clause of a v2 `filter`.
struct V2FilterClause: Equatable {
    let field: String
    let value: String
}

/// The parsed v2 list parameters: `page_size`, `page_token`, `filter`, `order_by`, `fields`.
struct V2ListQuery {
    let pageSize: Int
    let token: V2PageToken?
    let clauses: [V2FilterClause]
    /// `(field, descending)`, nil when absent.
    let order: (field: String, descending: Bool)?
    /// The requested `fields`, nil when absent.
    let fields: [String]?
    /// Identifies the query a token belongs to: filter, order and fields, not the paging.
    let fingerprint: UInt32
    /// The raw query parameters other than `page_token`, still percent-encoded, in order.
    let otherParameters: [Substring]

    /// Parses `rawQuery` for a list whose page size may not exceed `maximumPageSize`.
    init(rawQuery: String?, maximumPageSize: Int) throws(V2Problem) {
        var pageSize = maximumPageSize
        var tokenText: String?
        var clauses: [V2FilterClause] = []
        var order: (String, Bool)?
        var fields: [String]?
        var others: [Substring] = []
        var identity = ""
        for pair in (rawQuery ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = FormDecoding.unescape(parts[0])
            let value = parts.count > 1 ? FormDecoding.unescape(parts[1]) : ""
            if name != "page_token" { others.append(pair) }
            switch name {
            case "page_size":
                guard let parsed = Int(value), parsed >= 1, parsed <= maximumPageSize else {
                    throw .invalid("page_size must be an integer between 1 and \(maximumPageSize)")
                }
                pageSize = parsed
            case "page_token":
                tokenText = value
            case "filter":
                clauses += try Self.parseFilter(value)
                identity += "f=" + value + "&"
            case "order_by":
                order = try Self.parseOrder(value)
                identity += "o=" + value + "&"
            case "fields":
                let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
                fields = (fields ?? []) + names
                identity += "s=" + value + "&"
            default:
                break
            }
        }
        self.pageSize = pageSize
        self.clauses = clauses
        self.order = order
        self.fields = fields
        self.otherParameters = others
        let fingerprint = V2PageToken.hash(identity)
        self.fingerprint = fingerprint
        if let tokenText, !tokenText.isEmpty {
            guard let token = V2PageToken(text: tokenText), token.fingerprint == fingerprint else {
                throw .invalid("Invalid page_token")
            }
            self.token = token
        } else {
            self.token = nil
        }
    }

    /// `a==1;b==2` → clauses; `==` is the only operator (the spec's filter descriptions).
    static func parseFilter(_ text: String) throws(V2Problem) -> [V2FilterClause] {
        var clauses: [V2FilterClause] = []
        for raw in text.split(separator: ";", omittingEmptySubsequences: true) {
            let clause = raw.trimmingCharacters(in: .whitespaces)
            if clause.isEmpty { continue }
            guard let range = clause.range(of: "==") else {
                throw .invalid("Invalid filter clause '\(clause)': the only operator is ==")
            }
            let field = String(clause[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            let value = String(clause[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            let badField = field.isEmpty || field.contains { !($0.isLetter || $0.isNumber || $0 == "_") }
            guard !badField, !value.hasPrefix("=") else {
                throw .invalid("Invalid filter clause '\(clause)': the only operator is ==")
            }
            clauses.append(V2FilterClause(field: field, value: value))
        }
        return clauses
    }

    /// `field asc|desc` (direction optional, ascending by default).
    static func parseOrder(_ text: String) throws(V2Problem) -> (String, Bool) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard let field = words.first, words.count <= 2 else {
            throw .invalid("Invalid order_by '\(text)': expected '<field> asc|desc'")
        }
        let direction = words.count == 2 ? words[1].lowercased() : "asc"
        guard direction == "asc" || direction == "desc" else {
            throw .invalid("Invalid order_by direction '\(words[1])': expected asc or desc")
        }
        return (field, direction == "desc")
    }
}

/// The opaque v2 `page_token`: base64url of `v2.<offset>.<stage>.<fingerprint>.<last>`, where
/// the fingerprint ties the token to the query that produced it, `last` is the index of the last
/// record served (so id-ordered lists resume after it even when records were deleted or created
/// in between) and `stage` marks the trailing empty pages of ``SandboxV2Quirks/emptyPageWithToken``.
struct V2PageToken: Equatable {
    let offset: Int
    let stage: Int
    let fingerprint: UInt32
    /// Index of the last record of the previous page; -1 before the first.
    let lastIndex: Int

    init(offset: Int, stage: Int = 0, fingerprint: UInt32, lastIndex: Int = -1) {
        self.offset = offset
        self.stage = stage
        self.fingerprint = fingerprint
        self.lastIndex = lastIndex
    }

    init?(text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else { return nil }
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "v2", let offset = Int(parts[1]), offset >= 0,
              let stage = Int(parts[2]), (0...2).contains(stage), let fingerprint = UInt32(parts[3]),
              let lastIndex = Int(parts[4]), lastIndex >= -1 else { return nil }
        self.init(offset: offset, stage: stage, fingerprint: fingerprint, lastIndex: lastIndex)
    }

    var text: String {
        Data("v2.\(offset).\(stage).\(fingerprint).\(lastIndex)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// FNV-1a.
    static func hash(_ text: String) -> UInt32 {
        var value: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            value ^= UInt32(byte)
            value = value &* 16_777_619
        }
        return value
    }
}

/// Which properties a v2 answer carries: the resource's defaults, or those named in `fields`
/// (`id` always).
struct V2Fields {
    private let selected: Set<String>?

    static let all = V2Fields(selected: nil)

    init(selected: Set<String>?) {
        self.selected = selected
    }

    func wants(_ name: StaticString) -> Bool {
        guard let selected else { return true }
        return selected.contains(name.description)
    }
}

/// A v2 date filter value: full ISO 8601 with milliseconds and a zone
/// (`2025-04-16T20:33:02.321Z`, `…+02:00`); epoch milliseconds.
enum V2Date {
    static func parse(_ text: String, field: String) throws(V2Problem) -> Int {
        let pattern = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:?\d{2})$"#
        guard text.range(of: pattern, options: .regularExpression) != nil else {
            throw .invalid("Invalid value for \(field): expected an ISO 8601 date-time with milliseconds and zone, like 2025-04-16T20:33:02.321Z")
        }
        var normalized = text
        if let range = normalized.range(of: #"[+-]\d{4}$"#, options: .regularExpression) {
            let offset = normalized[range]
            normalized.replaceSubrange(range, with: "\(offset.prefix(3)):\(offset.suffix(2))")
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: normalized) else {
            throw .invalid("Invalid value for \(field): \(text)")
        }
        return Int((date.timeIntervalSince1970 * 1000).rounded())
    }
}
