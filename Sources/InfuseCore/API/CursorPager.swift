import Foundation

/// Reads a Keap REST v2 list page by page with `page_size`/`page_token`, for one
/// `KeapClient.pages` call.
///
/// v2 answers `{<listKey>: [...], next_page_token}` with no total, so the pages come one at a
/// time, each asking for `min(maxPageSize, configured page size, rows still wanted)` records:
/// Max Rows is met exactly. `CursorState` decides when the list ends (Max Rows, no token, a token
/// seen before, too many empty pages that still carried a token); the last two add a warning to
/// the progress. A token is read by `PageToken` (bare, or a URL of the same list on the API base)
/// before anything is sent. Requests go through `KeapClient.perform`, so pacing, retries, the host
/// policy and the progress counters are those of v1 paging.
struct CursorPager: Sendable {
    let client: KeapClient
    let counters: FetchCounters
    let progress: (@Sendable (FetchProgress) -> Void)?
    let continuation: AsyncThrowingStream<FetchedPage, any Error>.Continuation

    /// Empty pages with a token in a row that end the list (the first two are followed).
    static let maxEmptyPagesInARow = 3

    /// Fetches the pages of a cursor-paged plan; `maxRows` nil means all.
    func run(_ plan: FetchPlan, maxPageSize: Int, maxRows: Int?) async throws {
        let wanted = maxRows ?? Int.max
        guard wanted > 0 else { return }
        let policy = try client.policy()
        let limit = max(1, min(maxPageSize, client.configuration.pageSize))
        var state = CursorState(wanted: wanted, startToken: plan.startToken, maxEmptyPagesInARow: Self.maxEmptyPagesInARow)
        var token = plan.startToken
        var pages = 0
        while true {
            let size = state.pageSize(limit: limit)
            guard let url = plan.url(policy: policy, pageSize: size, pageToken: token) else {
                throw KeapAPIError.invalidURL(plan.displayPath)
            }
            let answer = try await client.perform(url, locator: plan.locator, counters: counters, progress: progress)
            let records = Array((answer.scan?.records ?? []).prefix(size))
            let before = state.received
            // A token is only read (and a bad one refused) when the list goes on.
            let next: String?
            if before + records.count < wanted, let raw = answer.scan?.nextPageToken, !raw.isEmpty {
                next = try PageToken.resolve(raw, listPath: plan.path, policy: policy)
            } else {
                next = nil
            }
            let step = state.advance(records: records.count, next: next)
            if case .endWithWarning(let line) = step { await counters.warn("\(plan.displayPath): \(line)") }
            if case .follow = step {} else { await counters.setTotal(state.received) }
            // Empty pages are delivered only when nothing else was, so an empty list still gives
            // the consumer one page (and its body) to infer from.
            if !records.isEmpty || pages == 0 {
                try await deliver(FetchedPage(offset: before, body: answer.body, records: records, totalCount: nil))
                pages += 1
            } else if let progress {
                progress(await counters.snapshot())
            }
            guard case .follow(let nextToken) = step else { return }
            token = nextToken
        }
    }

    private func deliver(_ page: FetchedPage) async throws {
        try Task.checkCancellation()
        await counters.delivered(rows: page.records.count)
        continuation.yield(page)
        if let progress { progress(await counters.snapshot()) }
    }
}
