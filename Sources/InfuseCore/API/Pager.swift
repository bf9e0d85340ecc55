import Foundation

/// Runs one `KeapClient.pages` call: plans the requests, fetches them (concurrently once the total
/// is known) and yields the pages strictly in offset order.
struct Pager: Sendable {
    let client: KeapClient
    let counters: FetchCounters
    let progress: (@Sendable (FetchProgress) -> Void)?
    let continuation: AsyncThrowingStream<FetchedPage, any Error>.Continuation

    /// One page request: its index, the offset of its first new record (relative to the plan's
    /// start), how many new records it asks for, and whether it also re-reads the record before
    /// them (the overlap that proves no record was skipped between two pages).
    private struct Slot: Sendable {
        var index: Int
        var row: Int
        var limit: Int
        var overlaps = false
    }

    /// A fetched page with the record it re-read (the previous page's last, when it overlaps).
    private struct SlotPage: Sendable {
        var page: FetchedPage
        /// Whether the page re-read the record before it.
        var overlaps = false
        /// The identity of the re-read record (nil: the overlapping page came back empty).
        var anchor: String?
        /// The identity of the page's last record, nil when it has none.
        var last: String?
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
        let total = firstPage.page.totalCount
        // `count` is the total when it is larger than what came back; when it equals a full first
        // page it may be a page size, so the rest is then read one page at a time until a short page.
        let knownEnd: Int? = total.flatMap { $0 - plan.startOffset > firstPage.page.records.count ? $0 - plan.startOffset : nil }
        let end = min(wanted, knownEnd ?? Int.max)
        let firstCount = firstPage.page.records.count
        await counters.setTotal(knownEnd.map { min($0, wanted) } ?? (firstCount < first.limit ? firstCount : nil))
        try await deliver(firstPage.page)
        guard firstCount == first.limit, first.limit < end else { return }

        // Each later page starts one record early, at the record that ended the page before it:
        // when that record is not where it was, records before it were created or deleted while
        // paging (which `count` misses when as many were created as deleted) and the listing is
        // refused rather than stored with a gap or a duplicate. With a page size of 1 there is
        // no room for the overlap.
        let overlaps = pageSize >= 2
        let step = overlaps ? pageSize - 1 : pageSize
        let concurrency = knownEnd == nil ? 1 : max(1, client.configuration.maxConcurrentPages)
        func slot(_ index: Int) -> Slot? {
            let (steps, overflow) = (index - 1).multipliedReportingOverflow(by: step)
            guard !overflow else { return nil }
            let (row, overflowAgain) = first.limit.addingReportingOverflow(steps)
            guard !overflowAgain, row < end else { return nil }
            return Slot(index: index, row: row, limit: min(step, end - row), overlaps: overlaps)
        }

        try await withThrowingTaskGroup(of: (Int, SlotPage).self) { group in
            var nextToStart = 1
            var nextToDeliver = 1
            var limits: [Int: Int] = [:]
            var ready: [Int: SlotPage] = [:]
            var previousLast = firstPage.last
            func startMore() {
                while nextToStart < nextToDeliver + concurrency, let slot = slot(nextToStart) {
                    limits[slot.index] = slot.limit
                    group.addTask { (slot.index, try await fetchWhole(slot, plan: plan, count: knownEnd == nil ? nil : total)) }
                    nextToStart += 1
                }
            }
            startMore()
            while let (index, fetched) = try await group.next() {
                ready[index] = fetched
                while let fetched = ready.removeValue(forKey: nextToDeliver) {
                    if fetched.overlaps, let expected = previousLast, fetched.anchor != expected {
                        group.cancelAll()
                        throw KeapAPIError.shiftedWhilePaging(
                            offset: plan.startOffset + fetched.page.offset - 1, expected: expected, found: fetched.anchor)
                    }
                    try await deliver(fetched.page)
                    previousLast = fetched.last
                    let limit = limits[nextToDeliver] ?? 0
                    nextToDeliver += 1
                    if fetched.page.records.count < limit {
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
    private func fetchWhole(_ slot: Slot, plan: FetchPlan, count expected: Int?) async throws -> SlotPage {
        var rereads = 0
        while true {
            let fetched = try await fetchSlot(slot, plan: plan)
            let page = fetched.page
            if let expected, let count = page.totalCount, count != expected {
                throw KeapAPIError.changedWhilePaging(countBefore: expected, countAfter: count, offset: plan.startOffset + slot.row)
            }
            guard let count = page.totalCount, page.records.count < slot.limit,
                plan.startOffset + slot.row + page.records.count < count
            else { return fetched }
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

    private func fetchSlot(_ slot: Slot, plan: FetchPlan) async throws -> SlotPage {
        let extra = slot.overlaps ? 1 : 0
        let answer = try await fetch(plan, limit: slot.limit + extra, offset: plan.startOffset + slot.row - extra)
        var records = Array(answer.records.prefix(slot.limit + extra))
        var body = answer.body
        var anchor: String?
        if slot.overlaps {
            anchor = records.first.map { Self.identity(body[$0]) }
            if !records.isEmpty { (body, records) = Self.removingFirstRecord(body, records) }
        }
        let page = FetchedPage(offset: slot.row, body: body, records: records, totalCount: answer.count)
        return SlotPage(page: page, overlaps: slot.overlaps, anchor: anchor, last: records.last.map { Self.identity(body[$0]) })
    }

    /// What identifies a record across two pages: its `id`, or its whole text when it has none.
    static func identity(_ record: ArraySlice<UInt8>) -> String {
        RecordFields(record, changeField: nil).id ?? String(decoding: record, as: UTF8.self)
    }

    /// `body` without its first record (and the comma and space before the next), the other
    /// records' ranges moved to match: the page as if it had started one record later.
    static func removingFirstRecord(_ body: [UInt8], _ records: [Range<Int>]) -> ([UInt8], [Range<Int>]) {
        guard let first = records.first else { return (body, records) }
        let cut = records.count > 1 ? first.lowerBound..<records[1].lowerBound : first
        var trimmed = body
        trimmed.removeSubrange(cut)
        let shift = cut.count
        return (trimmed, records.dropFirst().map { ($0.lowerBound - shift)..<($0.upperBound - shift) })
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
