import Foundation

/// The end of every refresh and import, written once for both destinations: begin the run,
/// stage (cancellable), commit, record the outcome; on any failure discard what was staged and
/// record why (the old tables stay).
extension RefreshEngine {
    /// What staging handed to the pipeline.
    struct StagedLoad<Staged> {
        var staged: Staged
        var rowsFetched: Int
        var pages: Int
        /// How the load read the API and what it cost (requests, warnings); the pipeline records it.
        var details = RunDetails()
    }

    /// Runs `stage` into the destination `makeDestination` opens and commits it, recording the
    /// run of `source` in the history. The caller holds the source's lock.
    func runPipeline<Destination: TableDestination>(
        source: DataSource, started: ContinuousClock.Instant, progress: (@Sendable (RefreshProgress) -> Void)?,
        destination makeDestination: () throws -> Destination,
        stage: (Destination, CancellationFlag) async throws -> StagedLoad<Destination.Staged>
    ) async throws -> RefreshOutcome {
        let runID = try workspace.beginRun(source: source.name)
        let cancelled = CancellationFlag()
        var opened: Destination?
        do {
            let destination = try makeDestination()
            opened = destination
            destination.removeLeftovers()
            let load = try await withTaskCancellationHandler {
                try await stage(destination, cancelled)
            } onCancel: {
                cancelled.set()
            }
            if cancelled.isSet { throw RefreshError.cancelled }
            progress?(RefreshProgress(phase: .swapping, rowsFetched: load.rowsFetched, totalRows: load.rowsFetched,
                                      pagesFetched: load.pages, totalPages: load.pages))
            let committed = try await destination.commit(load.staged)
            var details = load.details
            details.rowsUpserted = committed.rowsUpserted
            details.rowsDeleted = committed.rowsDeleted
            let outcome = RefreshOutcome(
                runID: runID, rowsPerTable: committed.rowsPerTable, schemaChanges: committed.schemaChanges,
                duration: ContinuousClock.now - started, details: details)
            try workspace.finishRun(
                id: runID, status: .succeeded, rows: outcome.rowsPerTable, schemaChanges: outcome.schemaChanges,
                details: details)
            progress?(RefreshProgress(phase: .done, rowsFetched: load.rowsFetched, totalRows: load.rowsFetched,
                                      pagesFetched: load.pages, totalPages: load.pages))
            return outcome
        } catch {
            opened?.discard()
            let failure: any Error = (error is CancellationError || cancelled.isSet) ? RefreshError.cancelled : error
            try? workspace.finishRun(id: runID, status: .failed, error: userMessage(for: failure))
            throw failure
        }
    }

    /// The PostgreSQL destination of `source` (whose `destination` is set).
    func postgresDestination(for source: DataSource) throws -> PostgresTableLoader {
        PostgresTableLoader(source: source, url: try PostgresURL(parsing: source.destination ?? ""), secrets: accounts.secrets,
                            directory: workspace.paths.directory)
    }
}
