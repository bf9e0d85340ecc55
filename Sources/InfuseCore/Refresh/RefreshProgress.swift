/// The stage a refresh is in.
public enum RefreshPhase: String, Sendable, Equatable {
    /// Pages are being fetched (and the schema inferred as they arrive).
    case fetching
    /// The fetched pages are being flattened into the staging tables.
    case loading
    /// The staging tables are replacing the old ones, in one transaction.
    case swapping
    /// The new tables are in place.
    case done
}

/// How far a refresh (or an import) has come; reported after each page of each phase.
public struct RefreshProgress: Sendable, Equatable {
    /// The current stage.
    public var phase: RefreshPhase
    /// Records fetched (or read from files) so far.
    public var rowsFetched: Int
    /// How many records the fetch will deliver, once known.
    public var totalRows: Int?
    /// Pages fetched while fetching; pages loaded while loading.
    public var pagesFetched: Int
    /// The number of pages, once known (always known while loading).
    public var totalPages: Int?
    /// A guess of the time left in the current phase, from its pace so far.
    public var estimatedRemaining: Duration?
    /// While fetching: a request being repeated and why (`retrying 1/2: connection refused`).
    public var retrying: String?
    /// Warnings of the fetch so far, one line each (a repeated page token that ended a v2 list).
    public var warnings: [String]

    /// Creates a progress value.
    public init(phase: RefreshPhase, rowsFetched: Int = 0, totalRows: Int? = nil, pagesFetched: Int = 0,
                totalPages: Int? = nil, estimatedRemaining: Duration? = nil, retrying: String? = nil,
                warnings: [String] = []) {
        self.retrying = retrying
        self.warnings = warnings
        self.phase = phase
        self.rowsFetched = rowsFetched
        self.totalRows = totalRows
        self.pagesFetched = pagesFetched
        self.totalPages = totalPages
        self.estimatedRemaining = estimatedRemaining
    }

    /// The time left if `done` of `total` units took `elapsed`; nil before any progress.
    static func estimate(done: Int, total: Int?, elapsed: Duration) -> Duration? {
        guard let total, done > 0, total >= done else { return nil }
        return elapsed * (Double(total - done) / Double(done))
    }
}

/// What a successful refresh (or import) did.
public struct RefreshOutcome: Sendable, Equatable {
    /// The id of the run in the refresh history.
    public let runID: Int64
    /// Rows loaded per table name (`contacts_report__contacts`).
    public let rowsPerTable: [String: Int]
    /// Schema drift against the tables the refresh replaced, one line each
    /// (`contacts: +job_title`, `contacts: -score_value`, `contacts: score_value: integer→text`).
    public let schemaChanges: [String]
    /// Wall time from taking the lock to the swap's commit.
    public let duration: Duration

    /// How the run read the API and what it cost (sync mode, requests, warnings).
    public let details: RunDetails

    /// Creates an outcome.
    public init(runID: Int64, rowsPerTable: [String: Int], schemaChanges: [String], duration: Duration,
                details: RunDetails = RunDetails()) {
        self.details = details
        self.runID = runID
        self.rowsPerTable = rowsPerTable
        self.schemaChanges = schemaChanges
        self.duration = duration
    }

    /// The total of `rowsPerTable`.
    public var totalRows: Int { rowsPerTable.values.reduce(0, +) }
}
