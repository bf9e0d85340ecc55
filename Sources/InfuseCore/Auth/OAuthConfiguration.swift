import Foundation

/// Where and as whom an OAuth 2.0 authorization code flow runs.
public struct OAuthConfiguration: Sendable, Equatable {
    /// Keap's authorize page (KEAP-API.md §1a).
    public static let keapAuthorizeURL = URL(string: "https://accounts.infusionsoft.com/app/oauth/authorize")!
    /// Keap's token endpoint (KEAP-API.md §1a).
    public static let keapTokenURL = URL(string: "https://api.infusionsoft.com/token")!
    /// Keap's production API base.
    public static let keapAPIBase = URL(string: "https://api.infusionsoft.com/crm/rest")!

    public var authorizeURL: URL
    public var tokenURL: URL
    public var clientID: String
    public var clientSecret: String
    /// Must be registered with the client at Keap (which only accepts HTTPS), or an
    /// `http://127.0.0.1:PORT/...` URI for the loopback listener.
    public var redirectURI: URL
    /// Keap accepts only `full`.
    public var scope: String = "full"

    public init(authorizeURL: URL, tokenURL: URL, clientID: String, clientSecret: String, redirectURI: URL) {
        self.authorizeURL = authorizeURL
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
    }

    /// The authorize and token URLs that belong to an API base: Keap's own for
    /// `api.infusionsoft.com`, else the same origin (the sandbox serves `/app/oauth/authorize` and
    /// `/token` beside `/crm/rest`).
    public static func endpoints(forAPIBase apiBase: URL) -> (authorize: URL, token: URL) {
        if apiBase.host == keapAPIBase.host || apiBase.host == "api.keap.com" {
            return (keapAuthorizeURL, keapTokenURL)
        }
        var components = URLComponents()
        components.scheme = apiBase.scheme
        components.host = apiBase.host
        components.port = apiBase.port
        components.path = "/app/oauth/authorize"
        let authorize = components.url!
        components.path = "/token"
        return (authorize, components.url!)
    }

    /// The URL to open in a browser, with `response_type=code`, `scope` and `state`.
    public func authorizationURL(state: String) -> URL {
        var components = URLComponents(url: authorizeURL, resolvingAgainstBaseURL: false)!
        var items = components.queryItems ?? []
        items += [
            URLQueryItem(name: "client_id", value: clientID),
            URLQueryItem(name: "redirect_uri", value: redirectURI.absoluteString),
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "scope", value: scope),
            URLQueryItem(name: "state", value: state),
        ]
        components.queryItems = items
        return components.url!
    }

    /// A random, URL-safe `state` value (256 bits from the system's CSPRNG).
    public static func makeState() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
