import Foundation
import HTTPTypes
import Hummingbird

/// The shared brain of a running sandbox: configuration, the deterministic data set and the
/// mutable state (tokens, counters, throttle windows).
final class SandboxCore: Sendable {
    let configuration: SandboxConfiguration
    let world: SandboxWorld
    let state = Locked(SandboxState())
    /// `http://host:port`, set once the listener is bound; used for absolute `next`/`previous` links.
    let rootURL = Locked("http://127.0.0.1")
    /// Serialises writes of the state file.
    let persistLock = Locked(())

    /// Tenant (application) name used in the scope and the `x-keap-tenant-id` header.
    static let tenant = "sandbox"
    /// The token `scope` value, `full|<app>.infusionsoft.com` (KEAP-API.md §1a).
    static let scope = "full|sandbox.infusionsoft.com"

    init(configuration: SandboxConfiguration) {
        self.configuration = configuration
        self.world = SandboxWorld(seed: configuration.seed, records: configuration.records)
    }

    func now() -> Double {
        Date().timeIntervalSince1970
    }

    /// Dispatches one request and stamps the throttle/quota headers on the answer.
    func respond(to request: Request, context: SandboxRequestContext) async throws -> Response {
        state.withLock { $0.statistics.requests += 1 }
        let path = request.uri.path
        var response: Response
        if path == "/crm/rest" || path.hasPrefix("/crm/rest/") {
            response = try await respondToAPI(request, context: context)
        } else if path == "/app/oauth/authorize" || path == "/app/oauth/authorize/" {
            response = authorize(request)
            persistState()
        } else if path == "/token" || path == "/token/" {
            response = await token(request)
            persistState()
        } else if path.hasPrefix("/_sandbox/") {
            response = await controlRoute(request, path: path, context: context)
            if request.method == .post { persistState() }
        } else {
            response = Self.json(.notFound, Self.messageBody("No route for \(request.method.rawValue) \(path)"))
        }
        finish(&response)
        return response
    }

    // MARK: Headers and counters

    /// Adds the throttle and quota headers every Keap response carries (KEAP-API.md §4) and
    /// counts 401/429 answers.
    private func finish(_ response: inout Response) {
        let now = now()
        let snapshot = state.withLock { state -> (minute: Int, day: Int, expiry: Int) in
            if response.status == .unauthorized { state.statistics.unauthorized += 1 }
            if response.status == .tooManyRequests { state.statistics.tooManyRequests += 1 }
            state.throttle.roll(now: now)
            return (state.throttle.minuteUsed, state.throttle.dayUsed, state.throttle.dayExpiryMillis)
        }
        let limit = configuration.rateLimitPerMinute
        let quota = 150_000
        var h = response.headers
        h[KeapHeader.productThrottleLimit] = String(limit)
        h[KeapHeader.productThrottleTimeUnit] = "minute"
        h[KeapHeader.productThrottleInterval] = "1"
        h[KeapHeader.productThrottleAvailable] = String(max(0, limit - snapshot.minute))
        h[KeapHeader.productThrottleUsed] = String(snapshot.minute)
        h[KeapHeader.productQuotaLimit] = String(quota)
        h[KeapHeader.productQuotaTimeUnit] = "day"
        h[KeapHeader.productQuotaInterval] = "1"
        h[KeapHeader.productQuotaAvailable] = String(max(0, quota - snapshot.day))
        h[KeapHeader.productQuotaUsed] = String(snapshot.day)
        h[KeapHeader.productQuotaExpiryTime] = String(snapshot.expiry)
        h[KeapHeader.tenantID] = Self.tenant
        h[KeapHeader.tenantThrottleLimit] = "10000|250000"
        h[KeapHeader.tenantThrottleTimeUnit] = "minute|day"
        h[KeapHeader.tenantThrottleInterval] = "1|1"
        h[KeapHeader.tenantThrottleAvailable] = "\(max(0, 10_000 - snapshot.minute))|\(max(0, 250_000 - snapshot.day))"
        h[KeapHeader.tenantThrottleUsed] = "\(snapshot.minute)|\(snapshot.day)"
        response.headers = h
    }

    // MARK: Control endpoints (not Keap; for tests)

