import Foundation
import Hummingbird
import NIOCore

/// `GET /app/oauth/authorize` and `POST /token` (KEAP-API.md §1a).
extension SandboxCore {
    /// Authorization codes live 10 minutes.
    static let codeLifetime: Double = 600

    // MARK: Authorize

    func authorize(_ request: Request) -> Response {
        guard request.method == .get || request.method == .head else {
            return Self.html(.methodNotAllowed, title: "Method not allowed", body: "<p>Use GET.</p>")
        }
        let rawQuery = request.uri.query ?? ""
        let query = FormDecoding.decode(rawQuery[...])
        guard query["client_id"] == SandboxCredentials.clientID else {
            return Self.html(.badRequest, title: "Unknown application",
                             body: "<p>The client_id is not a registered application.</p>")
        }
        guard let redirectURI = query["redirect_uri"], !redirectURI.isEmpty,
              URL(string: redirectURI)?.scheme != nil else {
            return Self.html(.badRequest, title: "Invalid redirect_uri", body: "<p>redirect_uri is missing or invalid.</p>")
        }
        // §1a: response_type=code is "the only current valid value"; scope defaults to full.
        guard (query["response_type"] ?? "code") == "code" else {
            return Self.html(.badRequest, title: "Unsupported response_type", body: "<p>Only response_type=code is supported.</p>")
        }
        let state = query["state"] ?? ""
        switch query["decision"] ?? query["auto"] {
        case "allow":
            let code = Self.randomToken(bytes: 12)
            let expiresAt = now() + Self.codeLifetime
            self.state.withLock { $0.codes[code] = .init(redirectURI: redirectURI, expiresAt: expiresAt) }
            // §1a: callback gets ?code=…&scope=full%7C<app>.infusionsoft.com&state=…
            return Self.redirect(to: redirectURI, appending:
                "code=\(FormDecoding.escape(code))&scope=\(FormDecoding.escape(Self.scope))&state=\(FormDecoding.escape(state))")
        case "deny":
            // §1a: ?error=access_denied&error_description=User+denied+access+to+resource&state=
            return Self.redirect(to: redirectURI, appending:
                "error=access_denied&error_description=User+denied+access+to+resource&state=\(FormDecoding.escape(state))")
        default:
            let base = "/app/oauth/authorize?" + rawQuery
            let allow = FormDecoding.html(base + "&decision=allow")
            let deny = FormDecoding.html(base + "&decision=deny")
            return Self.html(.ok, title: "Allow access?", body: """
                <p>The application <strong>\(FormDecoding.html(SandboxCredentials.clientID))</strong> wants access to \
                the Keap app <strong>\(Self.tenant)</strong>.</p>
                <p><a id="allow" href="\(allow)">Allow</a> <a id="deny" href="\(deny)">Deny</a></p>
                """)
        }
    }

    static func redirect(to redirectURI: String, appending parameters: String) -> Response {
        let separator = redirectURI.contains("?") ? "&" : "?"
        var headers = HTTPFields()
        headers[.location] = redirectURI + separator + parameters
        return Response(status: .found, headers: headers)
    }

