#if canImport(Glibc)
import Glibc
#endif
import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import InfuseSandbox
import InfuseTestSupport
import Logging
import NIOConcurrencyHelpers
import NIOCore
import ServiceLifecycle
import Testing

@testable import InfuseCore

/// Credentials never leave the API base (a redirecting API, a recording second server), and the
/// OAuth loopback listener is one-shot, loopback-only and state-checked.
@Suite("Reliability: credentials stay on the API base; the OAuth listener", .serialized)
struct ReliabilitySecurityTests {
    @Test("an API that redirects to another host never gets the key or the bearer token forwarded")
    func redirectsToAnotherHost() async throws {
        ReliabilityReport.begin("redirect-to-other-host", description: "API answering 302 to a recording server (API key and bearer)")
        let recorder = try await RecordingServer.start(mode: .record)
        defer { recorder.stop() }
        let redirector = try await RecordingServer.start(mode: .redirect(to: recorder.root))
        defer { redirector.stop() }
        let base = redirector.root.appendingPathComponent("crm/rest")
        // Sanity: a client that follows redirects does deliver the header to the recorder.
        let follower = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .follow(max: 3, allowCycles: false)))
        var probe = HTTPClientRequest(url: base.absoluteString + "/v1/contacts")
        probe.headers.add(name: "X-Keap-API-Key", value: "probe-key-0000")
        // Shut the client down on every path: an HTTPClient dropped without shutdown() traps.
        do {
            _ = try await follower.execute(probe, timeout: .seconds(30))
        } catch {
            try? await follower.shutdown()
            throw error
        }
        try await follower.shutdown()
        #expect(recorder.authorizedRequests == 1, "the recorder must see a forwarded header, or this test proves nothing")
        recorder.reset()
        redirector.reset()

        let credentials: [any CredentialProvider] = [
            APIKeyCredential(key: "KeapAK-reliability-secret-key"), StaticBearer(token: "bearer-reliability-secret-token"),
        ]
        var refused = 0
        for credential in credentials {
            let client = KeapClient(apiBase: base, credentials: credential, configuration: .init(maxRetries: 1, backoffBase: 0.01))
            for path in ["/v1/contacts", "/v1/contacts/1", "/v1/account/profile"] {
                await #expect(throws: KeapAPIError.self) { _ = try await client.get(URL(string: base.absoluteString + path)!) }
                refused += 1
            }
            let stream = client.pages(.endpoint(EndpointCatalogue.endpoint(id: "contacts")!, pathParameters: [:], query: [:]), maxRows: 10)
            await #expect(throws: KeapAPIError.self) { for try await _ in stream {} }
            refused += 1
        }
        #expect(redirector.requests == refused, "every request went to the API base")
        #expect(recorder.requests == 0, "nothing followed the redirect")
        #expect(recorder.authorizedRequests == 0)
        ReliabilityReport.write(ReliabilityResult(
            scenario: "redirect-to-other-host", description: "API answering 302 to a recording server (API key and bearer)",
            passed: redirector.requests == refused && recorder.requests == 0 && recorder.authorizedRequests == 0,
            runs: refused, faultsInjected: redirector.requests, rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil,
            notes: "redirects answered: \(redirector.requests); requests reaching the other host: \(recorder.requests), with credentials: \(recorder.authorizedRequests)"))
    }

    @Test("foreign hosts, user@host, IP spellings, http for an https base and .. paths are refused before the credential is read")
    func foreignURLsNeverSent() async throws {
        ReliabilityReport.begin("foreign-urls-core", description: "KeapClient.get with URLs off the API base")
        let recorder = try await RecordingServer.start(mode: .record)
        defer { recorder.stop() }
        let port = recorder.root.port ?? 0
        let credential = CountingHeaderCredential(header: AuthHeader(name: "Authorization", value: "Bearer bearer-counting-secret"))
        let sandboxBase = URL(string: "http://127.0.0.1:\(port + 1)/crm/rest")!
        let keapBase = URL(string: "https://api.infusionsoft.com/crm/rest")!
        let cases: [(URL, String)] = [
            (sandboxBase, "http://127.0.0.1:\(port)/crm/rest/v1/contacts"),
            (sandboxBase, "http://127.0.0.1:\(port + 1)@127.0.0.1:\(port)/crm/rest/v1/contacts"),
            (sandboxBase, "http://user:pw@127.0.0.1:\(port + 1)/crm/rest/v1/contacts"),
            (sandboxBase, "http://localhost:\(port)/crm/rest/v1/contacts"),
            (sandboxBase, "http://2130706433:\(port)/crm/rest/v1/contacts"),
            (sandboxBase, "http://0x7f.0.0.1:\(port)/crm/rest/v1/contacts"),
            (sandboxBase, "http://[::1]:\(port)/crm/rest/v1/contacts"),
            (sandboxBase, "http://127.0.0.1:\(port + 1)/crm/rest/../../x"),
            (sandboxBase, "http://127.0.0.1:\(port + 1)/crm/rest/v1/%2e%2e/%2e%2e/x"),
            (sandboxBase, "http://127.0.0.1:\(port + 1)/crm/restx/v1/contacts"),
            (keapBase, "http://api.infusionsoft.com/crm/rest/v1/contacts"),
            (keapBase, "https://api.infusionsoft.com.evil.example/crm/rest/v1/contacts"),
            (keapBase, "https://api.infusionsoft.com@127.0.0.1:\(port)/crm/rest/v1/contacts"),
            (keapBase, "https://127.0.0.1:\(port)/crm/rest/v1/contacts"),
        ]
        for (base, text) in cases {
            let client = KeapClient(apiBase: base, credentials: credential)
            guard let url = URL(string: text) else { continue }
            do {
                _ = try await client.get(url)
                Issue.record("\(text) was fetched")
            } catch {
                let message = userMessage(for: error)
                #expect(!message.contains("pw@") && !message.contains("bearer-"), "\(message)")
            }
        }
        #expect(credential.asked == 0, "the credential was read for a refused URL")
        #expect(recorder.requests == 0)
        ReliabilityReport.write(ReliabilityResult(
            scenario: "foreign-urls-core", description: "KeapClient.get with URLs off the API base",
            passed: credential.asked == 0 && recorder.requests == 0, runs: cases.count,
            faultsInjected: cases.count, rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil,
            notes: "credential reads: \(credential.asked); requests reaching the recorder: \(recorder.requests)"))
    }

    /// Whether the listener that was on `port` no longer answers there: the connection is refused,
    /// or whatever took the port since (other tests bind ports in parallel) is not an Infuse
    /// sign-in listener.
    static func listenerGone(port: Int) async -> Bool {
        guard canConnect(host: "127.0.0.1", port: port) else { return true }
        do {
            let response = try await InfuseHTTPClient.shared.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(port)/callback?state=probe&code=probe"), timeout: .seconds(3))
            let body = try await response.body.collect(upTo: 1 << 16)
            return !String(buffer: body).contains("sign-in")
        } catch {
            return true
        }
    }

    @Test("servers stopped while clients keep connecting shut down cleanly, 10 times each")
    func stopWhileConnecting() async throws {
        /// Connects to `port` again and again on its own thread (a blocking loop must not hold
        /// one of the few cooperative threads) until stopped; stopping returns the attempts.
        func hammer(_ port: Int) -> @Sendable () -> Int {
            let state = NIOLockedValueBox((stop: false, attempts: 0))
            let finished = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                while !state.withLockedValue({ $0.stop }) {
                    _ = Self.canConnect(host: "127.0.0.1", port: port)
                    state.withLockedValue { $0.attempts += 1 }
                    usleep(1_000)
                }
                finished.signal()
            }
            return {
                state.withLockedValue { $0.stop = true }
                finished.wait()
                return state.withLockedValue { $0.attempts }
            }
        }
        var connections = 0
        for _ in 0..<10 {
            let server = SandboxServer(configuration: SandboxConfiguration())
            let root = try await server.start()
            let clients = hammer(try #require(root.port))
            try await Task.sleep(for: .milliseconds(20))
            await server.stop()
            connections += clients()

            let listener = LoopbackRedirectListener(port: 0, path: "/callback", expectedState: OAuthConfiguration.makeState())
            let port = try await listener.start()
            let callers = hammer(port)
            try await Task.sleep(for: .milliseconds(20))
            listener.stop()
            await listener.waitUntilStopped()
            #expect(await Self.listenerGone(port: port))
            connections += callers()
        }
        #expect(connections > 20)
    }

    @Test("the loopback listener: 127.0.0.1 only, wrong states ignored, one callback, closed after it or a timeout")
    func loopbackListener() async throws {
        ReliabilityReport.begin("oauth-listener", description: "wrong-state callbacks, other address, timeout, 10,000 states")
        let state = OAuthConfiguration.makeState()
        let listener = LoopbackRedirectListener(port: 0, path: "/callback", expectedState: state)
        let port = try await listener.start()
        #expect(Self.canConnect(host: "127.0.0.1", port: port))
        #expect(!Self.canConnect(host: "127.0.0.2", port: port), "the listener must not accept on other addresses")
        let waiter = Task { try await listener.waitForRedirect(timeout: .seconds(20)) }
        var ignored = 0
        for attempt in ["state=wrong&code=a", "code=b", "state=\(state)x&code=c", "state=&code=d", "error=access_denied&state=nope"] {
            let status = try await Self.get("http://127.0.0.1:\(port)/callback?\(attempt)")
            if status == 400 { ignored += 1 }
        }
        #expect(ignored == 5)
        #expect(try await Self.get("http://127.0.0.1:\(port)/callback?state=\(state)&code=right") == 200)
        let result = try await waiter.value
        #expect(result == .code("right"))
        await listener.waitUntilStopped()
        #expect(await Self.listenerGone(port: port), "closed after the callback")

        let timing = LoopbackRedirectListener(port: 0, path: "/callback", expectedState: OAuthConfiguration.makeState())
        let timingPort = try await timing.start()
        await #expect(throws: OAuthError.timedOut(seconds: 0)) { _ = try await timing.waitForRedirect(timeout: .milliseconds(400)) }
        await timing.waitUntilStopped()
        #expect(await Self.listenerGone(port: timingPort), "closed after the timeout")

        let states = Set((0..<10_000).map { _ in OAuthConfiguration.makeState() })
        #expect(states.count == 10_000)
        #expect(states.allSatisfy { $0.count >= 32 })
        ReliabilityReport.write(ReliabilityResult(
            scenario: "oauth-listener", description: "wrong-state callbacks, other address, timeout, 10,000 states",
            passed: ignored == 5 && states.count == 10_000, runs: 8,
            faultsInjected: ignored + 1, rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil, notes: "ignored \(ignored) wrong callbacks; 10,000 distinct states"))
    }

    @Test("authorization codes and refresh tokens work once: 20 sign-ins")
    func codesNeverReused() async throws {
        ReliabilityReport.begin("oauth-codes-once", description: "20 sign-ins: code and refresh token re-use")
        try await withSandbox { _, root, _ in
            let configuration = OAuthConfiguration(
                authorizeURL: root.appendingPathComponent("app/oauth/authorize"), tokenURL: root.appendingPathComponent("token"),
                clientID: SandboxCredentials.clientID, clientSecret: SandboxCredentials.clientSecret,
                redirectURI: URL(string: "http://127.0.0.1:9/callback")!)
            var codes = Set<String>(), refused = 0, attempts = 0
            for _ in 0..<20 {
                let session = try await OAuthSignInSession.start(configuration: configuration, listen: false)
                guard case .code(let code)? = try await session.answerSandboxConsent(allow: true) else {
                    Issue.record("no code")
                    continue
                }
                codes.insert(code)
                let tokens = try await session.complete(with: .code(code))
                let client = OAuthTokenClient(configuration: configuration)
                attempts += 2
                do { _ = try await client.exchange(code: code); Issue.record("a code worked twice") } catch { refused += 1 }
                _ = try await client.refresh(refreshToken: tokens.refreshToken)
                do { _ = try await client.refresh(refreshToken: tokens.refreshToken); Issue.record("a refresh token worked twice") } catch { refused += 1 }
            }
            #expect(codes.count == 20)
            #expect(refused == 40)
            ReliabilityReport.write(ReliabilityResult(
                scenario: "oauth-codes-once", description: "20 sign-ins: code and refresh token re-use", passed: codes.count == 20 && refused == 40, runs: codes.count, faultsInjected: attempts,
                rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil, notes: "distinct codes \(codes.count); re-uses refused \(refused) of \(attempts)"))
        }
    }

    static func get(_ url: String) async throws -> Int {
        let response = try await InfuseHTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
        return Int(response.status.code)
    }

    /// True when a TCP connection to host:port succeeds.
    static func canConnect(host: String, port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

/// A bearer credential with a fixed token.
struct StaticBearer: CredentialProvider {
    let token: String
    func authHeader() async throws -> AuthHeader { AuthHeader(name: "Authorization", value: "Bearer \(token)") }
    func invalidate(rejected: AuthHeader) async throws {}
}

/// A tiny HTTP server on 127.0.0.1 that records requests (and whether they carried credentials)
/// or answers every request with a 302 to another root.
final class RecordingServer: @unchecked Sendable {
    enum Mode: Sendable {
        case record
        case redirect(to: URL)
    }

    private let lock = NSLock()
    private var seen = 0
    private var withCredentials = 0
    private var task: Task<Void, Never>?
    private var group: ServiceGroup?
    private(set) var root = URL(string: "http://127.0.0.1")!

    var requests: Int { lock.withLock { seen } }
    var authorizedRequests: Int { lock.withLock { withCredentials } }
    func reset() { lock.withLock { seen = 0; withCredentials = 0 } }

    static func start(mode: Mode) async throws -> RecordingServer {
        let server = RecordingServer()
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let authorized = request.headers[.authorization] != nil || request.headers[HTTPField.Name("X-Keap-API-Key")!] != nil
            server.lock.withLock {
                server.seen += 1
                if authorized { server.withCredentials += 1 }
            }
            switch mode {
            case .record:
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"contacts":[],"count":0}"#)))
            case .redirect(let target):
                return Response(status: .found, headers: [.location: target.absoluteString + request.uri.description])
            }
        }
        router.get("**", use: handler)
        var logger = Logger(label: "reliability.recorder")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        server.group = group
        server.task = Task { try? await group.run() }
        for await port in ports {
            server.root = URL(string: "http://127.0.0.1:\(port)")!
            return server
        }
        throw OAuthError.listenerFailed("recording server did not start")
    }

    /// Graceful: cancelling the server task can trap in NIO when a connection is accepted then.
    func stop() {
        guard let group else { return }
        Task { await group.triggerGracefulShutdown() }
    }
}
