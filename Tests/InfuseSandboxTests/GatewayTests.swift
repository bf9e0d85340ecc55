import AsyncHTTPClient
import Foundation
import InfuseSandbox
import NIOCore
import Testing

@Suite("Sandbox gateway: auth, headers, throttling, faults")
struct GatewayTests {
    static let keapHeaders = [
        "x-keap-product-throttle-limit", "x-keap-product-throttle-time-unit", "x-keap-product-throttle-interval",
        "x-keap-product-throttle-available", "x-keap-product-throttle-used", "x-keap-product-quota-limit",
        "x-keap-product-quota-time-unit", "x-keap-product-quota-interval", "x-keap-product-quota-available",
        "x-keap-product-quota-used", "x-keap-product-quota-expiry-time", "x-keap-tenant-id",
        "x-keap-tenant-throttle-limit", "x-keap-tenant-throttle-time-unit", "x-keap-tenant-throttle-available",
        "x-keap-tenant-throttle-used",
    ]

    @Test func unauthenticatedRequestsGetGatewayFaults() async throws {
        try await SandboxHarness.with { h in
            let missing = try await h.get("/crm/rest/v1/contacts")
            #expect(missing.status == 401)
            #expect(try errorCode(missing) == "oauth.v2.InvalidAccessToken")

            let garbage = try await h.get("/crm/rest/v1/contacts", headers: [("Authorization", "Bearer not-a-token")])
            #expect(garbage.status == 401)
            #expect(try errorCode(garbage) == "keymanagement.service.invalid_access_token")
            #expect(try (garbage.object()["fault"] as? [String: Any])?["faultstring"] as? String == "Invalid Access Token")

            // Authentication happens before routing.
            let unknownPath = try await h.get("/crm/rest/v1/no-such-thing")
            #expect(unknownPath.status == 401)

            let wrongKey = try await h.get("/crm/rest/v1/contacts", headers: [("X-Keap-API-Key", "KeapAK-wrong")])
            #expect(wrongKey.status == 401)
            #expect(h.server.statistics().unauthorized == 4)
        }
    }

    @Test func apiKeyAuthenticates() async throws {
        try await SandboxHarness.with { h in
            let result = try await h.api("/v1/contacts?limit=2")
            #expect(result.status == 200)
            #expect((try result.object()["contacts"] as? [Any])?.count == 2)
        }
    }

    @Test func everyResponseCarriesKeapHeaders() async throws {
        try await SandboxHarness.with { h in
            let responses = [
                try await h.api("/v1/contacts?limit=1"),
                try await h.get("/crm/rest/v1/contacts"),
                try await h.api("/v1/nothing-here"),
                try await h.get("/nowhere"),
            ]
            #expect(responses.map(\.status) == [200, 401, 404, 404])
            for response in responses {
                for name in Self.keapHeaders {
                    #expect(response.header(name) != nil, "missing \(name) on \(response.status)")
                }
                #expect(response.header("x-keap-tenant-throttle-limit") == "10000|250000")
                #expect(response.header("x-keap-product-quota-limit") == "150000")
                #expect(response.header("x-keap-product-throttle-time-unit") == "minute")
            }
            let first = responses[0]
            #expect(first.header("x-keap-product-throttle-used") == "1")
            #expect(first.header("x-keap-product-throttle-available") == "1499")
            let expiry = try #require(first.header("x-keap-product-quota-expiry-time").flatMap(Int.init))
            #expect(expiry > Int(Date().timeIntervalSince1970 * 1000))
        }
    }

    @Test func unknownPathIs404WithMessage() async throws {
        try await SandboxHarness.with { h in
            let result = try await h.api("/v1/does-not-exist")
            #expect(result.status == 404)
            #expect(try result.object()["message"] is String)
            let unknownID = try await h.api("/v1/contacts/99999999")
            #expect(unknownID.status == 404)
            #expect(try unknownID.object()["message"] is String)
        }
    }

