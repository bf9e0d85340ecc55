import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A token pair as the token endpoint returns it.
public struct TokenResponse: Sendable, Equatable {
    public var accessToken: String
    public var refreshToken: String
    public var expiresIn: Int
    public var tokenType: String
    public var scope: String?
}

/// Talks to the OAuth token endpoint: exchanges codes and refresh tokens (KEAP-API.md §1a).
public struct OAuthTokenClient: Sendable {
    public let configuration: OAuthConfiguration
    private let httpClient: HTTPClient
    private let timeout: TimeAmount

    public init(configuration: OAuthConfiguration, httpClient: HTTPClient = InfuseHTTPClient.shared, timeout: TimeAmount = .seconds(30)) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.timeout = timeout
    }

    /// `grant_type=authorization_code` with the client id and secret in the form (as Keap's SDK does).
    public func exchange(code: String) async throws -> TokenResponse {
        try await post(form: [
            ("client_id", configuration.clientID),
            ("client_secret", configuration.clientSecret),
            ("code", code),
            ("grant_type", "authorization_code"),
            ("redirect_uri", configuration.redirectURI.absoluteString),
        ], basicAuth: false)
    }

    /// `grant_type=refresh_token` with HTTP Basic client credentials. Keap's refresh tokens are
    /// single-use: the caller must persist the returned pair before using it.
    public func refresh(refreshToken: String) async throws -> TokenResponse {
        try await post(form: [("grant_type", "refresh_token"), ("refresh_token", refreshToken)], basicAuth: true)
    }

    private func post(form: [(String, String)], basicAuth: Bool) async throws -> TokenResponse {
        var request = HTTPClientRequest(url: configuration.tokenURL.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        if basicAuth {
            let credentials = Data("\(configuration.clientID):\(configuration.clientSecret)".utf8).base64EncodedString()
            request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        }
        request.body = .bytes(ByteBuffer(string: Self.formEncode(form)))
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await httpClient.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw OAuthError.network(Self.describe(error))
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any]
        guard response.status == .ok else {
            if let error = json?["error"] as? String {
                throw OAuthError.tokenRejected(error: error, description: json?["error_description"] as? String)
            }
            throw OAuthError.tokenEndpointFailed(status: Int(response.status.code))
        }
        guard let json,
            let access = json["access_token"] as? String, !access.isEmpty,
            let refresh = json["refresh_token"] as? String, !refresh.isEmpty
        else { throw OAuthError.malformedTokenResponse }
        let expiresIn = (json["expires_in"] as? Int) ?? Int((json["expires_in"] as? String) ?? "") ?? 86_400
        return TokenResponse(
            accessToken: access, refreshToken: refresh, expiresIn: expiresIn,
            tokenType: json["token_type"] as? String ?? "bearer", scope: json["scope"] as? String)
    }

    static func formEncode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }

    /// A description of a transport error that cannot contain request headers.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return String(describing: error) }
        return String(describing: type(of: error))
    }
}
