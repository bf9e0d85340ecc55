import Foundation

/// Refreshes and imports into a data source's PostgreSQL destination. The history, drift and
/// the per-source lock stay in the workspace, as for SQLite sources.
extension RefreshEngine {
    /// The refresh of a source whose `destination` is PostgreSQL (the caller holds the lock).
    func refreshIntoPostgres(
        source: DataSource, started: ContinuousClock.Instant, progress: (@Sendable (RefreshProgress) -> Void)?
    ) async throws -> RefreshOutcome {
        PostgresTableLoader.removeLeftovers(directory: workspace.paths.directory, slug: source.slug)
        let runID = try workspace.beginRun(source: source.name)
        let cancelled = CancellationFlag()
        do {
            let loader = try postgresLoader(for: source)
            let fetched = try await withTaskCancellationHandler {
                try await fetchAndStage(source: source, cancelled: cancelled, progress: progress) { tree, pageCount, rows, pages in
                    try loader.stage(
                        tree: tree, schemas: nil, pageCount: pageCount, rowsFetched: rows,
                        pages: pages, cancellation: cancelled, progress: progress)
                }
            } onCancel: {
                cancelled.set()
            }
            if cancelled.isSet { throw RefreshError.cancelled }
            progress?(RefreshProgress(phase: .swapping, rowsFetched: fetched.rowsFetched, totalRows: fetched.rowsFetched,
                                      pagesFetched: fetched.pages, totalPages: fetched.pages))
            let loaded = try await loader.load(fetched.staged)
            let outcome = RefreshOutcome(
                runID: runID, rowsPerTable: loaded.rowsPerTable, schemaChanges: loaded.schemaChanges,
                duration: ContinuousClock.now - started)
            try workspace.finishRun(id: runID, status: .succeeded, rows: outcome.rowsPerTable, schemaChanges: outcome.schemaChanges)
            progress?(RefreshProgress(phase: .done, rowsFetched: fetched.rowsFetched, totalRows: fetched.rowsFetched,
                                      pagesFetched: fetched.pages, totalPages: fetched.pages))
            return outcome
        } catch {
            PostgresTableLoader.removeLeftovers(directory: workspace.paths.directory, slug: source.slug)
            let failure: any Error = (error is CancellationError || cancelled.isSet) ? RefreshError.cancelled : error
            try? workspace.finishRun(id: runID, status: .failed, error: userMessage(for: failure))
            throw failure
        }
    }

    /// The import of saved responses into a PostgreSQL destination (see `importFiles`); the
    /// caller holds the lock and has begun the run `runID`.
    func importIntoPostgres(
        source: DataSource, runID: Int64, started: ContinuousClock.Instant, tree: SchemaTree, schemas: [String]?,
        rows: Int, files: [URL], pages: ((([UInt8]) throws -> Void) throws -> Void),
        progress: (@Sendable (RefreshProgress) -> Void)?
    ) throws -> RefreshOutcome {
        let loader = try postgresLoader(for: source)
        let staged = try loader.stage(
            tree: tree, schemas: schemas, pageCount: files.count, rowsFetched: rows,
            pages: pages, cancellation: CancellationFlag(), progress: progress)
        progress?(RefreshProgress(phase: .swapping, rowsFetched: rows, pagesFetched: files.count, totalPages: files.count))
        let loaded = try BlockingAsync.run { try await loader.load(staged) }
        let outcome = RefreshOutcome(
            runID: runID, rowsPerTable: loaded.rowsPerTable, schemaChanges: loaded.schemaChanges,
            duration: ContinuousClock.now - started)
        try workspace.finishRun(id: runID, status: .succeeded, rows: outcome.rowsPerTable, schemaChanges: outcome.schemaChanges)
        progress?(RefreshProgress(phase: .done, rowsFetched: rows, pagesFetched: files.count, totalPages: files.count))
        return outcome
    }

    private func postgresLoader(for source: DataSource) throws -> PostgresTableLoader {
        let url = try PostgresURL(parsing: source.destination ?? "")
        return PostgresTableLoader(source: source, url: url, secrets: accounts.secrets, directory: workspace.paths.directory)
    }
}

/// Runs async work from synchronous code (the synchronous `importFiles`) on a detached task
/// and waits for it. The work itself runs on PostgresNIO's event loops.
enum BlockingAsync {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
            done.signal()
        }
        done.wait()
        return try box.get()
    }

    private final class ResultBox<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result<T, any Error>?
        func set(_ value: Result<T, any Error>) { lock.withLock { result = value } }
        func get() throws -> T { try lock.withLock { result }!.get() }
    }
}
