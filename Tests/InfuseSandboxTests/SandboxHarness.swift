import AsyncHTTPClient
import Foundation
import InfuseSandbox
import NIOCore
import NIOHTTP1

/// One HTTP exchange as the tests see it.
struct HTTPResult {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed with JSONSerialization (fails the test via throw if it is not JSON).
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
    }

    func object() throws -> [String: Any] {
        guard let object = try json() as? [String: Any] else { throw HarnessError.notAnObject(text) }
        return object
    }

    func header(_ name: String) -> String? {
        headers.first(name: name)
    }
}

enum HarnessError: Error {
    case notAnObject(String)
    case missingLocation
    case missingCode(String)
}

/// A real sandbox on a free loopback port plus an HTTP client that does not follow redirects.
final class SandboxHarness: Sendable {
    let server: SandboxServer
    let root: String
    let client: HTTPClient

    static let redirectURI = "https://app.example.com/callback"

    private init(server: SandboxServer, root: String) {
        self.server = server
        self.root = root
        self.client = HTTPClient(eventLoopGroupProvider: .singleton,
                                 configuration: .init(redirectConfiguration: .disallow,
                                                      timeout: .init(connect: .seconds(10), read: .seconds(120))))
    }

    /// Runs `body` against a fresh server, then stops it and the client.
    static func with(_ configure: (inout SandboxConfiguration) -> Void = { _ in },
                     _ body: (SandboxHarness) async throws -> Void) async throws {
        var configuration = SandboxConfiguration()
        configuration.records = 500
        configure(&configuration)
        let server = SandboxServer(configuration: configuration)
        let url = try await server.start()
        let harness = SandboxHarness(server: server, root: url.absoluteString)
        do {
            try await body(harness)
        } catch {
            try? await harness.client.shutdown()
            await server.stop()
            throw error
        }
        try await harness.client.shutdown()
        await server.stop()
    }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: root + path)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        return try await execute(request)
    }

    /// GET under `/crm/rest` with the sandbox API key.
    func api(_ path: String) async throws -> HTTPResult {
        try await get("/crm/rest" + path, headers: [("X-Keap-API-Key", SandboxCredentials.apiKey)])
    }

    func post(_ path: String, form: [(String, String)], headers: [(String, String)] = [],
              contentType: String = "application/x-www-form-urlencoded") async throws -> HTTPResult {
        let body = form.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        return try await post(path, body: body, headers: headers, contentType: contentType)
    }

    func post(_ path: String, body: String, headers: [(String, String)] = [],
              contentType: String) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: root + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        return try await execute(request)
    }

    func execute(_ request: HTTPClientRequest) async throws -> HTTPResult {
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 << 20)
        return HTTPResult(status: Int(response.status.code), headers: response.headers,
                          body: Array(buffer: body))
    }

    // MARK: OAuth helpers

    /// Runs the authorize step with `auto=allow` and returns the code from the redirect.
    func authorizationCode(state: String = "xyz") async throws -> String {
        let result = try await get("/app/oauth/authorize?client_id=\(SandboxCredentials.clientID)"
            + "&redirect_uri=\(Self.escape(Self.redirectURI))&response_type=code&scope=full&state=\(state)&auto=allow")
        let items = try Self.redirectQuery(result)
        guard let code = items["code"] else { throw HarnessError.missingCode(result.text) }
        return code
    }

    /// Exchanges a fresh code for a token pair; returns the parsed JSON.
    func tokenPair() async throws -> [String: Any] {
        let code = try await authorizationCode()
        return try await exchange(code: code).object()
    }

    func exchange(code: String, redirectURI: String = SandboxHarness.redirectURI) async throws -> HTTPResult {
        try await post("/token", form: [
            ("grant_type", "authorization_code"), ("client_id", SandboxCredentials.clientID),
            ("client_secret", SandboxCredentials.clientSecret), ("code", code), ("redirect_uri", redirectURI),
        ])
    }

    func refresh(_ token: String, basic: Bool = true) async throws -> HTTPResult {
        let credentials = Data("\(SandboxCredentials.clientID):\(SandboxCredentials.clientSecret)".utf8).base64EncodedString()
        return try await post("/token", form: [("grant_type", "refresh_token"), ("refresh_token", token)],
                              headers: basic ? [("Authorization", "Basic \(credentials)")] : [])
    }

    func bearer(_ path: String, token: String) async throws -> HTTPResult {
        try await get("/crm/rest" + path, headers: [("Authorization", "Bearer \(token)")])
    }

    static func redirectQuery(_ result: HTTPResult) throws -> [String: String] {
        guard let location = result.header("Location"), let components = URLComponents(string: location) else {
            throw HarnessError.missingLocation
        }
        var items: [String: String] = [:]
        for item in components.queryItems ?? [] { items[item.name] = item.value ?? "" }
        return items
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

/// `fault.detail.errorcode` of a gateway fault body.
func errorCode(_ result: HTTPResult) throws -> String? {
    let fault = try result.object()["fault"] as? [String: Any]
    return (fault?["detail"] as? [String: Any])?["errorcode"] as? String
}
