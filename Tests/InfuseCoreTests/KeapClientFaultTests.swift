import Foundation
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// Retries, throttling and error mapping of `KeapClient` against a real sandbox.
@Suite("KeapClient faults and throttling")
struct KeapClientFaultTests {
    @Test("fail rate 0.2 with low rate and spike limits still returns exactly the right records")
    func faultyAndThrottled() async throws {
        try await withSandbox({
            $0.records = 600
            $0.failRate = 0.2
            $0.rateLimitPerMinute = 120
            $0.spikeLimitPerSecond = 5
            $0.seed = 7
        }) { server, _, apiBase in
            let configuration = KeapClient.Configuration(
                requestTimeout: 5, maxRetries: 10, backoffBase: 0.01, backoffCap: 0.2, pageSize: 50)
            let client = KeapClientTesting.client(apiBase, configuration)
            let collected = try await KeapClientTesting.collect(client, KeapClientTesting.contacts(), maxRows: nil)
            #expect(collected.rowCount == 600)
            KeapClientTesting.expectWellOrdered(collected)
            let statistics = server.statistics()
            #expect(statistics.injectedFaults > 0, "the run saw no injected faults")
            #expect(collected.lastProgress?.retries ?? 0 >= statistics.injectedFaults)
        }
    }

    @Test("a paced run with generous limits causes no 429")
    func pacedRunHasNo429() async throws {
        try await withSandbox({
            $0.records = 1200
            $0.rateLimitPerMinute = 600
            $0.spikeLimitPerSecond = 20
        }) { server, _, apiBase in
            // Unpaced, 8 concurrent pages on loopback far exceed 20 per second; paced at 10 per
            // second they stay under the spike limit even when the loaded server answers in bursts.
            let configuration = KeapClient.Configuration(maxConcurrentPages: 8, pageSize: 40, spikeLimitPerSecond: 10)
            let client = KeapClientTesting.client(apiBase, configuration)
            let started = ContinuousClock.now
            let collected = try await KeapClientTesting.collect(client, KeapClientTesting.contacts(), maxRows: nil)
            #expect(collected.rowCount == 1200)
            #expect(collected.lastProgress?.throttled429s == 0)
            #expect(server.statistics().tooManyRequests == 0)
            let requests = KeapClientTesting.offsetRequests(rows: 1200, pageSize: 40)
            #expect(server.statistics().apiRequests == requests)
            #expect(ContinuousClock.now - started >= .seconds(3), "\(requests) requests at 10 per 1.2 s take at least 3.4 s")
            let windows = await client.throttle.windows
            #expect(windows.contains { $0.limit == 600 && $0.seconds == 60 })
        }
    }

    @Test("throttling that does not end gives a clear error after maxRetries")
    func throttledForGood() async throws {
        // A spike limit of 0 per second: every request answers 429.
        try await withSandbox({ $0.records = 100; $0.spikeLimitPerSecond = 0 }) { server, _, apiBase in
            let client = KeapClientTesting.client(apiBase, .init(maxRetries: 3, backoffBase: 0.01, backoffCap: 0.05))
            let before = server.statistics().apiRequests
            do {
                _ = try await KeapClientTesting.collect(client, KeapClientTesting.contacts(), maxRows: 1)
                Issue.record("expected a throttling error")
            } catch let error as KeapAPIError {
                guard case .throttled(let retries, _) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(retries == 3)
                #expect(error.userMessage.hasPrefix("Keap is throttling requests (429); retried 3 times over"))
            }
            #expect(server.statistics().apiRequests - before == 4)
        }
    }

    @Test("404 is not retried and carries Keap's message")
    func notFound() async throws {
        try await withSandbox({ $0.records = 20 }) { server, _, apiBase in
            let client = KeapClientTesting.client(apiBase)
            let endpoint = try #require(EndpointCatalogue.endpoint(id: "contacts.byId"))
            do {
                _ = try await KeapClientTesting.collect(client, .endpoint(endpoint, pathParameters: ["id": "987654321"], query: [:]), maxRows: nil)
                Issue.record("expected 404")
            } catch let error as KeapAPIError {
                guard case .notFound(let path, let message) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(path == "/v1/contacts/987654321")
                #expect(!message.isEmpty && message.count <= 201)
                #expect(error.userMessage.contains("404"))
            }
            #expect(server.statistics().apiRequests == 1)
            let unknown = try #require(URL(string: apiBase.absoluteString + "/v1/no/such/thing"))
            await #expect(throws: KeapAPIError.self) { _ = try await client.get(unknown) }
        }
    }

