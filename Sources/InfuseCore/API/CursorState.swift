/// The bookkeeping of one cursor-paged read: which tokens were seen, how many records came, how
/// many empty pages in a row still carried a token, and when to stop.
///
/// Kept apart from the HTTP loop in `CursorPager` so the stopping rules are plain values.
struct CursorState: Sendable, Equatable {
    /// What to do after a page.
    enum Step: Sendable, Equatable {
        /// Ask for the page of this token next.
        case follow(String)
        /// The list is complete (Max Rows reached, or no token).
        case end
        /// The list is taken as ended although the page had a token, for the reason given.
        case endWithWarning(String)
    }

    /// Rows still wanted when the read started (`Int.max` for all).
    let wanted: Int
    /// Empty pages with a token followed in a row before the list is taken as ended.
    let maxEmptyPagesInARow: Int
    /// Records received so far.
    private(set) var received = 0
    private(set) var emptyInARow = 0
    private var seen: Set<String>

    init(wanted: Int, startToken: String?, maxEmptyPagesInARow: Int) {
        self.wanted = wanted
        self.maxEmptyPagesInARow = maxEmptyPagesInARow
        seen = startToken.map { [$0] } ?? []
    }

    /// The `page_size` of the next request: the page limit, or fewer when fewer rows are wanted.
    func pageSize(limit: Int) -> Int { max(1, min(limit, wanted - received)) }

    /// Records a page of `records` rows whose (resolved) next token is `next`.
    mutating func advance(records: Int, next: String?) -> Step {
        received += records
        emptyInARow = records == 0 ? emptyInARow + 1 : 0
        guard received < wanted, let next, !next.isEmpty else { return .end }
        if seen.contains(next) {
            return .endWithWarning("Keap sent a page token it had sent before; the list was ended there after \(received) records")
        }
        if emptyInARow >= maxEmptyPagesInARow {
            return .endWithWarning(
                "\(maxEmptyPagesInARow) empty pages in a row still carried a page token; the list was ended there after \(received) records")
        }
        seen.insert(next)
        return .follow(next)
    }
}
