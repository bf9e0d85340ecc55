/// Row indexes for list filters and orderings, built on the first request that needs them and
/// kept for the server's lifetime.
///
/// Keys are static names of (resource, filter) pairs or orderings, so the number of entries is
/// bounded by the code, not by the requests; each entry holds at most one integer per record.
final class FilterIndexCache: Sendable {
    private let groups = Locked([String: [Int: [Int]]]())
    private let orderings = Locked([String: Ordering]())

    /// A permutation of record indexes and its inverse.
    struct Ordering: Sendable {
        /// Record indexes in sort order.
        let sorted: [Int]
        /// `rank[index]` is the position of record `index` in `sorted`.
        let rank: [Int]
    }

    init() {}

    /// The record indexes of one resource grouped by a key (ascending within each group),
    /// built once by `build`.
    func grouped(_ name: StaticString, build: () -> [Int: [Int]]) -> [Int: [Int]] {
        let key = name.description
        if let cached = groups.withLock({ $0[key] }) { return cached }
        // Built outside the lock so other requests are not held up; a rare double build is harmless.
        let built = build()
        return groups.withLock { state in
            if let existing = state[key] { return existing }
            state[key] = built
            return built
        }
    }

    /// A sort order of one resource's records, built once from `sorted`.
    func ordering(_ name: StaticString, build: () -> [Int]) -> Ordering {
        let key = name.description
        if let cached = orderings.withLock({ $0[key] }) { return cached }
        let sorted = build()
        var rank = [Int](repeating: 0, count: sorted.count)
        for (position, index) in sorted.enumerated() { rank[index] = position }
        let built = Ordering(sorted: sorted, rank: rank)
        return orderings.withLock { state in
            if let existing = state[key] { return existing }
            state[key] = built
            return built
        }
    }
}
