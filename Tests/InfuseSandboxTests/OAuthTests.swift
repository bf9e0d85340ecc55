import Foundation
import InfuseSandbox
import Testing

@Suite("Sandbox OAuth")
struct OAuthTests {
    @Test func authorizePageOffersAllowAndDeny() async throws {
        try await SandboxHarness.with { h in
            let page = try await h.get("/app/oauth/authorize?client_id=infuse-sandbox&redirect_uri="
                + SandboxHarness.escape(SandboxHarness.redirectURI) + "&response_type=code&scope=full&state=s1")
            #expect(page.status == 200)
            #expect(page.text.contains("decision=allow"))
            #expect(page.text.contains("decision=deny"))
            // Following the Allow link answers with the redirect.
            let allowHref = try #require(page.text.components(separatedBy: "href=\"").dropFirst().first?
                .components(separatedBy: "\"").first)
            let allow = try await h.get(allowHref.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(allow.status == 302)
            let items = try SandboxHarness.redirectQuery(allow)
            #expect(items["code"]?.isEmpty == false)
            #expect(items["state"] == "s1")
        }
    }

    @Test func autoAllowRedirectCarriesCodeScopeAndState() async throws {
        try await SandboxHarness.with { h in
            let result = try await h.get("/app/oauth/authorize?client_id=infuse-sandbox&redirect_uri="
                + SandboxHarness.escape(SandboxHarness.redirectURI) + "&response_type=code&scope=full&state=abc&auto=allow")
            #expect(result.status == 302)
            let location = try #require(result.header("Location"))
            #expect(location.hasPrefix(SandboxHarness.redirectURI + "?code="))
            #expect(location.contains("scope=full%7Csandbox.infusionsoft.com"))
            let items = try SandboxHarness.redirectQuery(result)
            #expect(items["scope"] == "full|sandbox.infusionsoft.com")
            #expect(items["state"] == "abc")
        }
    }

    @Test func denyRedirectCarriesAccessDenied() async throws {
        try await SandboxHarness.with { h in
            for parameter in ["auto=deny", "decision=deny"] {
                let result = try await h.get("/app/oauth/authorize?client_id=infuse-sandbox&redirect_uri="
                    + SandboxHarness.escape(SandboxHarness.redirectURI) + "&response_type=code&state=q&\(parameter)")
                #expect(result.status == 302)
                let location = try #require(result.header("Location"))
                #expect(location.contains("error=access_denied&error_description=User+denied+access+to+resource&state=q"))
                #expect(!location.contains("code="))
            }
        }
    }

    @Test func unknownClientGets400Page() async throws {
        try await SandboxHarness.with { h in
            let result = try await h.get("/app/oauth/authorize?client_id=someone-else&redirect_uri="
                + SandboxHarness.escape(SandboxHarness.redirectURI) + "&response_type=code&auto=allow")
            #expect(result.status == 400)
            #expect(result.header("Location") == nil)
            #expect(result.text.contains("<html>"))
        }
    }

    @Test func codeExchangeReturnsTokenPairAndCodeIsSingleUse() async throws {
        try await SandboxHarness.with { h in
            let code = try await h.authorizationCode()
            let first = try await h.exchange(code: code)
            #expect(first.status == 200)
            let pair = try first.object()
            #expect((pair["access_token"] as? String)?.isEmpty == false)
            #expect((pair["refresh_token"] as? String)?.isEmpty == false)
            #expect(pair["expires_in"] as? Int == 86_400)
            #expect(pair["token_type"] as? String == "bearer")
            #expect(pair["scope"] as? String == "full|sandbox.infusionsoft.com")
            let again = try await h.exchange(code: code)
            #expect(again.status == 400)
            #expect(try again.object()["error"] as? String == "invalid_grant")
            let access = try #require(pair["access_token"] as? String)
            #expect(try await h.bearer("/v1/contacts?limit=1", token: access).status == 200)
        }
    }

    @Test func codeExchangeChecksRedirectURIAndClient() async throws {
        try await SandboxHarness.with { h in
            let code = try await h.authorizationCode()
            let mismatch = try await h.exchange(code: code, redirectURI: "https://evil.example.com/cb")
            #expect(mismatch.status == 400)
            #expect(try mismatch.object()["error"] as? String == "invalid_grant")
            let code2 = try await h.authorizationCode()
            let wrongClient = try await h.post("/token", form: [
                ("grant_type", "authorization_code"), ("client_id", SandboxCredentials.clientID),
                ("client_secret", "wrong"), ("code", code2), ("redirect_uri", SandboxHarness.redirectURI),
            ])
            #expect(wrongClient.status == 401)
            #expect(try wrongClient.object()["error"] as? String == "invalid_client")
        }
    }

