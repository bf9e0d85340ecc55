import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A Keap-compatible HTTP server on loopback: OAuth (`/app/oauth/authorize`, `/token`), the v1
/// REST endpoints under `/crm/rest/v1`, deterministic data, throttling and fault injection.
///
/// ```swift
/// let server = SandboxServer(configuration: SandboxConfiguration())
/// let root = try await server.start()      // http://127.0.0.1:54321
/// // API base for accounts: root + "/crm/rest"
/// await server.stop()
/// ```
public final class SandboxServer: Sendable {
    private let core: SandboxCore
    /// The running server: its task and the service group that shuts it down gracefully.
    private let running = Locked<(task: Task<Void, Never>, group: ServiceGroup)?>(nil)
    /// The `churnPerMinute` task while the server runs.
    private let churn = Locked<Task<Void, Never>?>(nil)

    /// A server that will serve `configuration`; nothing listens until ``start()``.
    public init(configuration: SandboxConfiguration) {
        core = SandboxCore(configuration: configuration)
    }

    /// Starts listening and returns the root URL (for example `http://127.0.0.1:54321`) once the
    /// port is bound. Throws if the address cannot be bound or the server is already started.
    public func start() async throws -> URL {
        let configuration = core.configuration
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let failure = Locked<(any Error)?>(nil)
        var logger = Logger(label: "infuse.sandbox")
        logger.logLevel = .critical
        let app = Application(
            responder: SandboxResponder(core: core),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: "infuse-sandbox"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? configuration.port)
            },
            logger: logger
        )
        let alreadyRunning = running.withLock { $0 != nil }
        if alreadyRunning { throw SandboxServerError.alreadyStarted }
        do {
            try core.restoreState()
        } catch {
            throw SandboxServerError.unreadableState(error.description)
        }
        // Run as a service so stop() can shut down gracefully: cancelling the server task instead
        // traps in NIO when a connection is accepted at that moment.
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            do {
                try await group.run()
            } catch {
                failure.withLock { $0 = error }
            }
            portContinuation.finish()
        }
        running.withLock { $0 = (task, group) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            running.withLock { $0 = nil }
            throw failure.withLock { $0 } ?? SandboxServerError.couldNotBind(host: configuration.host, port: configuration.port)
        }
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        let root = "http://\(host):\(port)"
        core.rootURL.withLock { $0 = root }
        guard let url = URL(string: root) else {
            throw SandboxServerError.couldNotBind(host: configuration.host, port: port)
        }
        if configuration.churnPerMinute > 0 {
            let core = core
            churn.withLock { $0 = Task { await core.runChurn() } }
        }
        return url
    }

    /// Stops listening, closes connections and waits for the server task to end.
    public func stop() async {
        let server = running.withLock { current -> (task: Task<Void, Never>, group: ServiceGroup)? in
            defer { current = nil }
            return current
        }
        guard let server else { return }
        if let churnTask = churn.withLock({ current -> Task<Void, Never>? in
            defer { current = nil }
            return current
        }) {
            churnTask.cancel()
            await churnTask.value
        }
        await server.group.triggerGracefulShutdown()
        // Graceful shutdown closes idle connections and waits for requests in flight; a request
        // that never ends is cut after 30 s.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(30))
            server.task.cancel()
        }
        await server.task.value
        watchdog.cancel()
    }

    /// A snapshot of the request counters.
    public func statistics() -> SandboxStatistics {
        core.statistics()
    }

    /// Changes records of `resource` (`contacts`, `orders`, …) as `POST /_sandbox/changes` does,
    /// synchronously (a test can change the data between two pages of a listing).
    /// `deleteIDs` names records to delete besides the `delete` random ones (a test can delete
    /// records before the offset a listing has reached).
    /// - Returns: the ids updated, created and deleted; nil for an unknown resource.
    /// `addField` adds a whole-number contact custom field with that label, set on the contacts
    /// this and later calls update or create (as `add_field` does).
    public func applyChanges(resource: String, update: Int, create: Int, delete: Int,
                             deleteIDs: [Int] = [], addField: String? = nil) -> (updated: [Int], created: [Int], deleted: [Int])? {
        guard let changeable = ChangeableResource(rawValue: resource) else { return nil }
        let report = core.applyChanges(changeable, update: update, create: create, delete: delete, deleteIDs: deleteIDs,
                                       addField: addField)
        return (report.updated, report.created, report.deleted)
    }

    /// Record counts per resource for this configuration.
    public var dataSizes: SandboxDataSizes {
        core.world.sizes
    }
}

/// Why a sandbox could not start.
public enum SandboxServerError: Error, CustomStringConvertible, Sendable {
    /// ``SandboxServer/start()`` was called on a running server.
    case alreadyStarted
    /// The listener could not be bound.
    case couldNotBind(host: String, port: Int)
    /// ``SandboxConfiguration/statePath`` exists but cannot be read.
    case unreadableState(String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .alreadyStarted: "The sandbox server is already running."
        case .couldNotBind(let host, let port): "The sandbox could not listen on \(host):\(port)."
        case .unreadableState(let detail): detail
        }
    }
}

/// Hands every request to the ``SandboxCore``.
struct SandboxResponder: HTTPResponder {
    let core: SandboxCore

    func respond(to request: Request, context: SandboxRequestContext) async throws -> Response {
        try await core.respond(to: request, context: context)
    }
}
