import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One OAuth sign-in: the authorize URL with a fresh `state`, an optional loopback listener for
/// the redirect, the paste alternative, and the code exchange.
///
/// A session's `state` and code are used once: after `complete` the session refuses to run again.
public final class OAuthSignInSession: Sendable {
    public let configuration: OAuthConfiguration
    public let state: String
    private let listener: LoopbackRedirectListener?
    private let used = LockedFlag()

    /// The address the user opens in a browser.
    public var authorizationURL: URL { configuration.authorizationURL(state: state) }
    /// The loopback port, when listening.
    public let listeningPort: Int?

    private init(configuration: OAuthConfiguration, state: String, listener: LoopbackRedirectListener?, port: Int?) {
        self.configuration = configuration
        self.state = state
        self.listener = listener
        self.listeningPort = port
    }

    /// Starts a sign-in. With `listen`, the redirect URI must be `http://127.0.0.1:PORT/PATH`
    /// (PORT 0 picks a free port and rewrites the redirect URI to it); otherwise the user pastes.
    public static func start(configuration: OAuthConfiguration, listen: Bool) async throws -> OAuthSignInSession {
        let state = OAuthConfiguration.makeState()
        guard listen else { return OAuthSignInSession(configuration: configuration, state: state, listener: nil, port: nil) }
        let redirect = configuration.redirectURI
        guard redirect.scheme == "http", redirect.host == "127.0.0.1" || redirect.host == "localhost" else {
            throw OAuthError.listenerFailed("the redirect URI \(redirect.absoluteString) is not a loopback http://127.0.0.1 address; paste the redirect instead")
        }
        let listener = LoopbackRedirectListener(port: redirect.port ?? 80, path: redirect.path, expectedState: state)
        let port = try await listener.start()
        var adjusted = configuration
        var components = URLComponents(url: redirect, resolvingAgainstBaseURL: false)!
        components.host = "127.0.0.1"
        components.port = port
        adjusted.redirectURI = components.url!
        return OAuthSignInSession(configuration: adjusted, state: state, listener: listener, port: port)
    }

    /// Waits for the browser to come back to the loopback listener.
    public func waitForRedirect(timeout: Duration = .seconds(300)) async throws -> OAuthRedirectResult {
        guard let listener else { throw OAuthError.listenerFailed("this sign-in is not listening; paste the redirect") }
        return try await listener.waitForRedirect(timeout: timeout)
    }

    /// Reads what the user pasted: the address the browser landed on, or the bare code.
    public func parsePasted(_ text: String) throws -> OAuthRedirectResult {
        try OAuthRedirect.parse(text, expectedState: state)
    }

    /// Turns the redirect into tokens: a denial throws `OAuthError.permissionDenied`.
    public func complete(with result: OAuthRedirectResult, httpClient: HTTPClient = InfuseHTTPClient.shared) async throws -> TokenResponse {
        listener?.stop()
        guard used.setOnce() else { throw OAuthError.authorizationFailed(error: "this sign-in was already completed") }
        switch result {
        case .denied: throw OAuthError.permissionDenied
        case .code(let code):
            return try await OAuthTokenClient(configuration: configuration, httpClient: httpClient).exchange(code: code)
        }
    }

    /// Stops listening.
    public func cancel() { listener?.stop() }

    /// Waits until the loopback listener has shut down (after the redirect, a timeout or
    /// ``cancel()``); at once when not listening.
    public func waitUntilListenerStopped() async { await listener?.waitUntilStopped() }

    /// For the built-in sandbox only: answers its consent page with `auto=allow` (or `deny`) and
    /// delivers the redirect to this session's listener, so the whole flow runs in the terminal.
    /// Returns the redirect result when the session is not listening.
    @discardableResult
    public func answerSandboxConsent(allow: Bool, httpClient: HTTPClient = InfuseHTTPClient.shared) async throws -> OAuthRedirectResult? {
        var components = URLComponents(url: authorizationURL, resolvingAgainstBaseURL: false)!
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "auto", value: allow ? "allow" : "deny")]
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(HTTPClientRequest(url: components.url!.absoluteString), timeout: .seconds(10))
        } catch {
            throw OAuthError.network(OAuthTokenClient.describe(error))
        }
        guard (300..<400).contains(Int(response.status.code)), let location = response.headers.first(name: "Location") else {
            throw OAuthError.authorizationFailed(error: "the consent page answered HTTP \(response.status.code)")
        }
        guard listener != nil else { return try parsePasted(location) }
        do {
            _ = try await httpClient.execute(HTTPClientRequest(url: location), timeout: .seconds(10))
        } catch {
            throw OAuthError.network(OAuthTokenClient.describe(error))
        }
        return nil
    }
}

/// A flag that can be set once, from any thread.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false

    /// Sets the flag; returns false when it was already set.
    func setOnce() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if isSet { return false }
        isSet = true
        return true
    }
}
