/// The v1 paging parameters of one request (KEAP-API.md §3): `limit` (default 1000, clamped to
/// 1...1000; 0 means the default) and `offset` (default 0), plus the other query parameters,
/// which `next`/`previous` repeat.
struct PageRequest {
    static let maximumLimit = 1000

    let limit: Int
    let offset: Int
    let descending: Bool
    /// Query parameters other than limit/offset, in request order, still percent-encoded.
    let otherParameters: [Substring]

    enum Problem: Error {
        case invalid(String)
    }

    init(rawQuery: String?) throws(Problem) {
        var limit = Self.maximumLimit
        var offset = 0
        var descending = false
        var others: [Substring] = []
        for pair in (rawQuery ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? parts[1] : ""
            switch parts[0] {
            case "limit":
                guard let parsed = Int(value), parsed >= 0 else {
                    throw .invalid("Invalid value for limit: must be a non-negative integer")
                }
                limit = parsed == 0 ? Self.maximumLimit : min(parsed, Self.maximumLimit)
            case "offset":
                guard let parsed = Int(value), parsed >= 0 else {
                    throw .invalid("Invalid value for offset: must be a non-negative integer")
                }
                offset = parsed
            default:
                if parts[0] == "order_direction" { descending = value.uppercased() == "DESCENDING" }
                others.append(pair)
            }
        }
        self.limit = limit
        self.offset = offset
        self.descending = descending
        self.otherParameters = others
    }

    /// The positions on this page within `0..<total`.
    func positions(total: Int) -> Range<Int> {
        let start = min(offset, total)
        let end = min(total, start + limit)
        return start..<end
    }

    /// Maps a page position to a record index, honouring `order_direction=DESCENDING`.
    func recordIndex(position: Int, total: Int) -> Int {
        descending ? total - 1 - position : position
    }

    /// An absolute link in Keap's style, e.g. `…/v1/contacts/?limit=1&offset=1000&since=…`.
    func link(base: String, limit: Int, offset: Int) -> String {
        var text = base
        if !text.hasSuffix("/") { text += "/" }
        text += "?limit=\(limit)&offset=\(offset)"
        for parameter in otherParameters {
            text += "&"
            text += parameter
        }
        return text
    }
}