    @Test("400 is not retried and carries Keap's message")
    func badRequest() async throws {
        try await withSandbox({ $0.records = 20 }) { server, _, apiBase in
            let client = KeapClientTesting.client(apiBase)
            let url = try #require(URL(string: apiBase.absoluteString + "/v1/contacts?limit=-4"))
            do {
                _ = try await client.get(url)
                Issue.record("expected 400")
            } catch let error as KeapAPIError {
                guard case .badRequest(let message) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(message.contains("limit"))
            }
            #expect(server.statistics().apiRequests == 1)
        }
    }

    @Test("a rejected API key gives one clear error and never shows the key")
    func rejectedKey() async throws {
        try await withSandbox({ $0.records = 20 }) { server, _, apiBase in
            let secret = "KeapAK-wrong-key-123456"
            let client = KeapClient(apiBase: apiBase, credentials: APIKeyCredential(key: secret))
            do {
                _ = try await KeapClientTesting.collect(client, KeapClientTesting.contacts(), maxRows: 5)
                Issue.record("expected a credential error")
            } catch {
                #expect(error as? CredentialError == .apiKeyRejected)
                #expect(!userMessage(for: error).contains(secret))
                #expect(!String(describing: error).contains(secret))
            }
            #expect(server.statistics().unauthorized == 1)
        }
    }

    @Test("a second 401 after invalidating the credential is unauthorized")
    func secondUnauthorized() async throws {
        try await withSandbox({ $0.records = 20 }) { server, _, apiBase in
            let credential = CountingCredential(key: "not-a-valid-key")
            let client = KeapClient(apiBase: apiBase, credentials: credential)
            do {
                _ = try await client.get(try #require(URL(string: apiBase.absoluteString + "/v1/contacts")))
                Issue.record("expected unauthorized")
            } catch let error as KeapAPIError {
                guard case .unauthorized = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(!error.userMessage.contains("not-a-valid-key"))
            }
            #expect(credential.invalidations == 1)
            #expect(server.statistics().unauthorized == 2)
        }
    }

    @Test("a 401 is healed by one invalidation and one retry")
    func healedUnauthorized() async throws {
        try await withSandbox({ $0.records = 20 }) { server, _, apiBase in
            let credential = CountingCredential(key: "stale-key", replacement: SandboxCredentials.apiKey)
            let client = KeapClient(apiBase: apiBase, credentials: credential)
            let collected = try await KeapClientTesting.collect(client, KeapClientTesting.contacts(), maxRows: 5)
            #expect(collected.rowCount == 5)
            #expect(credential.invalidations == 1)
            #expect(server.statistics().unauthorized == 1)
        }
    }

    @Test("a server that never answers times out and the error says so")
    func timeout() async throws {
        try await withSandbox({ $0.records = 20; $0.latencyMs = 1500 }) { _, _, apiBase in
            let client = KeapClientTesting.client(apiBase, .init(
                requestTimeout: 0.2, maxRetries: 1, backoffBase: 0.01, backoffCap: 0.02, maxConnectRetries: 1))
            do {
                _ = try await KeapClientTesting.collect(client, KeapClientTesting.contacts(), maxRows: 5)
                Issue.record("expected a timeout")
            } catch let error as KeapAPIError {
                guard case .timeout(_, let retries, _) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(retries == 1)
            }
        }
    }
}

/// An API key credential that counts invalidations and can switch to a working key after one.
final class CountingCredential: CredentialProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var key: String
    private let replacement: String?
    private var count = 0

    init(key: String, replacement: String? = nil) {
        self.key = key
        self.replacement = replacement
    }

    var invalidations: Int { lock.withLock { count } }

    func authHeader() async throws -> AuthHeader {
        lock.withLock { AuthHeader(name: "X-Keap-API-Key", value: key) }
    }

    func invalidate(rejected: AuthHeader) async throws {
        lock.withLock {
            count += 1
            if let replacement { key = replacement }
        }
    }
}