    @Test func jsonBodyIsRejectedAsInvalidRequest() async throws {
        try await SandboxHarness.with { h in
            let result = try await h.post("/token", body: #"{"grant_type":"refresh_token","refresh_token":"x"}"#,
                                          contentType: "application/json")
            #expect(result.status == 400)
            let object = try result.object()
            #expect(object["error"] as? String == "invalid_request")
            #expect(object["error_description"] as? String == "response_type or grant_type is required")
        }
    }

    @Test func refreshRotatesAndOldRefreshTokenIsRejected() async throws {
        try await SandboxHarness.with { h in
            let pair = try await h.tokenPair()
            let oldRefresh = try #require(pair["refresh_token"] as? String)
            let oldAccess = try #require(pair["access_token"] as? String)
            let refreshed = try await h.refresh(oldRefresh)
            #expect(refreshed.status == 200)
            let newPair = try refreshed.object()
            let newRefresh = try #require(newPair["refresh_token"] as? String)
            let newAccess = try #require(newPair["access_token"] as? String)
            #expect(newRefresh != oldRefresh)
            #expect(newAccess != oldAccess)
            #expect(try await h.bearer("/v1/contacts?limit=1", token: newAccess).status == 200)

            let reuse = try await h.refresh(oldRefresh)
            #expect(reuse.status == 400)
            let body = try reuse.object()
            #expect(body["error"] as? String == "invalid_grant")
            #expect(body["error_description"] as? String == "Invalid refresh token")
            #expect(h.server.statistics().tokenRefreshes == 1)
        }
    }

    @Test func refreshRequiresBasicAuthorization() async throws {
        try await SandboxHarness.with { h in
            let pair = try await h.tokenPair()
            let refresh = try #require(pair["refresh_token"] as? String)
            let withoutBasic = try await h.refresh(refresh, basic: false)
            #expect(withoutBasic.status == 401)
            #expect(try withoutBasic.object()["error"] as? String == "invalid_client")
            // The refresh token was not consumed by the rejected attempt.
            #expect(try await h.refresh(refresh).status == 200)
        }
    }

    @Test func accessTokenExpiresAfterTTL() async throws {
        // 3 s, not 1: on a loaded 2-core machine the first use can come more than a second late.
        try await SandboxHarness.with({ $0.tokenTTL = 3 }) { h in
            let asked = ContinuousClock.now
            let pair = try await h.tokenPair()
            #expect(pair["expires_in"] as? Int == 3)
            let access = try #require(pair["access_token"] as? String)
            let firstUse = try await h.bearer("/v1/tags", token: access)
            // Under a full parallel suite the first use can come after the 3 s; only then is a 401 fair.
            if ContinuousClock.now - asked < .seconds(3) {
                #expect(firstUse.status == 200)
            }
            try await Task.sleep(for: .milliseconds(3300))
            let expired = try await h.bearer("/v1/tags", token: access)
            #expect(expired.status == 401)
            #expect(try errorCode(expired) == "keymanagement.service.access_token_expired")
            #expect(try (expired.object()["fault"] as? [String: Any])?["faultstring"] as? String == "Access Token expired")
        }
    }

    @Test func controlEndpointsExpireAndRevokeTokens() async throws {
        try await SandboxHarness.with { h in
            let pair = try await h.tokenPair()
            let access = try #require(pair["access_token"] as? String)
            let refresh = try #require(pair["refresh_token"] as? String)
            #expect(try await h.post("/_sandbox/expire-access-tokens", body: "", contentType: "text/plain").status == 200)
            #expect(try errorCode(try await h.bearer("/v1/tags", token: access)) == "keymanagement.service.access_token_expired")
            #expect(try await h.post("/_sandbox/revoke", body: "", contentType: "text/plain").status == 200)
            #expect(try await h.refresh(refresh).status == 400)
            let stats = try await h.get("/_sandbox/stats").object()
            #expect(stats["unauthorized"] as? Int == 1)
            #expect(stats["codeExchanges"] as? Int == 1)
        }
    }
}
