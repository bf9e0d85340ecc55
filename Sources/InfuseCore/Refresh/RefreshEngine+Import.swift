import Foundation

extension RefreshEngine {
    /// Loads saved Keap responses into the data source `name`'s tables through the same
    /// inference, flattening and loading path as `refresh`, without the network.
    ///
    /// Files are list responses (`{"contacts":[...],"count":…}`) or bare arrays of records, all
    /// of the same kind, read in the order given. Every schema found is imported, or only
    /// `schemas` (nil: the source's selected schemas, empty selection meaning every schema).
    /// Custom fields are not pivoted (the definitions need the network). The run is recorded in
    /// the history like a refresh. Cancelling the task rolls the load back (the old tables stay).
    /// - Throws: `WorkspaceError.dataSourceNotFound`, `.refreshInProgress`, `RefreshError`.
    public func importFiles(
        sourceNamed name: String, files: [URL], schemas: [String]?, progress: (@Sendable (RefreshProgress) -> Void)?
    ) async throws -> RefreshOutcome {
        guard let source = try workspace.dataSource(named: name) else { throw WorkspaceError.dataSourceNotFound(name: name) }
        guard !files.isEmpty else { throw RefreshError.noFiles }
        let started = ContinuousClock.now
        let lock = try workspace.lockSource(name)
        defer { lock.close() }
        if source.destination != nil {
            return try await importFiles(files, into: source, schemas: schemas, started: started, progress: progress) {
                try postgresDestination(for: source)
            }
        }
        return try await importFiles(files, into: source, schemas: schemas, started: started, progress: progress) {
            TableLoader(workspace: workspace, source: source)
        }
    }

    /// Infers the files' schema (pass 1) and stages them into `destination` (pass 2) through the pipeline.
    private func importFiles<Destination: TableDestination>(
        _ files: [URL], into source: DataSource, schemas: [String]?, started: ContinuousClock.Instant,
        progress: (@Sendable (RefreshProgress) -> Void)?, destination: () throws -> Destination
    ) async throws -> RefreshOutcome {
        try await runPipeline(source: source, started: started, progress: progress, destination: destination) { destination, cancelled in
            let target = try? FetchTarget(source.target)
            var options = SchemaInferenceOptions(previewRowLimit: 0, previewByteBudget: 0)
            if case .endpoint(let endpoint, _, _)? = target, let key = endpoint.listKey { options.recordsName = key }
            let inferrer = SchemaInferrer(options: options)
            var rows = 0
            for (index, file) in files.enumerated() {
                try Task.checkCancellation()
                let bytes = try SavedResponse.read(file)
                do {
                    rows += try JSONPageScan.scan(bytes, maxDepth: options.maxDepth).records.count
                    try inferrer.add(page: bytes)
                } catch {
                    throw RefreshError.invalidFile(path: file.path, reason: userMessage(for: error))
                }
                progress?(RefreshProgress(phase: .fetching, rowsFetched: rows, pagesFetched: index + 1, totalPages: files.count))
            }
            let tree = try inferrer.tree()
            // The second pass reads each file again (nothing is held in memory between passes).
            let pages: ((([UInt8]) throws -> Void) throws -> Void) = { body in
                for file in files {
                    let bytes = try SavedResponse.read(file)
                    do {
                        try body(bytes)
                    } catch let error as RefreshError {
                        throw error
                    } catch {
                        throw RefreshError.invalidFile(path: file.path, reason: userMessage(for: error))
                    }
                }
            }
            let staged = try destination.stage(
                tree: tree, schemas: schemas, pageCount: files.count, rowsFetched: rows,
                pages: pages, cancellation: cancelled, progress: progress)
            return StagedLoad(staged: staged, rowsFetched: rows, pages: files.count)
        }
    }
}
