import Foundation

/// Settings for a ``SandboxServer``: where it listens, how much data it serves and which
/// misbehaviour (latency, throttling, faults, expiring tokens) it injects.
public struct SandboxConfiguration: Sendable {
    /// Interface to bind.
    public var host: String = "127.0.0.1"
    /// TCP port; 0 picks a free port (``SandboxServer/start()`` reports the real one).
    public var port: Int = 0
    /// Seed for the deterministic data; the same seed always serves the same bytes.
    public var seed: UInt64 = 42
    /// Number of contacts; other resources scale from it (see ``SandboxDataSizes``).
    public var records: Int = 5_000
    /// Milliseconds added to every API response.
    public var latencyMs: Int = 0
    /// Requests allowed per minute window before 429 `QuotaViolation`.
    public var rateLimitPerMinute: Int = 1_500
    /// Requests allowed per second before 429 `SpikeArrestViolation`.
    public var spikeLimitPerSecond: Int = 25
    /// Fraction (0...1) of API requests (not `/token`, not `/app/oauth`) that fail: a third each
    /// 500, dropped connection, truncated body.
    public var failRate: Double = 0
    /// Fraction (0...1) of list requests answered with a well-formed page of half the records
    /// asked for (`count` and links intact), as if the server had cut the page short.
    public var shortPageRate: Double = 0
    /// Fraction (0...1) of API requests answered 502 or 503 with an HTML body (a proxy's page).
    public var htmlErrorRate: Double = 0
    /// Fraction (0...1) of API requests whose body trickles at one byte a second.
    public var trickleRate: Double = 0
    /// Fraction (0...1) of list requests past the first page answered as if 1–5 records had been
    /// created or deleted before the page since the previous one (offset shifted, `count` moved).
    public var pagingChurnRate: Double = 0
    /// Access token lifetime in seconds (`expires_in`).
    public var tokenTTL: Int = 86_400
    /// When set, the sandbox keeps its OAuth grants (access and refresh tokens with expiry,
    /// pending codes; spent and revoked ones stay refused) and the data changes made through
    /// `POST /_sandbox/changes` in this file (JSON, mode 0600, replaced atomically) and reloads
    /// them on ``SandboxServer/start()``, so tokens issued before a restart keep working.
    /// nil (the default) keeps everything in memory.
    public var statePath: URL?
    /// Data changes applied per minute by a background task while the server runs (each one
    /// updates a record, and every third also creates and deletes one); 0 (the default) is off.
    public var churnPerMinute: Int = 0
    /// Wire oddities seen from Keap's v2 API, off by default.
    public var v2Quirks = SandboxV2Quirks()

    /// The default configuration.
    public init() {}
}

/// Optional v2 paging oddities seen in the wild; each is off unless switched on.
public struct SandboxV2Quirks: Sendable, Equatable {
    /// `next_page_token` is the full URL of the next page on the same host instead of a bare token.
    public var nextPageTokenAsURL = false
    /// The last page of records is followed by one empty page that still carries a token.
    public var emptyPageWithToken = false

    /// All off.
    public init() {}
}

/// The only OAuth client and API key the sandbox accepts.
public enum SandboxCredentials {
    /// OAuth client id.
    public static let clientID = "infuse-sandbox"
    /// OAuth client secret.
    public static let clientSecret = "sandbox-secret"
    /// Service-account key accepted in `X-Keap-API-Key`.
    public static let apiKey = "KeapAK-sandbox-0000-demo-key"
}

/// Counters a running sandbox keeps, for tests and benchmarks.
public struct SandboxStatistics: Sendable, Equatable, Codable {
    /// Every HTTP request received.
    public var requests: Int = 0
    /// Requests under `/crm/rest`.
    public var apiRequests: Int = 0
    /// 429 responses sent.
    public var tooManyRequests: Int = 0
    /// Faults injected by `failRate` (500s, dropped connections, truncated bodies).
    public var injectedFaults: Int = 0
    /// Successful `grant_type=refresh_token` exchanges.
    public var tokenRefreshes: Int = 0
    /// Successful `grant_type=authorization_code` exchanges.
    public var codeExchanges: Int = 0
    /// 401 responses sent.
    public var unauthorized: Int = 0
    /// API requests (under `/crm/rest`) per path, numeric path segments folded to `{id}`,
    /// e.g. `/crm/rest/v2/contacts/{id}`.
    public var apiRequestsByPath: [String: Int] = [:]
    /// Data changes applied (`POST /_sandbox/changes` calls and churn ticks).
    public var changes: Int = 0
    /// Failed writes of ``SandboxConfiguration/statePath``.
    public var stateWriteFailures: Int = 0

    /// All zero.
    public init() {}
}
