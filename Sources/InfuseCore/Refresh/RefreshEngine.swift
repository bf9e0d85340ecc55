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
    /// An incremental source (``DataSource/sync``) whose last successful run left a watermark
    /// reads only what changed since it (see ``ReadPlan``); `full` forces a full read.
    /// Cancelling the task stops the fetch or rolls back the load; the old tables stay and the
    /// run is recorded as failed ("cancelled").
    /// - Throws: `WorkspaceError.dataSourceNotFound` or `.refreshInProgress` (nothing recorded),
    ///   else the failure's error after recording it (`CredentialError.needsReauthorization` for
    ///   a revoked token, `KeapAPIError`, `RefreshError`, …).
    public func refresh(
        sourceNamed name: String, full: Bool = false, progress: (@Sendable (RefreshProgress) -> Void)?
    ) async throws -> RefreshOutcome {
        guard let source = try workspace.dataSource(named: name) else { throw WorkspaceError.dataSourceNotFound(name: name) }
        let started = ContinuousClock.now
        let startedAt = Date()
        let lock = try workspace.lockSource(name)
        defer { lock.close() }
        PageSpool.removeLeftovers(directory: workspace.paths.directory, slug: source.slug)
        var plan = try readPlan(for: source, forceFull: full, now: startedAt)
        // A destination that cannot be asked fails in the pipeline, where the run is recorded.
        if plan.sync == .incremental, source.destination != nil, let list = plan.list,
            let destination = try? postgresDestination(for: source),
            (try? await destination.hasTable(TableNaming.tableName(source: source.name, schemaPath: list.path))) == false {
            plan = plan.asFull()
            plan.notes.append("read in full: its tables are gone")
        }
        let outcome: RefreshOutcome
        do {
            outcome = try await refresh(source, plan: plan, started: started, progress: progress)
        } catch RefreshError.mergeNeedsFullRead(let reason) where plan.sync == .incremental {
            // The changed records do not fit the tables as the destination holds them (its run is
            // recorded as failed, nothing changed): read everything now, in a run of its own.
            plan = plan.asFull()
            plan.notes.append("read in full: an incremental merge could not: \(reason)")
            outcome = try await refresh(source, plan: plan, started: ContinuousClock.now, progress: progress)
        }
        if plan.reconciles { try? workspace.markReconciled(source: source.name, at: startedAt) }
        return outcome
    }

    /// Refreshes `source` as `plan` says into its destination (PostgreSQL, else the workspace).
    private func refresh(
        _ source: DataSource, plan: ReadPlan, started: ContinuousClock.Instant, progress: (@Sendable (RefreshProgress) -> Void)?
    ) async throws -> RefreshOutcome {
        if source.destination != nil {
            return try await refresh(source, plan: plan, started: started, progress: progress) { try postgresDestination(for: source) }
        }
        return try await refresh(source, plan: plan, started: started, progress: progress) {
            TableLoader(workspace: workspace, source: source)
        }
    }

    /// Fetches `source` (pass 1) and stages its pages into `destination` (pass 2) through the pipeline.
    private func refresh<Destination: TableDestination>(
        _ source: DataSource, plan: ReadPlan, started: ContinuousClock.Instant, progress: (@Sendable (RefreshProgress) -> Void)?,
        destination: () throws -> Destination
    ) async throws -> RefreshOutcome {
        try await runPipeline(source: source, started: started, progress: progress, destination: destination) { destination, cancelled in
            try await fetchAndStage(source: source, plan: plan, cancelled: cancelled, progress: progress) { tree, mode, pageCount, rows, pages in
                try destination.stage(
                    tree: tree, schemas: nil, mode: mode, pageCount: pageCount, rowsFetched: rows,
                    pages: pages, cancellation: cancelled, progress: progress)
            }
        }
    }

    /// Pass 1 (fetch, infer, spool; read again when the records move while paging), then `stage`
    /// (pass 2) over the spooled pages, in the mode the plan and the data allow.
    func fetchAndStage<Staged>(
        source: DataSource, plan: ReadPlan, cancelled: CancellationFlag, progress: (@Sendable (RefreshProgress) -> Void)?,
        stage: (SchemaTree, LoadMode, Int, Int, ((([UInt8]) throws -> Void) throws -> Void)) throws -> Staged
    ) async throws -> StagedLoad<Staged> {
        guard let account = try workspace.account(named: source.accountName) else { throw AccountError.notFound(source.accountName) }
        let client = KeapClient(apiBase: account.apiBase, credentials: try accounts.credentials(for: account))
        var plan = plan
        var warnings: [String] = plan.notes
        var liveIDs: [String]?
        if plan.sweep, let sweep = plan.sweepTarget {
            liveIDs = try await sweepIDs(sweep, client: client, progress: progress)
        }
        var read = try await readWithRereads(source: source, plan: plan, client: client, progress: progress, warnings: &warnings)
        defer { read.spool.remove() }
        var mode = plan.mode(liveIDs: liveIDs)
        if case .merge = mode, let reason = plan.list.flatMap({ TableMerge.mergeability(tree: read.tree, list: $0) }) {
            // The changed records cannot be merged by id (a list without ids, children linked by generated
            // keys): read everything instead, in this same run.
            warnings.append("read in full: \(reason)")
            read.spool.remove()
            plan = plan.asFull()
            read = try await readWithRereads(source: source, plan: plan, client: client, progress: progress, warnings: &warnings)
            mode = plan.mode(liveIDs: nil)
        }
        let tree = read.tree
        let spool = read.spool
        let staged = try stage(tree, mode, spool.pageCount, read.rows, { try spool.forEachPage($0) })
        var watermark = read.watermark ?? plan.previousWatermark
        if plan.cursor == nil { watermark = nil }
        let details = RunDetails(
            sync: plan.sync, apiRequests: client.requestsSent, warnings: warnings + read.warnings,
            rowsUpserted: nil, rowsDeleted: nil, watermark: watermark)
        return StagedLoad(staged: staged, rowsFetched: read.rows, pages: spool.pageCount, details: details)
    }

    /// What one pass 1 produced.
    struct PassOne {
        var tree: SchemaTree
        var spool: PageSpool
        var rows: Int
        /// The largest change time seen, as the API wrote it.
        var watermark: String?
        var warnings: [String]
    }

    /// The most times a listing is read again because its records moved while it paged.
    static let maxRereads = 2

    /// Pass 1, read again from the start (at most ``maxRereads`` times) when the records moved
    /// while paging: Keap's `count` changed between pages, a page did not start with the record
    /// that ended the one before it, or a record came twice. Nothing read
    /// by an abandoned attempt is kept, so no duplicate is stored and no gap succeeds.
    private func readWithRereads(
        source: DataSource, plan: ReadPlan, client: KeapClient, progress: (@Sendable (RefreshProgress) -> Void)?,
        warnings: inout [String]
    ) async throws -> PassOne {
        var attempt = 0
        while true {
            do {
                return try await passOne(source: source, plan: plan, client: client, progress: progress)
            } catch let moved as RecordsMoved where attempt < Self.maxRereads {
                attempt += 1
                warnings.append("\(moved.description); read again (\(attempt)/\(Self.maxRereads))")
            } catch KeapAPIError.changedWhilePaging(let before, let after, let offset) where attempt < Self.maxRereads {
                attempt += 1
                warnings.append("count \(before) became \(after) at offset \(offset) while paging; read again (\(attempt)/\(Self.maxRereads))")
            } catch KeapAPIError.shiftedWhilePaging(let offset, let expected, let found) where attempt < Self.maxRereads {
                attempt += 1
                let now = found.map { "id \($0)" } ?? "nothing"
                warnings.append("the record at offset \(offset) was id \(expected), then \(now), while paging; read again (\(attempt)/\(Self.maxRereads))")
            } catch let moved as RecordsMoved {
                throw RefreshError.recordsMoved("\(moved.description) in each of \(attempt + 1) reads")
            }
        }
    }

    /// One read of the plan's target: fetch, infer, spool, and watch the records' ids and change times.
    private func passOne(
        source: DataSource, plan: ReadPlan, client: KeapClient, progress: (@Sendable (RefreshProgress) -> Void)?
    ) async throws -> PassOne {
        let target = try FetchTarget(plan.target)
        let options = try await Self.inferenceOptions(source: source, target: target, client: client)
        let spool = try PageSpool(directory: workspace.paths.directory, slug: source.slug)
        let started = Date()
        do {
            let inferrer = SchemaInferrer(options: options)
            var rows = 0
            var seen: Set<String> = []
            var newest: (date: Date, text: String)?
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
                for index in page.records.indices {
                    let fields = RecordFields(page.recordBytes(index), changeField: plan.cursor?.changeField)
                    if plan.cursor != nil, let id = fields.id, !seen.insert(id).inserted {
                        throw RecordsMoved(id: id, offset: page.offset + index)
                    }
                    if let text = fields.changeTime, let date = ChangeTime.parse(text), date > (newest?.date ?? .distantPast) {
                        newest = (date, text)
                    }
                }
                try inferrer.add(page: page.body)
                try spool.append(page.body)
                rows += page.records.count
                TestHooks.pause(at: .fetch)
            }
            try Task.checkCancellation()
            // Records without a change time: everything changed after the read started is read next time.
            let watermark = plan.cursor?.watermarksReadStart == true ? ChangeTime.queryText(started) : newest?.text
            return PassOne(tree: try inferrer.tree(), spool: spool, rows: rows, watermark: watermark,
                           warnings: lastFetch.value?.warnings ?? [])
        } catch {
            spool.remove()
            throw error
        }
    }

    /// The ids an id sweep lists (`fields=id`), every page of them.
    private func sweepIDs(_ target: DataSourceTarget, client: KeapClient, progress: (@Sendable (RefreshProgress) -> Void)?) async throws -> [String] {
        var ids: [String] = []
        var seen: Set<String> = []
        for try await page in client.pages(try FetchTarget(target), maxRows: nil) {
            try Task.checkCancellation()
            for index in page.records.indices {
                if let id = RecordFields(page.recordBytes(index), changeField: nil).id, seen.insert(id).inserted { ids.append(id) }
            }
        }
        return ids
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

/// A record delivered twice by one listing: records were created, deleted or changed while it paged.
struct RecordsMoved: Error, CustomStringConvertible {
    var id: String
    var offset: Int
    var description: String { "record \(id) came twice (again at offset \(offset)) while paging" }
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
