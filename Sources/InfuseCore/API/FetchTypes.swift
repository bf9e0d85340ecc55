import Foundation

/// What to fetch: a catalogue endpoint with its parameters, or a custom URL on the API base.
public enum FetchTarget: Sendable {
    /// A catalogue endpoint; `pathParameters` fill its `{placeholders}`, `query` adds filters
    /// (`limit` and `offset` are set by the client and ignored here).
    case endpoint(CatalogueEndpoint, pathParameters: [String: String], query: [String: String])
    /// A custom URL; it must be on the account's API base. When its path matches a paged catalogue
    /// endpoint it is paged like that endpoint (starting at its `offset`, if any).
    case url(URL)
}

/// One page of records as it came from Keap.
public struct FetchedPage: Sendable {
    /// The offset of the page's first record in the whole result.
    public let offset: Int
    /// The raw response body.
    public let body: [UInt8]
    /// The byte range of each record in `body`, in order.
    public let records: [Range<Int>]
    /// The total Keap reported in `count`, when the page had one.
    public let totalCount: Int?

    /// Creates a page; `records` must index into `body`.
    public init(offset: Int, body: [UInt8], records: [Range<Int>], totalCount: Int?) {
        self.offset = offset
        self.body = body
        self.records = records
        self.totalCount = totalCount
    }

    /// The bytes of the record at `position`.
    public func recordBytes(_ position: Int) -> ArraySlice<UInt8> {
        body[records[position]]
    }
}

/// How far a fetch has come; sent after each page is delivered and after each retry.
public struct FetchProgress: Sendable, Equatable {
    /// Records delivered so far.
    public var rowsFetched: Int
    /// Pages delivered so far.
    public var pagesFetched: Int
    /// How many records the fetch will deliver, once known (`count` capped at Max Rows).
    public var totalRows: Int?
    /// Requests that were repeated (429, 5xx, dropped connections, truncated bodies, timeouts).
    public var retries: Int
    /// Answers with status 429.
    public var throttled429s: Int
    /// Time since the fetch started.
    public var elapsed: Duration
    /// Warnings so far, one line each (a v2 list that repeated its page token and was ended there).
    public var warnings: [String] = []
    /// While a request is being repeated: what is happening (`retrying 1/2: connection refused`);
    /// nil once a page arrives.
    public var retrying: String?

    /// Creates a progress value.
    public init(rowsFetched: Int = 0, pagesFetched: Int = 0, totalRows: Int? = nil, retries: Int = 0,
                throttled429s: Int = 0, elapsed: Duration = .zero, warnings: [String] = [], retrying: String? = nil) {
        self.warnings = warnings
        self.retrying = retrying
        self.rowsFetched = rowsFetched
        self.pagesFetched = pagesFetched
        self.totalRows = totalRows
        self.retries = retries
        self.throttled429s = throttled429s
        self.elapsed = elapsed
    }
}

/// Counts retries and 429s of one fetch across its concurrent page requests.
actor FetchCounters {
    private(set) var retries = 0
    private(set) var throttled429s = 0
    private(set) var rowsFetched = 0
    private(set) var pagesFetched = 0
    var totalRows: Int?
    private(set) var warnings: [String] = []
    let started = ContinuousClock.now

    func warn(_ line: String) { warnings.append(line) }

    func answered(status: Int) {
        if status == 429 { throttled429s += 1 }
    }

    private var retrying: String?

    func retried(note: String) {
        retries += 1
        retrying = note
    }

    func delivered(rows: Int) {
        retrying = nil
        rowsFetched += rows
        pagesFetched += 1
    }

    func setTotal(_ total: Int?) { totalRows = total }

    func snapshot() -> FetchProgress {
        FetchProgress(rowsFetched: rowsFetched, pagesFetched: pagesFetched, totalRows: totalRows,
                      retries: retries, throttled429s: throttled429s, elapsed: ContinuousClock.now - started,
                      warnings: warnings, retrying: retrying)
    }
}
