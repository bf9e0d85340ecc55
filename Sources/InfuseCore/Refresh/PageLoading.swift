/// The loading pass both destinations share: every page the spool (or an import's files) yields
/// is flattened into the destination's sink, with a cancellation check, the `load` test pause
/// and loading progress after each page.
enum PageLoading {
    /// Feeds each page `pages` yields to `flattener`, writing rows into `sink`.
    /// - Throws: `RefreshError.cancelled` once `cancellation` is set; what flattening or the
    ///   sink throws.
    static func load<Sink: RowSink>(
        pages: ((([UInt8]) throws -> Void) throws -> Void), flattener: Flattener, into sink: inout Sink,
        pageCount: Int, rowsFetched: Int, cancellation: CancellationFlag, progress: (@Sendable (RefreshProgress) -> Void)?
    ) throws {
        let started = ContinuousClock.now
        var loaded = 0
        try pages { page in
            if cancellation.isSet { throw RefreshError.cancelled }
            try flattener.flatten(page: page, into: &sink)
            loaded += 1
            TestHooks.pause(at: .load)
            progress?(RefreshProgress(
                phase: .loading, rowsFetched: rowsFetched, pagesFetched: loaded, totalPages: pageCount,
                estimatedRemaining: RefreshProgress.estimate(done: loaded, total: pageCount, elapsed: ContinuousClock.now - started)))
        }
    }
}
