import Foundation
import Hummingbird
import NIOCore

/// The gateway in front of `/crm/rest`: latency, authentication (before routing), throttling,
/// fault injection (`failRate`, then the transport faults of `TransportFaults.swift`), then the
/// REST router.
extension SandboxCore {
    enum Fault: Equatable {
        case serverError, droppedConnection, truncatedBody
    }

    func respondToAPI(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let counted = Self.statisticsPath(request.uri.path)
        state.withLock {
            $0.statistics.apiRequests += 1
            $0.statistics.apiRequestsByPath[counted, default: 0] += 1
        }
        if configuration.latencyMs > 0 {
            try await Task.sleep(for: .milliseconds(configuration.latencyMs))
        }
        if let failure = authenticate(request) {
            return failure
        }
        let now = now()
        let verdict = state.withLock {
            $0.throttle.admit(now: now, perMinute: configuration.rateLimitPerMinute,
                              perSecond: configuration.spikeLimitPerSecond)
        }
        // §4: 429 with the gateway fault body; no Retry-After header.
        switch verdict {
        case .allowed:
            break
        case .quotaViolation:
            return Self.gatewayFault(.tooManyRequests,
                                     faultstring: "Rate limit quota violation. Quota limit exceeded. Identifier : \(SandboxCredentials.clientID)",
                                     errorcode: "policies.ratelimit.QuotaViolation")
        case .spikeArrest:
            return Self.gatewayFault(.tooManyRequests,
                                     faultstring: "Spike arrest violation. Allowed rate : \(configuration.spikeLimitPerSecond)ps",
                                     errorcode: "policies.ratelimit.SpikeArrestViolation")
        }

        let fault = nextFault()
        if fault == .serverError {
            return Self.json(.internalServerError, Self.messageBody("Internal Server Error"))
        }
        if fault == .droppedConnection {
            // Close the connection without writing a response; Hummingbird's own write then fails quietly.
            try? await context.channel.close()
            return Response(status: .internalServerError)
        }
        guard request.method == .get || request.method == .head else {
            return Self.json(.methodNotAllowed, Self.messageBody("The sandbox serves GET requests only"))
        }
        let root = rootURL.withLock { $0 }
        let isV2 = request.uri.path.hasPrefix("/crm/rest/v2/")
        func route(_ request: Request) -> RestRouter.Result {
            isV2
                ? V2Router(world: world, rootURL: root, quirks: configuration.v2Quirks).route(request)
                : RestRouter(world: world, rootURL: root).route(request)
        }
        // Short pages and paging churn are v1 (limit/offset) faults; HTML errors and trickles apply to both.
        let transport = nextTransportFault(path: request.uri.path, query: request.uri.query ?? "")
        let routed: RestRouter.Result
        switch transport {
        case .htmlError(let status): return Self.htmlError(status)
        case .shortPage: routed = route(Self.shortened(request))
        case .churn(let delta): routed = Self.recounted(route(Self.churned(request, delta: delta)), delta: delta)
        case .trickle, nil: routed = route(request)
        }
        if fault == .truncatedBody {
            return Self.truncated(routed)
        }
        if transport == .trickle {
            return Self.trickled(routed)
        }
        return Self.json(routed.status, routed.body)
    }

    /// The path as the per-path statistics count it: numeric segments become `{id}` so the
    /// number of keys stays bounded by the routes.
    static func statisticsPath(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> Substring in
            !segment.isEmpty && segment.allSatisfy(\.isNumber) ? "{id}" : segment
        }
        return segments.joined(separator: "/")
    }

    /// §5: missing → `oauth.v2.InvalidAccessToken`; unknown → `invalid_access_token`;
    /// expired → `access_token_expired`; all 401 in the gateway fault shape.
    private func authenticate(_ request: Request) -> Response? {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                return Self.gatewayFault(.unauthorized, faultstring: "Invalid Access Token",
                                         errorcode: "keymanagement.service.invalid_access_token")
            }
            let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
            let now = now()
            let expiry = state.withLock { $0.accessTokens[token] }
            guard let expiry else {
                return Self.gatewayFault(.unauthorized, faultstring: "Invalid Access Token",
                                         errorcode: "keymanagement.service.invalid_access_token")
            }
            guard expiry > now else {
                return Self.gatewayFault(.unauthorized, faultstring: "Access Token expired",
                                         errorcode: "keymanagement.service.access_token_expired")
            }
            return nil
        }
        if let key = request.headers[KeapHeader.apiKey] {
            // §1b: PAT/SAK keys arrive in X-Keap-API-Key.
            guard key == SandboxCredentials.apiKey else {
                return Self.gatewayFault(.unauthorized, faultstring: "Invalid API Key",
                                         errorcode: "keymanagement.service.invalid_access_token")
            }
            return nil
        }
        return Self.gatewayFault(.unauthorized, faultstring: "Invalid access token",
                                 errorcode: "oauth.v2.InvalidAccessToken")
    }

    /// Decides deterministically (seed + request counter) whether this request fails, and how.
    private func nextFault() -> Fault? {
        guard configuration.failRate > 0 else { return nil }
        return state.withLock { state -> Fault? in
            state.faultCounter += 1
            var rng = DeterministicRandom(seed: configuration.seed, stream: .fault, index: state.faultCounter)
            guard rng.unit() < configuration.failRate else { return nil }
            state.statistics.injectedFaults += 1
            switch rng.int(3) {
            case 0: return .serverError
            case 1: return .droppedConnection
            default: return .truncatedBody
            }
        }
    }

    /// Announces the full Content-Length, sends half of the body, then fails the write so the
    /// connection closes mid-JSON.
    private static func truncated(_ routed: RestRouter.Result) -> Response {
        let full = routed.body
        let half = Array(full.prefix(max(1, full.count / 2)))
        var headers = HTTPFields()
        headers[.contentType] = "application/json;charset=UTF-8"
        headers[.contentLength] = String(full.count)
        let body = ResponseBody(contentLength: full.count) { writer in
            try await writer.write(ByteBuffer(bytes: half))
            throw TruncatedBodyError()
        }
        return Response(status: routed.status, headers: headers, body: body)
    }
}

/// Thrown inside a response body writer to cut the body short.
struct TruncatedBodyError: Error {}
