import Foundation

/// Runs one `KeapClient.pages` call: plans the requests, fetches them (concurrently once the total
/// is known) and yields the pages strictly in offset order.
struct Pager: Sendable {
    let client: KeapClient
    let counters: FetchCounters
    let progress: (@Sendable (FetchProgress) -> Void)?
    let continuation: AsyncThrowingStream<FetchedPage, any Error>.Continuation

    /// One page request: its index, offset (relative to the plan's start) and limit.
    private struct Slot: Sendable {
        var index: Int
        var row: Int
        var limit: Int
    }

    func run(_ target: FetchTarget, maxRows: Int?) async throws {
        if let maxRows, maxRows <= 0 { return }
        let plan = try FetchPlan(target, policy: client.policy())
        if let maxPageSize = plan.cursorPageSize {
            let cursor = CursorPager(client: client, counters: counters, progress: progress, continuation: continuation)
            return try await cursor.run(plan, maxPageSize: maxPageSize, maxRows: maxRows)
        }
        let wanted = maxRows ?? Int.max

        guard plan.paged else {
            let answer = try await fetch(plan, limit: nil, offset: nil)
            let records = Array(answer.records.prefix(wanted))
            await counters.setTotal(records.count)
            try await deliver(FetchedPage(offset: 0, body: answer.body, records: records, totalCount: answer.count))
            return
        }

        let pageSize = max(1, client.configuration.pageSize)
        let first = Slot(index: 0, row: 0, limit: min(pageSize, wanted))
        let firstPage = try await fetchWhole(first, plan: plan, count: nil)
        let total = firstPage.totalCount
        // `count` is the total when it is larger than what came back; when it equals a full first
        // page it may be a page size, so the rest is then read one page at a time until a short page.
        let knownEnd: Int? = total.flatMap { $0 - plan.startOffset > firstPage.records.count ? $0 - plan.startOffset : nil }
        let end = min(wanted, knownEnd ?? Int.max)
        await counters.setTotal(knownEnd.map { min($0, wanted) } ?? (firstPage.records.count < first.limit ? firstPage.records.count : nil))
        try await deliver(firstPage)
        guard firstPage.records.count == first.limit, first.limit < end else { return }

        let concurrency = knownEnd == nil ? 1 : max(1, client.configuration.maxConcurrentPages)
        func slot(_ index: Int) -> Slot? {
            let (row, overflow) = index.multipliedReportingOverflow(by: pageSize)
            guard !overflow, row < end else { return nil }
            return Slot(index: index, row: row, limit: min(pageSize, end - row))
        }

        try await withThrowingTaskGroup(of: (Int, FetchedPage).self) { group in
            var nextToStart = 1
            var nextToDeliver = 1
            var limits: [Int: Int] = [:]
            var ready: [Int: FetchedPage] = [:]
            func startMore() {
                while nextToStart < nextToDeliver + concurrency, let slot = slot(nextToStart) {
                    limits[slot.index] = slot.limit
                    group.addTask { (slot.index, try await fetchWhole(slot, plan: plan, count: knownEnd == nil ? nil : total)) }
                    nextToStart += 1
                }
            }
            startMore()
            while let (index, page) = try await group.next() {
                ready[index] = page
                while let page = ready.removeValue(forKey: nextToDeliver) {
                    try await deliver(page)
                    let limit = limits[nextToDeliver] ?? 0
                    nextToDeliver += 1
                    if page.records.count < limit {
                        group.cancelAll()
                        return
                    }
                }
                startMore()
            }
        }
    }

    /// Fetches `slot` and checks it against Keap's `count`: a page that changes `count` (records
    /// were created or deleted while paging, so offsets moved) fails the fetch; a well-formed page
    /// shorter than asked while `count` says more records follow is read again (at most
    /// `maxShortPageRereads` times) and fails the fetch if it stays short. Without a `count`, a
    /// short page ends the listing as before.
    private func fetchWhole(_ slot: Slot, plan: FetchPlan, count expected: Int?) async throws -> FetchedPage {
        var rereads = 0
        while true {
            let page = try await fetchSlot(slot, plan: plan)
            if let expected, let count = page.totalCount, count != expected {
                throw KeapAPIError.changedWhilePaging(countBefore: expected, countAfter: count, offset: plan.startOffset + slot.row)
            }
            guard let count = page.totalCount, page.records.count < slot.limit,
                plan.startOffset + slot.row + page.records.count < count
            else { return page }
            guard rereads < Self.maxShortPageRereads else {
                throw KeapAPIError.shortPage(
                    offset: plan.startOffset + slot.row, received: page.records.count, expected: slot.limit, count: count,
                    attempts: rereads + 1)
            }
            rereads += 1
            await counters.retried(note: "re-reading a short page (\(page.records.count) of \(slot.limit) records at offset \(plan.startOffset + slot.row))")
            if let progress { progress(await counters.snapshot()) }
        }
    }

    /// Extra reads of a page that came back shorter than asked before `count` was reached.
    static let maxShortPageRereads = 3

    private func fetchSlot(_ slot: Slot, plan: FetchPlan) async throws -> FetchedPage {
        let answer = try await fetch(plan, limit: slot.limit, offset: plan.startOffset + slot.row)
        return FetchedPage(
            offset: slot.row, body: answer.body, records: Array(answer.records.prefix(slot.limit)),
            totalCount: answer.count)
    }

    private func fetch(_ plan: FetchPlan, limit: Int?, offset: Int?) async throws -> (body: [UInt8], records: [Range<Int>], count: Int?) {
        guard let url = plan.url(policy: try client.policy(), limit: limit, offset: offset) else {
            throw KeapAPIError.invalidURL(plan.displayPath)
        }
        let answer = try await client.perform(url, locator: plan.locator, counters: counters, progress: progress)
        return (answer.body, answer.scan?.records ?? [], answer.scan?.count.map { Int(clamping: $0) })
    }

    private func deliver(_ page: FetchedPage) async throws {
        try Task.checkCancellation()
        await counters.delivered(rows: page.records.count)
        continuation.yield(page)
        if let progress { progress(await counters.snapshot()) }
    }
}
