import Foundation

/// Refreshes data sources: fetch with the source's Max Rows while inferring the schema (pass 1,
/// page bytes spooled to a temporary file in the workspace), flatten the spooled pages into
/// staging tables with batched prepared inserts (pass 2), then swap them in within one
/// transaction, so a reader sees the old tables or the new ones, never a mix.
///
/// Each refresh holds the source's `SourceLock` and is recorded in the history: `running`, then
/// `succeeded` with rows per table and schema drift, or `failed` with the reason (the old tables
/// stay). A killed process leaves a `running` row that the next `Workspace.open` marks
/// `interrupted`; its staging tables and spool file are removed by the next refresh.
public final class RefreshEngine: Sendable {
    /// The workspace the tables are loaded into.
    public let workspace: Workspace
    /// Where the accounts' credentials come from.
    public let accounts: AccountManager

    /// Creates an engine over a workspace.
    public init(workspace: Workspace, accounts: AccountManager) {
        self.workspace = workspace
        self.accounts = accounts
    }

    /// Refreshes the saved data source `name`.
    ///
    /// Cancelling the task stops the fetch or rolls back the load; the old tables stay and the
    /// run is recorded as failed ("cancelled").
    /// - Throws: `WorkspaceError.dataSourceNotFound` or `.refreshInProgress` (nothing recorded),
    ///   else the failure's error after recording it (`CredentialError.needsReauthorization` for
    ///   a revoked token, `KeapAPIError`, `RefreshError`, …).
    public func refresh(sourceNamed name: String, progress: (@Sendable (RefreshProgress) -> Void)?) async throws -> RefreshOutcome {
        guard let source = try workspace.dataSource(named: name) else { throw WorkspaceError.dataSourceNotFound(name: name) }
        let started = ContinuousClock.now
        let lock = try workspace.lockSource(name)
        defer { lock.close() }
        PageSpool.removeLeftovers(directory: workspace.paths.directory, slug: source.slug)
        if source.destination != nil {
            return try await refresh(source, started: started, progress: progress) { try postgresDestination(for: source) }
        }
        return try await refresh(source, started: started, progress: progress) { TableLoader(workspace: workspace, source: source) }
    }

    /// Fetches `source` (pass 1) and stages its pages into `destination` (pass 2) through the pipeline.
    private func refresh<Destination: TableDestination>(
        _ source: DataSource, started: ContinuousClock.Instant, progress: (@Sendable (RefreshProgress) -> Void)?,
        destination: () throws -> Destination
    ) async throws -> RefreshOutcome {
        try await runPipeline(source: source, started: started, progress: progress, destination: destination) { destination, cancelled in
            try await fetchAndStage(source: source, cancelled: cancelled, progress: progress) { tree, pageCount, rows, pages in
                try destination.stage(
                    tree: tree, schemas: nil, pageCount: pageCount, rowsFetched: rows,
                    pages: pages, cancellation: cancelled, progress: progress)
            }
        }
    }

    /// Pass 1 (fetch, infer, spool), then `stage` (pass 2) over the spooled pages.
    func fetchAndStage<Staged>(
        source: DataSource, cancelled: CancellationFlag, progress: (@Sendable (RefreshProgress) -> Void)?,
        stage: (SchemaTree, Int, Int, ((([UInt8]) throws -> Void) throws -> Void)) throws -> Staged
    ) async throws -> StagedLoad<Staged> {
        guard let account = try workspace.account(named: source.accountName) else { throw AccountError.notFound(source.accountName) }
        let target = try FetchTarget(source.target)
        let client = KeapClient(apiBase: account.apiBase, credentials: try accounts.credentials(for: account))
        let options = try await Self.inferenceOptions(source: source, target: target, client: client)
        let spool = try PageSpool(directory: workspace.paths.directory, slug: source.slug)
        defer { spool.remove() }
        let inferrer = SchemaInferrer(options: options)
        var rows = 0
        let lastFetch = LastFetchProgress()
        let relay: @Sendable (FetchProgress) -> Void = { fetch in
            lastFetch.set(fetch)
            progress?(RefreshProgress(
                phase: .fetching, rowsFetched: fetch.rowsFetched, totalRows: fetch.totalRows, pagesFetched: fetch.pagesFetched,
                totalPages: fetch.totalRows.map { Self.pages(rows: $0) },
                estimatedRemaining: RefreshProgress.estimate(done: fetch.rowsFetched, total: fetch.totalRows, elapsed: fetch.elapsed),
                retrying: fetch.retrying, warnings: fetch.warnings))
        }
        for try await page in client.pages(target, maxRows: source.maxRows, progress: relay) {
            try Task.checkCancellation()
            try inferrer.add(page: page.body)
            try spool.append(page.body)
            rows += page.records.count
            TestHooks.pause(at: .fetch)
        }
        try Task.checkCancellation()
        let tree = try inferrer.tree()
        let staged = try stage(tree, spool.pageCount, rows, { try spool.forEachPage($0) })
        let details = RunDetails(sync: .full, apiRequests: client.requestsSent, warnings: lastFetch.value?.warnings ?? [])
        return StagedLoad(staged: staged, rowsFetched: rows, pages: spool.pageCount, details: details)
    }

    /// Pages of at most 1000 records (Keap's largest page) for `rows` records.
    private static func pages(rows: Int) -> Int { max(1, (rows + 999) / 1000) }

    /// Inference for a refresh: no preview rows, the list's name for bare arrays, and the custom
    /// field pivot (definitions from the resource's `/model`) when the source asks for it.
    static func inferenceOptions(source: DataSource, target: FetchTarget, client: KeapClient?) async throws -> SchemaInferenceOptions {
        var options = SchemaInferenceOptions(
            recordsName: target.listKey(apiBase: client?.apiBase ?? URL(string: "https://api.infusionsoft.com/crm/rest")!) ?? "records",
            previewRowLimit: 0, previewByteBudget: 0)
        if source.customFieldsPivot, let client {
            options.customFields = CustomFieldPivot(definitions: try await CustomFieldModelLoader.definitions(for: target, client: client))
        }
        return options
    }
}

/// A flag set from a cancellation handler and read by synchronous loading code.
final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// The newest fetch progress of a refresh, kept so the run can record the fetch's warnings.
final class LastFetchProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var latest: FetchProgress?

    func set(_ progress: FetchProgress) { lock.withLock { latest = progress } }
    var value: FetchProgress? { lock.withLock { latest } }
}
