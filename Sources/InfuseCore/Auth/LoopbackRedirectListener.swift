import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A one-shot HTTP listener on 127.0.0.1 that receives the OAuth redirect.
///
/// It binds the loopback address only, answers every request, accepts the first callback whose
/// `state` matches (others get a 400 page and are ignored), and shuts down after that callback or
/// the timeout.
public final class LoopbackRedirectListener: Sendable {
    private let expectedState: String
    private let callbackPath: String
    private let requestedPort: Int
    private let box = ListenerBox()

    /// - Parameters:
    ///   - port: the port of the registered redirect URI, or 0 to pick a free one.
    ///   - path: the redirect URI's path, e.g. `/callback`.
    public init(port: Int, path: String, expectedState: String) {
        self.requestedPort = port
        self.callbackPath = path.isEmpty ? "/" : path
        self.expectedState = expectedState
    }

    /// Starts listening and returns the port that was bound.
    public func start() async throws -> Int {
        let router = Router()
        let box = self.box
        let expectedState = self.expectedState
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let items = URLComponents(string: request.uri.description)?.queryItems ?? []
            do {
                let result = try OAuthRedirect.result(from: items, expectedState: expectedState)
                guard box.complete(.success(result)) else { return Self.page(.gone, "This sign-in is already finished. You can close this window.") }
                switch result {
                case .code: return Self.page(.ok, "Infuse is signed in. You can close this window and return to the terminal.")
                case .denied: return Self.page(.ok, "Permission was denied: the account is not accessible. You can close this window.")
                }
            } catch {
                return Self.page(.badRequest, "This request does not belong to the sign-in in progress; it was ignored.")
            }
        }
        router.get(RouterPath(callbackPath), use: handler)
        var logger = Logger(label: "infuse.oauth-listener")
        logger.logLevel = .critical
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: requestedPort), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        // A service group, so stop() shuts the server down gracefully: cancelling its task traps
        // in NIO when a connection (a browser's second request) is accepted at that moment.
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            do {
                try await group.run()
            } catch {
                portContinuation.finish()
                box.complete(.failure(OAuthError.listenerFailed(String(describing: error))))
            }
        }
        box.setServer(task: task, group: group)
        for await port in portStream { return port }
        throw OAuthError.listenerFailed("port \(requestedPort) on 127.0.0.1 is not available")
    }

    /// Waits for the matching redirect, then stops the listener.
    public func waitForRedirect(timeout: Duration) async throws -> OAuthRedirectResult {
        let box = self.box
        let timer = Task {
            try await Task.sleep(for: timeout)
            box.complete(.failure(OAuthError.timedOut(seconds: Int(timeout.components.seconds))))
        }
        defer {
            timer.cancel()
            stop()
        }
        return try await withTaskCancellationHandler {
            try await box.value()
        } onCancel: {
            box.complete(.failure(OAuthError.cancelled))
        }
    }

    /// Stops listening; a waiting `waitForRedirect` ends with `.cancelled`.
    public func stop() {
        box.complete(.failure(OAuthError.cancelled))
        box.stopServer()
    }

    /// Waits until the server has shut down after ``stop()`` (or the end of
    /// ``waitForRedirect(timeout:)``): from then on the port refuses connections.
    public func waitUntilStopped() async {
        await box.serverFinished()
    }

    private static func page(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Infuse</title></head><body><p>\(message)</p></body></html>"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// The listener's one-shot result and its server task.
private final class ListenerBox: @unchecked Sendable {
    private let outcome = OneShotResult<OAuthRedirectResult>()
    private let lock = NSLock()
    private var server: (task: Task<Void, Never>, group: ServiceGroup)?
    /// The server task, kept after stopping so callers can wait for it to end.
    private var serverTask: Task<Void, Never>?

    /// Records the first result; returns false when one was already recorded.
    @discardableResult
    func complete(_ value: Result<OAuthRedirectResult, any Error>) -> Bool { outcome.complete(value) }

    func value() async throws -> OAuthRedirectResult { try await outcome.value() }

    func setServer(task: Task<Void, Never>, group: ServiceGroup) {
        lock.lock()
        server = (task, group)
        serverTask = task
        lock.unlock()
    }

    /// Returns once the server task has ended (at once when it never started).
    func serverFinished() async {
        let task = lock.withLock { serverTask }
        await task?.value
    }

    /// Shuts the server down gracefully (in the background): idle connections close at once, a
    /// request in flight is answered first, one that never ends is cut after 30 s.
    func stopServer() {
        lock.lock()
        let running = server
        server = nil
        lock.unlock()
        guard let running else { return }
        Task {
            await running.group.triggerGracefulShutdown()
            let watchdog = Task {
                try await Task.sleep(for: .seconds(30))
                running.task.cancel()
            }
            await running.task.value
            watchdog.cancel()
        }
    }
}
