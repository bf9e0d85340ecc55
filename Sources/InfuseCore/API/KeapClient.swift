import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends authenticated GETs to one account's Keap API base and pages lists to Max Rows.
///
/// Every URL passes `HostPolicy` before a credential is asked for, so the auth header only ever
/// goes to the account's API base. Requests are paced by a `Throttle`, time out after
/// `Configuration.requestTimeout`, and are retried with capped exponential backoff and full
/// jitter after 429, 5xx, dropped connections and truncated bodies. A host that cannot be reached
/// (refused, DNS, TLS) or does not answer within the timeout gets `maxConnectRetries` quick
/// retries, so a dead API fails in seconds with the host and the cause. A 401 invalidates the
/// credential once and retries once.
public final class KeapClient: Sendable {
    /// The account's API base, e.g. `https://api.infusionsoft.com/crm/rest`.
    public let apiBase: URL
    /// The settings this client runs with.
    public let configuration: Configuration
    /// The pacing shared by every request of this client (pass one throttle to several clients of
    /// the same account to pace them together).
    public let throttle: Throttle
    /// The rule deciding which URLs may receive the credentials; nil when `apiBase` itself is
    /// unusable (then every request throws why).
    public var hostPolicy: HostPolicy? { try? policyResult.get() }

    private let policyResult: Result<HostPolicy, KeapAPIError>

    private let credentials: any CredentialProvider
    private let httpClient: HTTPClient
    private let sent = RequestTally()

    /// HTTP requests this client has sent so far (retries included), for the refresh history.
    public var requestsSent: Int { sent.value }

    /// A client for one account.
    ///
    /// - Parameters:
    ///   - apiBase: the account's API base; must be an absolute http(s) URL without user info
    ///     (otherwise every request throws the reason, before anything is sent).
    ///   - httpClient: must not follow redirects (AHC keeps `X-Keap-API-Key` on a cross-host
    ///     redirect); the default `InfuseHTTPClient.shared` disallows them.
    ///   - throttle: nil creates one from `configuration.spikeLimitPerSecond`.
    public init(
        apiBase: URL, credentials: any CredentialProvider, httpClient: HTTPClient = InfuseHTTPClient.shared,
        configuration: Configuration = .init(), throttle: Throttle? = nil
    ) {
        self.policyResult = Result { () throws(KeapAPIError) in try HostPolicy(apiBase: apiBase) }
        self.apiBase = apiBase
        self.credentials = credentials
        self.httpClient = httpClient
        self.configuration = configuration
        self.throttle = throttle ?? Throttle(spikeLimitPerSecond: configuration.spikeLimitPerSecond)
    }