    func control(_ request: Request, path: String) -> Response {
        switch (request.method, path) {
        case (.post, "/_sandbox/revoke"):
            state.withLock {
                $0.accessTokens.removeAll()
                $0.refreshTokens.removeAll()
                $0.codes.removeAll()
            }
            return Self.json(.ok, Array(#"{"revoked":true}"#.utf8))
        case (.post, "/_sandbox/expire-access-tokens"):
            let past = now() - 1
            let count = state.withLock { state -> Int in
                for token in state.accessTokens.keys { state.accessTokens[token] = past }
                return state.accessTokens.count
            }
            return Self.json(.ok, Array(#"{"expired":\#(count)}"#.utf8))
        case (.get, "/_sandbox/stats"):
            return Self.json(.ok, Self.statisticsJSON(statistics()))
        default:
            return Self.json(.notFound, Self.messageBody("No sandbox control endpoint \(request.method.rawValue) \(path)"))
        }
    }

    func statistics() -> SandboxStatistics {
        state.withLock { $0.statistics }
    }

    static func statisticsJSON(_ s: SandboxStatistics) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.field("requests", s.requests)
        w.field("apiRequests", s.apiRequests)
        w.field("tooManyRequests", s.tooManyRequests)
        w.field("injectedFaults", s.injectedFaults)
        w.field("tokenRefreshes", s.tokenRefreshes)
        w.field("codeExchanges", s.codeExchanges)
        w.field("unauthorized", s.unauthorized)
        w.field("changes", s.changes)
        w.field("stateWriteFailures", s.stateWriteFailures)
        w.key("paths")
        w.beginObject()
        for (path, count) in s.apiRequestsByPath.sorted(by: { $0.key < $1.key }) {
            w.key(dynamic: path)
            w.int(count)
        }
        w.endObject()
        w.endObject()
        return w.bytes
    }

    // MARK: Response helpers

    static func json(_ status: HTTPResponse.Status, _ bytes: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json;charset=UTF-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `{"message":"…"}`, the application error shape (KEAP-API.md §5).
    static func messageBody(_ message: String) -> [UInt8] {
        var w = JSONWriter(capacity: 64 + message.utf8.count)
        w.beginObject()
        w.field("message", message)
        w.endObject()
        return w.bytes
    }

    /// The Apigee gateway fault shape used for auth failures and throttles (KEAP-API.md §5).
    static func gatewayFault(_ status: HTTPResponse.Status, faultstring: String, errorcode: String) -> Response {
        var w = JSONWriter(capacity: 160)
        w.beginObject()
        w.key("fault")
        w.beginObject()
        w.field("faultstring", faultstring)
        w.key("detail")
        w.beginObject()
        w.field("errorcode", errorcode)
        w.endObject()
        w.endObject()
        w.endObject()
        return json(status, w.bytes)
    }
}

/// Names of the `x-keap-*` headers (KEAP-API.md §4).
enum KeapHeader {
    static let productThrottleLimit = HTTPField.Name("x-keap-product-throttle-limit")!
    static let productThrottleTimeUnit = HTTPField.Name("x-keap-product-throttle-time-unit")!
    static let productThrottleInterval = HTTPField.Name("x-keap-product-throttle-interval")!
    static let productThrottleAvailable = HTTPField.Name("x-keap-product-throttle-available")!
    static let productThrottleUsed = HTTPField.Name("x-keap-product-throttle-used")!
    static let productQuotaLimit = HTTPField.Name("x-keap-product-quota-limit")!
    static let productQuotaTimeUnit = HTTPField.Name("x-keap-product-quota-time-unit")!
    static let productQuotaInterval = HTTPField.Name("x-keap-product-quota-interval")!
    static let productQuotaAvailable = HTTPField.Name("x-keap-product-quota-available")!
    static let productQuotaUsed = HTTPField.Name("x-keap-product-quota-used")!
    static let productQuotaExpiryTime = HTTPField.Name("x-keap-product-quota-expiry-time")!
    static let tenantID = HTTPField.Name("x-keap-tenant-id")!
    static let tenantThrottleLimit = HTTPField.Name("x-keap-tenant-throttle-limit")!
    static let tenantThrottleTimeUnit = HTTPField.Name("x-keap-tenant-throttle-time-unit")!
    static let tenantThrottleInterval = HTTPField.Name("x-keap-tenant-throttle-interval")!
    static let tenantThrottleAvailable = HTTPField.Name("x-keap-tenant-throttle-available")!
    static let tenantThrottleUsed = HTTPField.Name("x-keap-tenant-throttle-used")!
    static let apiKey = HTTPField.Name("X-Keap-API-Key")!
}
