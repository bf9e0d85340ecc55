import AsyncHTTPClient
import NIOCore

/// The process-wide HTTP client of Infuse.
///
/// Redirects are never followed: a bearer token or API key must not travel to a host the
/// account does not belong to, and the OAuth consent redirect is read, not followed.
public enum InfuseHTTPClient {
    /// Shared for the life of the process (like `HTTPClient.shared`, it is never shut down).
    public static let shared: HTTPClient = make()

    /// A new client configured like ``shared``, with a pool of its own (shut it down when done):
    /// for work that must not meet another's pooled connections.
    public static func make() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(60))
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 16)
        // A failed connect fails the request at once (AHC would otherwise retry it silently until
        // the request's deadline); `KeapClient` decides how often to try again.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .enabled(limit: .ratio(50))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}
