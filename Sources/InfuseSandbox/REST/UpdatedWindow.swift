import Foundation

/// The `since`/`until` filter on LastUpdated (KEAP-API.md §3), e.g. `since=2017-01-01T22:17:59.039Z`.
struct UpdatedWindow {
    let since: Int?
    let until: Int?

    enum Problem: Error {
        case invalid(String)
    }

    /// nil when neither parameter is present.
    init?(query: [String: String]) throws(Problem) {
        guard query["since"] != nil || query["until"] != nil else { return nil }
        since = try Self.parse(query["since"], name: "since")
        until = try Self.parse(query["until"], name: "until")
    }

    func contains(_ epochSeconds: Int) -> Bool {
        if let since, epochSeconds < since { return false }
        if let until, epochSeconds > until { return false }
        return true
    }

    private static func parse(_ text: String?, name: String) throws(Problem) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let whole = ISO8601DateFormatter()
        whole.formatOptions = [.withInternetDateTime]
        // Keap's own timestamps use "+0000"; ISO8601DateFormatter wants "+00:00" or "Z".
        var normalized = text
        if let range = normalized.range(of: #"[+-]\d{4}$"#, options: .regularExpression) {
            let offset = normalized[range]
            normalized.replaceSubrange(range, with: "\(offset.prefix(3)):\(offset.suffix(2))")
        }
        guard let date = fractional.date(from: normalized) ?? whole.date(from: normalized) else {
            throw .invalid("Invalid value for \(name): expected a date like 2017-01-01T22:17:59.039Z")
        }
        return Int(date.timeIntervalSince1970.rounded(.down))
    }
}
