import Foundation

/// One rate window Keap reports in its `x-keap-*-throttle-*` headers: a limit, what is still
/// available, and the window's length.
public struct ThrottleWindow: Sendable, Equatable {
    /// Requests allowed per window.
    public var limit: Int
    /// Requests still available in the current window, as of the response that carried it.
    public var available: Int
    /// The window's length in seconds (60 for `minute`).
    public var seconds: Double

    /// Creates a window description.
    public init(limit: Int, available: Int, seconds: Double) {
        self.limit = limit
        self.available = available
        self.seconds = seconds
    }

    /// Parses the throttle headers with one prefix (`x-keap-product-throttle` or
    /// `x-keap-tenant-throttle`). Accepts scalars (`1499`) and the pipe form of several windows
    /// in one header (`9999|249999` with `minute|day`). `headers` has lower-cased names.
    public static func parse(prefix: String, headers: [String: String]) -> [ThrottleWindow] {
        guard let availableText = headers["\(prefix)-available"] else { return [] }
        let available = fields(availableText)
        let limits = fields(headers["\(prefix)-limit"] ?? "")
        let units = fields(headers["\(prefix)-time-unit"] ?? "")
        let intervals = fields(headers["\(prefix)-interval"] ?? "")
        var windows: [ThrottleWindow] = []
        for (position, text) in available.enumerated() {
            guard let value = Int(text) else { continue }
            let limit = position < limits.count ? Int(limits[position]) : nil
            let unit = position < units.count ? units[position] : "minute"
            let interval = position < intervals.count ? (Double(intervals[position]) ?? 1) : 1
            windows.append(
                ThrottleWindow(limit: limit ?? max(value, 1), available: value, seconds: unitSeconds(unit) * max(interval, 1)))
        }
        return windows
    }

    private static func fields(_ text: String) -> [String] {
        text.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
    }

    private static func unitSeconds(_ unit: String) -> Double {
        switch unit {
        case "second", "seconds", "sec", "s": 1
        case "hour", "hours", "h": 3_600
        case "day", "days", "d": 86_400
        case "month", "months": 2_592_000
        default: 60
        }
    }
}