    /// Fetches the pages of `target` in offset order.
    ///
    /// Paged endpoints are read with `limit = min(pageSize, rows still wanted)` at offsets the
    /// client computes: the first page alone (to learn `count`), then the rest concurrently (at
    /// most `maxConcurrentPages` at once), delivered strictly in offset order. The stream ends at
    /// `maxRows` (nil = all), at a short or empty page, or at `count`. Other endpoints give one
    /// page. `maxRows` 0 sends no request. Errors are `KeapAPIError` or `CredentialError`.
    /// Stopping iteration cancels the requests still running.
    public func pages(
        _ target: FetchTarget, maxRows: Int?, progress: (@Sendable (FetchProgress) -> Void)? = nil
    ) -> AsyncThrowingStream<FetchedPage, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: FetchedPage.self)
        let task = Task {
            do {
                let counters = FetchCounters()
                let pager = Pager(client: self, counters: counters, progress: progress, continuation: continuation)
                try await pager.run(target, maxRows: maxRows)
                // A last report, so warnings raised at the end (a repeated page token) reach the caller.
                if let progress { progress(await counters.snapshot()) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// One authenticated GET of a URL on the API base, with the same checks, pacing and retries as
    /// paging; returns the 2xx status and the body. Non-2xx answers throw `KeapAPIError`.
    public func get(_ url: URL) async throws -> (status: Int, body: [UInt8]) {
        let answer = try await perform(url, locator: nil, counters: FetchCounters(), progress: nil)
        return (answer.status, answer.body)
    }

    /// The host policy, or the reason the API base is unusable.
    func policy() throws(KeapAPIError) -> HostPolicy {
        try policyResult.get()
    }

    // MARK: - One request with retries

    struct Answer: Sendable {
        var status: Int
        var body: [UInt8]
        var scan: JSONPageScan?
    }

    private enum Retryable {
        case throttled
        case server(status: Int, message: String)
        case network(String)
        case malformed(String)
        case timeout
        /// No connection could be made (refused, DNS, TLS, connect timeout): few, quick retries.
        case unreachable(ConnectFailure)

        /// A few words for the progress line (`retrying 1/2: connection refused`).
        var summary: String {
            switch self {
            case .throttled: "throttled (429)"
            case .server(let status, _): "server error \(status)"
            case .network: "connection dropped"
            case .malformed: "truncated or malformed page"
            case .timeout: "no answer within the request timeout"
            case .unreachable(let failure): failure.cause
            }
        }

        /// Connect failures and timeouts get the short retry budget; the rest the long one.
        var quick: Bool {
            switch self {
            case .unreachable, .timeout: true
            default: false
            }
        }

        func error(retries: Int, seconds: Int, requestTimeout: TimeInterval, host: String) -> KeapAPIError {
            switch self {
            case .unreachable(let failure): .unreachable(host: host, cause: failure.cause, retries: retries, seconds: seconds)
            case .throttled: .throttled(retries: retries, seconds: seconds)
            case .server(let status, let message): .server(status: status, message: message, retries: retries, seconds: seconds)
            case .network(let text): .network(description: text, retries: retries, seconds: seconds)
            case .malformed(let text): .malformedResponse(description: text, retries: retries, seconds: seconds)
            case .timeout: .timeout(requestSeconds: Int(requestTimeout.rounded()), retries: retries, seconds: seconds)
            }
        }
    }

    /// Sends one GET until it succeeds or fails for good. `locator` non-nil means the body must
    /// scan as a complete page; a body that does not is retried like a dropped connection.
    func perform(
        _ url: URL, locator: PageLocator?, counters: FetchCounters, progress: (@Sendable (FetchProgress) -> Void)?
    ) async throws -> Answer {
        let hostPolicy = try policy()
        let checked = try hostPolicy.check(url)
        let started = ContinuousClock.now
        var failures = 0
        // Connect failures and timeouts, counted against the short budget `maxConnectRetries`.
        var quickFailures = 0
        // The header of the last 401: a 401 for that same header again means the credentials
        // were not renewed, and is final; a 401 for a renewed token (one that expired in flight
        // on a slow link) refreshes again, counted against maxRetries.
        var lastRejected: AuthHeader?
        while true {
            try Task.checkCancellation()
            try await throttle.acquire()
            let header: AuthHeader
            do {
                header = try await credentials.authHeader()
            } catch {
                await throttle.complete(headers: nil, status: nil)
                throw error
            }
            let failure: Retryable
            switch await send(checked, header: header) {
            case .cancelled:
                throw CancellationError()
            case .failed(let reason):
                failure = reason
            case .tooLarge:
                throw KeapAPIError.responseTooLarge(limitBytes: configuration.maxBodyBytes)
            case .answered(let status, let headers, let body):
                await counters.answered(status: status)
                switch status {
                case 200..<300:
                    guard let locator else { return Answer(status: status, body: body, scan: nil) }
                    do {
                        return Answer(status: status, body: body, scan: try JSONPageScan.scan(body, locate: locator))
                    } catch let error as JSONReadError {
                        failure = .malformed(error.userMessage)
                    } catch let error as SchemaError {
                        failure = .malformed(error.userMessage)
                    }
                case 401:
                    let message = KeapAPIError.message(fromBody: body)
                    guard lastRejected != header, failures < configuration.maxRetries else {
                        throw KeapAPIError.unauthorized(message: message)
                    }
                    lastRejected = header
                    failures += 1
                    try await credentials.invalidate(rejected: header)
                    continue
                case 429:
                    failure = .throttled
                case 500...599:
                    failure = .server(status: status, message: KeapAPIError.message(fromBody: body))
                case 300..<400:
                    let location = headers.first(name: "location").flatMap { URL(string: $0, relativeTo: checked) }
                    throw KeapAPIError.redirect(status: status, location: location.map { HostPolicy.display($0.absoluteURL) })
                default:
                    throw Self.clientError(status: status, body: body, path: hostPolicy.relativePath(of: checked))
                }
            }
            failures += 1
            if failure.quick { quickFailures += 1 }
            let seconds = Int((ContinuousClock.now - started).components.seconds)
            let budget = failure.quick ? configuration.maxConnectRetries : configuration.maxRetries
            let spent = failure.quick ? quickFailures : failures
            guard spent <= budget else {
                throw failure.error(retries: budget, seconds: seconds, requestTimeout: configuration.requestTimeout,
                                    host: hostPolicy.hostAndPort)
            }
            await counters.retried(note: "retrying \(spent)/\(budget): \(failure.summary)")
            if let progress { progress(await counters.snapshot()) }
            let wait = failure.quick ? configuration.connectBackoff(attempt: spent) : configuration.backoff(attempt: failures)
            try await Task.sleep(for: .seconds(wait))
        }
    }

    private static func clientError(status: Int, body: [UInt8], path: String) -> KeapAPIError {
        let message = KeapAPIError.message(fromBody: body)
        switch status {
        case 400: return .badRequest(message: message)
        case 403: return .forbidden(message: message)
        case 404: return .notFound(path: path, message: message)
        default: return .clientError(status: status, message: message)
        }
    }

    private enum SendResult: Sendable {
        case answered(status: Int, headers: HTTPHeaders, body: [UInt8])
        case failed(Retryable)
        case tooLarge
        case cancelled
    }

    /// One HTTP exchange. Always balances the throttle's `acquire()`.
    private func send(_ url: URL, header: AuthHeader) async -> SendResult {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Infuse")
        request.headers.add(name: header.name, value: header.value)
        let timeout = TimeAmount.milliseconds(Int64(max(configuration.requestTimeout, 0.001) * 1000))
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(configuration.requestTimeout, 0.001) * 1000))
        sent.increment()
        do {
            let response = try await httpClient.execute(request, timeout: timeout)
            let throttleHeaders = Dictionary(
                response.headers.filter { $0.name.lowercased().hasPrefix("x-keap-") }
                    .map { ($0.name.lowercased(), $0.value) },
                uniquingKeysWith: { first, _ in first })
            let status = Int(response.status.code)
            // AHC's deadline ends with the response head; the body gets what is left of it, so a
            // body trickling a byte at a time cannot outlast the request timeout.
            let buffer = try await Self.collect(response.body, upTo: configuration.maxBodyBytes, before: deadline)
            await throttle.complete(headers: throttleHeaders, status: status)
            return .answered(status: status, headers: response.headers, body: Array(buffer.readableBytesView))
        } catch {
            await throttle.complete(headers: nil, status: nil)
            if Task.isCancelled { return .cancelled }
            if error is BodyDeadlineExceeded { return .failed(.timeout) }
            if error is NIOTooManyBytesError { return .tooLarge }
            if let failure = ConnectFailure.classify(error) { return .failed(.unreachable(failure)) }
            if let error = error as? HTTPClientError {
                if error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
                    || error == .getConnectionFromPoolTimeout
                {
                    return .failed(.timeout)
                }
                if error == .cancelled { return .cancelled }
            }
            return .failed(.network(Self.describe(error)))
        }
    }

    /// The whole body, or `BodyDeadlineExceeded` once `deadline` passes (the read is cancelled).
    private static func collect(
        _ body: HTTPClientResponse.Body, upTo limit: Int, before deadline: ContinuousClock.Instant
    ) async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: limit) }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else { throw BodyDeadlineExceeded() }
            return buffer
        }
    }

    /// A short description of a transport error that never includes headers or URLs with secrets.
    private static func describe(_ error: any Error) -> String {
        KeapAPIError.clip(String(describing: error), 100)
    }
}

/// The body did not arrive in full within the request timeout.
struct BodyDeadlineExceeded: Error {}

extension HostPolicy {
    /// `host:port` of the API base, for messages about reaching it (`127.0.0.1:9`).
    var hostAndPort: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The URL's path below the base path (`/v1/contacts`), for messages.
    func relativePath(of url: URL) -> String {
        let path = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        return path.hasPrefix(basePath) ? String(path.dropFirst(basePath.count)) : path
    }
}

/// A thread-safe count of the requests a client sent.
final class RequestTally: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// Adds one request.
    func increment() { lock.withLock { count += 1 } }

    /// The requests counted so far.
    var value: Int { lock.withLock { count } }
}
