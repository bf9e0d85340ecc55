import Foundation

extension RefreshEngine {
    /// Loads saved Keap responses into the data source `name`'s tables through the same
    /// inference, flattening and loading path as `refresh`, without the network.
    ///
    /// Files are list responses (`{"contacts":[...],"count":…}`) or bare arrays of records, all
    /// of the same kind, read in the order given. Every schema found is imported, or only
    /// `schemas` (nil: the source's selected schemas, empty selection meaning every schema).
    /// Custom fields are not pivoted (the definitions need the network). The run is recorded in
    /// the history like a refresh.
    /// - Throws: `WorkspaceError.dataSourceNotFound`, `.refreshInProgress`, `RefreshError`.
    public func importFiles(
        sourceNamed name: String, files: [URL], schemas: [String]?, progress: (@Sendable (RefreshProgress) -> Void)?
    ) throws -> RefreshOutcome {
        guard let source = try workspace.dataSource(named: name) else { throw WorkspaceError.dataSourceNotFound(name: name) }
        guard !files.isEmpty else { throw RefreshError.noFiles }
        let started = ContinuousClock.now
        let lock = try workspace.lockSource(name)
        defer { lock.close() }
        let runID = try workspace.beginRun(source: name)
        let loader = TableLoader(workspace: workspace, source: source)
        do {
            let target = try? FetchTarget(source.target)
            var options = SchemaInferenceOptions(previewRowLimit: 0, previewByteBudget: 0)
            if case .endpoint(let endpoint, _, _)? = target, let key = endpoint.listKey { options.recordsName = key }
            let inferrer = SchemaInferrer(options: options)
            var rows = 0
            for (index, file) in files.enumerated() {
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
            if source.destination != nil {
                return try importIntoPostgres(
                    source: source, runID: runID, started: started, tree: tree, schemas: schemas, rows: rows,
                    files: files, pages: pages, progress: progress)
            }
            let staged = try loader.stage(
                tree: tree, schemas: schemas, pageCount: files.count, rowsFetched: rows,
                pages: pages, cancellation: CancellationFlag(), progress: progress)
            progress?(RefreshProgress(phase: .swapping, rowsFetched: rows, pagesFetched: files.count, totalPages: files.count))
            try loader.swap(staged)
            let outcome = RefreshOutcome(
                runID: runID, rowsPerTable: staged.rowsPerTable, schemaChanges: staged.schemaChanges,
                duration: ContinuousClock.now - started)
            try workspace.finishRun(id: runID, status: .succeeded, rows: outcome.rowsPerTable, schemaChanges: outcome.schemaChanges)
            progress?(RefreshProgress(phase: .done, rowsFetched: rows, pagesFetched: files.count, totalPages: files.count))
            return outcome
        } catch {
            if source.destination == nil { loader.discardStaging() }
            try? workspace.finishRun(id: runID, status: .failed, error: userMessage(for: error))
            throw error
        }
    }
}
