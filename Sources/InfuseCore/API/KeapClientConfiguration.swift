import Foundation

extension KeapClient {
    /// Timeouts, concurrency, retry and paging settings of a `KeapClient`.
    public struct Configuration: Sendable, Equatable {
        /// Seconds one request may take, from sending to the last byte of the body.
        public var requestTimeout: TimeInterval
        /// Pages fetched at once after the first page told the total.
        public var maxConcurrentPages: Int
        /// Retries of one request after 429, 5xx, a dropped connection or a truncated body.
        public var maxRetries: Int
        /// Retries of one request when no connection could be made (refused, DNS, TLS) or no
        /// answer came within `requestTimeout`; kept small so a dead API fails fast.
        public var maxConnectRetries: Int
        /// The largest wait in seconds before a retry after a connect failure or timeout.
        public var connectBackoffCap: TimeInterval
        /// The first backoff ceiling in seconds; it doubles with each retry (full jitter).
        public var backoffBase: TimeInterval
        /// The largest backoff ceiling in seconds.
        public var backoffCap: TimeInterval
        /// Records asked for per page (`limit`); Keap answers at most 1000.
        public var pageSize: Int
        /// Request starts allowed per second before any answer says otherwise (Keap's spike arrest).
        public var spikeLimitPerSecond: Int
        /// The largest body accepted for one page.
        public var maxBodyBytes: Int

        /// The defaults: 30 s timeout (head and body), 4 concurrent pages, 8 retries with backoff from 0.25 s up
        /// to 20 s (2 quick ones, under 1 s, for an unreachable or silent host), pages of 1000,
        /// 25 requests per second, bodies up to 256 MB.
        public init(
            requestTimeout: TimeInterval = 30, maxConcurrentPages: Int = 4, maxRetries: Int = 8,
            backoffBase: TimeInterval = 0.25, backoffCap: TimeInterval = 20, pageSize: Int = 1000,
            spikeLimitPerSecond: Int = 25, maxBodyBytes: Int = 256 * 1_048_576,
            maxConnectRetries: Int = 2, connectBackoffCap: TimeInterval = 0.8
        ) {
            self.requestTimeout = requestTimeout
            self.maxConcurrentPages = maxConcurrentPages
            self.maxRetries = maxRetries
            self.maxConnectRetries = maxConnectRetries
            self.connectBackoffCap = connectBackoffCap
            self.backoffBase = backoffBase
            self.backoffCap = backoffCap
            self.pageSize = pageSize
            self.spikeLimitPerSecond = spikeLimitPerSecond
            self.maxBodyBytes = maxBodyBytes
        }

        /// The wait before retry number `attempt` (1-based): uniformly random between zero and
        /// `min(backoffCap, backoffBase * 2^attempt)` ("full jitter").
        public func backoff(attempt: Int) -> TimeInterval {
            let ceiling = min(backoffCap, backoffBase * pow(2, Double(min(max(attempt, 1), 30))))
            return ceiling > 0 ? Double.random(in: 0...ceiling) : 0
        }

        /// The wait before quick retry number `attempt` after a connect failure or timeout:
        /// between half and all of `min(connectBackoffCap, 0.2 s * 2^(attempt-1))`.
        public func connectBackoff(attempt: Int) -> TimeInterval {
            let ceiling = min(connectBackoffCap, 0.2 * pow(2, Double(min(max(attempt, 1), 10) - 1)))
            return ceiling > 0 ? Double.random(in: (ceiling / 2)...ceiling) : 0
        }
    }
}