    @Test func perMinuteLimitGives429QuotaViolation() async throws {
        try await SandboxHarness.with({ $0.rateLimitPerMinute = 5 }) { h in
            for _ in 0..<5 {
                #expect(try await h.api("/v1/tags?limit=1").status == 200)
            }
            let throttled = try await h.api("/v1/tags?limit=1")
            #expect(throttled.status == 429)
            #expect(try errorCode(throttled) == "policies.ratelimit.QuotaViolation")
            let faultstring = try (throttled.object()["fault"] as? [String: Any])?["faultstring"] as? String
            #expect(faultstring?.hasPrefix("Rate limit quota violation. Quota limit exceeded. Identifier : ") == true)
            #expect(throttled.header("Retry-After") == nil)
            #expect(throttled.header("x-keap-product-throttle-available") == "0")
            #expect(throttled.header("x-keap-product-throttle-used") == "5")
            #expect(h.server.statistics().tooManyRequests == 1)
        }
    }

    @Test func spikeLimitGives429SpikeArrest() async throws {
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 3 }) { h in
            // A spike: 12 requests at once, so a slow (loaded) machine still exceeds 3 per second.
            let codes: [String?] = try await withThrowingTaskGroup(of: String??.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        let result = try await h.api("/v1/tags?limit=1")
                        return result.status == 429 ? .some(try errorCode(result)) : .none
                    }
                }
                var collected: [String?] = []
                for try await code in group { if let code { collected.append(code) } }
                return collected
            }
            #expect(!codes.isEmpty)
            #expect(codes.allSatisfy { $0 == "policies.ratelimit.SpikeArrestViolation" })
        }
    }

    @Test func failRateInjectsAllThreeFaultKindsAtRoughlyTheRate() async throws {
        try await SandboxHarness.with({ $0.failRate = 0.3; $0.spikeLimitPerSecond = 10_000 }) { h in
            var serverErrors = 0, dropped = 0, truncated = 0, ok = 0
            let attempts = 240
            for _ in 0..<attempts {
                var request = HTTPClientRequest(url: h.root + "/crm/rest/v1/contacts?limit=20")
                request.headers.add(name: "X-Keap-API-Key", value: SandboxCredentials.apiKey)
                let response: HTTPClientResponse
                do {
                    response = try await h.client.execute(request, timeout: .seconds(10))
                } catch {
                    dropped += 1
                    continue
                }
                do {
                    let body = try await response.body.collect(upTo: 1 << 24)
                    if response.status.code == 500 {
                        serverErrors += 1
                    } else {
                        _ = try JSONSerialization.jsonObject(with: Data(buffer: body))
                        ok += 1
                    }
                } catch {
                    truncated += 1
                }
            }
            let stats = h.server.statistics()
            let failures = serverErrors + dropped + truncated
            #expect(serverErrors > 0)
            #expect(dropped > 0)
            #expect(truncated > 0)
            #expect(failures == stats.injectedFaults)
            #expect(Double(stats.injectedFaults) / Double(stats.apiRequests) > 0.18)
            #expect(Double(stats.injectedFaults) / Double(stats.apiRequests) < 0.42)
            #expect(ok + failures == attempts)
        }
    }

    @Test func tokenEndpointIsNotSubjectToFaults() async throws {
        try await SandboxHarness.with({ $0.failRate = 1 }) { h in
            let pair = try await h.tokenPair()
            #expect(pair["access_token"] is String)
            #expect(h.server.statistics().injectedFaults == 0)
        }
    }

    @Test func latencyIsAddedToAPIResponses() async throws {
        try await SandboxHarness.with({ $0.latencyMs = 200 }) { h in
            let clock = ContinuousClock()
            let start = clock.now
            let status = try await h.api("/v1/tags?limit=1").status
            #expect(status == 200)
            #expect(clock.now - start >= .milliseconds(200))
        }
    }
}
