import Foundation

/// What a progress bar shows: `Refreshing ███████░░░ 1,750/2,500 rows · page 2/3 · 0.8 s left`.
public struct ProgressInfo: Hashable, Sendable {
    /// The leading word(s), e.g. `Refreshing`.
    public var label: String
    /// Units done so far.
    public var done: Int
    /// Total units, or nil when unknown (the bar is then omitted).
    public var total: Int?
    /// The unit name, e.g. `rows`.
    public var unit: String
    /// Current page (1-based) and page count, when known.
    public var page: Int?
    /// See ``page``.
    public var pageCount: Int?
    /// Estimated seconds left, when known.
    public var secondsLeft: Double?

    /// Creates progress information.
    public init(label: String, done: Int, total: Int?, unit: String = "rows", page: Int? = nil,
                pageCount: Int? = nil, secondsLeft: Double? = nil) {
        self.label = label
        self.done = done
        self.total = total
        self.unit = unit
        self.page = page
        self.pageCount = pageCount
        self.secondsLeft = secondsLeft
    }
}