    static func html(_ status: HTTPResponse.Status, title: String, body: String) -> Response {
        let page = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>\(FormDecoding.html(title))</title></head>
            <body><h1>\(FormDecoding.html(title))</h1>
            \(body)
            </body></html>
            """
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    // MARK: Token

    func token(_ request: Request) async -> Response {
        guard request.method == .post else {
            return Self.oauthError(.methodNotAllowed, "invalid_request", "Use POST")
        }
        var request = request
        guard let body = try? await request.collectBody(upTo: 64 * 1024) else {
            return Self.oauthError(.badRequest, "invalid_request", "Request body too large")
        }
        let text = String(buffer: body)
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        // §1a: a JSON body fails with invalid_request "response_type or grant_type is required".
        if contentType.contains("json") || text.trimmingCharacters(in: .whitespaces).hasPrefix("{") {
            return Self.oauthError(.badRequest, "invalid_request", "response_type or grant_type is required")
        }
        let form = FormDecoding.decode(text[...])
        switch form["grant_type"] {
        case "authorization_code":
            return exchangeCode(form: form, authorization: request.headers[.authorization])
        case "refresh_token":
            return refresh(form: form, authorization: request.headers[.authorization])
        case nil, "":
            return Self.oauthError(.badRequest, "invalid_request", "response_type or grant_type is required")
        default:
            return Self.oauthError(.badRequest, "unsupported_grant_type", "Unsupported grant type")
        }
    }

    /// §1a code exchange: client_id, client_secret, code and redirect_uri in the form.
    private func exchangeCode(form: [String: String], authorization: String?) -> Response {
        let basic = Self.basicCredentials(authorization)
        let clientID = form["client_id"] ?? basic?.id
        let secret = form["client_secret"] ?? basic?.secret
        guard clientID == SandboxCredentials.clientID, secret == SandboxCredentials.clientSecret else {
            return Self.oauthError(.unauthorized, "invalid_client", "Invalid client credentials")
        }
        guard let code = form["code"], !code.isEmpty else {
            return Self.oauthError(.badRequest, "invalid_request", "Missing code")
        }
        let now = now()
        let redirectURI = form["redirect_uri"] ?? ""
        enum Outcome { case ok, invalid, mismatch }
        let outcome = state.withLock { state -> Outcome in
            // Codes are single-use: removed on the first attempt whatever its outcome.
            guard let pending = state.codes.removeValue(forKey: code), pending.expiresAt > now else { return .invalid }
            return pending.redirectURI == redirectURI ? .ok : .mismatch
        }
        switch outcome {
        case .invalid:
            return Self.oauthError(.badRequest, "invalid_grant", "Invalid authorization code")
        case .mismatch:
            return Self.oauthError(.badRequest, "invalid_grant", "Redirect URI mismatch")
        case .ok:
            return issueTokens(countingAs: \.codeExchanges)
        }
    }

    /// §1a refresh: refresh_token in the form, client credentials in `Authorization: Basic`.
    /// Refresh tokens are single-use and rotate.
    private func refresh(form: [String: String], authorization: String?) -> Response {
        guard let basic = Self.basicCredentials(authorization) else {
            return Self.oauthError(.unauthorized, "invalid_client", "Client authentication required (Authorization: Basic)")
        }
        guard basic.id == SandboxCredentials.clientID, basic.secret == SandboxCredentials.clientSecret else {
            return Self.oauthError(.unauthorized, "invalid_client", "Invalid client credentials")
        }
        guard let token = form["refresh_token"], !token.isEmpty else {
            return Self.oauthError(.badRequest, "invalid_request", "Missing refresh_token")
        }
        let valid = state.withLock { $0.refreshTokens.remove(token) != nil }
        guard valid else {
            return Self.oauthError(.badRequest, "invalid_grant", "Invalid refresh token")
        }
        return issueTokens(countingAs: \.tokenRefreshes)
    }

    private func issueTokens(countingAs counter: WritableKeyPath<SandboxStatistics, Int>) -> Response {
        let access = Self.randomToken(bytes: 24)
        let refresh = Self.randomToken(bytes: 24)
        let ttl = configuration.tokenTTL
        let expiry = now() + Double(ttl)
        state.withLock {
            $0.accessTokens[access] = expiry
            $0.refreshTokens.insert(refresh)
            $0.statistics[keyPath: counter] += 1
        }
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.field("access_token", access)
        w.field("token_type", static: "bearer")
        w.field("expires_in", ttl)
        w.field("refresh_token", refresh)
        w.field("scope", Self.scope)
        w.endObject()
        var response = Self.json(.ok, w.bytes)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// RFC 6749 error body `{"error":…,"error_description":…}`.
    static func oauthError(_ status: HTTPResponse.Status, _ error: String, _ description: String) -> Response {
        var w = JSONWriter(capacity: 128)
        w.beginObject()
        w.field("error", error)
        w.field("error_description", description)
        w.endObject()
        return json(status, w.bytes)
    }

    static func basicCredentials(_ header: String?) -> (id: String, secret: String)? {
        guard let header, header.lowercased().hasPrefix("basic ") else { return nil }
        let encoded = header.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard let data = Data(base64Encoded: encoded), let decoded = String(data: data, encoding: .utf8),
              let colon = decoded.firstIndex(of: ":") else { return nil }
        return (String(decoded[..<colon]), String(decoded[decoded.index(after: colon)...]))
    }

    /// An opaque random token (hex).
    static func randomToken(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        text.reserveCapacity(bytes * 2)
        for _ in 0..<bytes {
            let byte = UInt8.random(in: 0...255, using: &generator)
            text += String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)
        }
        return text
    }
}
