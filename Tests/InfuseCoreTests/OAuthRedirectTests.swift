import Foundation
import InfuseCore
import Testing

@Suite("OAuth redirect parsing")
struct OAuthRedirectTests {
    @Test("a full redirect URL with the right state gives the code")
    func fullURL() throws {
        let result = try OAuthRedirect.parse(
            "https://example.com/cb?code=GdRGbcuo&scope=full%7Chl214.infusionsoft.com&state=S1", expectedState: "S1")
        #expect(result == .code("GdRGbcuo"))
    }

    @Test("a wrong state is refused")
    func wrongState() {
        #expect(throws: OAuthError.stateMismatch) {
            try OAuthRedirect.parse("http://127.0.0.1:1/cb?code=abc&state=other", expectedState: "S1")
        }
    }

    @Test("a denial is recognised, with Keap's empty state")
    func denial() throws {
        let result = try OAuthRedirect.parse(
            "https://x/cb?state=&error=access_denied&error_description=User+denied+access+to+resource", expectedState: "S1")
        guard case .denied = result else { Issue.record("expected a denial"); return }
        #expect(OAuthError.permissionDenied.userMessage.hasPrefix("permission was denied: the account is not accessible"))
    }

    @Test("a bare code is accepted; junk is refused")
    func bareCode() throws {
        #expect(try OAuthRedirect.parse("  abc123  \n", expectedState: "S") == .code("abc123"))
        #expect(throws: OAuthError.emptyPaste) { try OAuthRedirect.parse("   ", expectedState: "S") }
        #expect(throws: OAuthError.unreadablePaste) { try OAuthRedirect.parse("two words", expectedState: "S") }
    }

    @Test("the authorize URL carries client, redirect, response type, scope and state")
    func authorizeURL() throws {
        let configuration = OAuthConfiguration(
            authorizeURL: OAuthConfiguration.keapAuthorizeURL, tokenURL: OAuthConfiguration.keapTokenURL,
            clientID: "cid", clientSecret: "never-in-url", redirectURI: URL(string: "https://app.example/cb")!)
        let url = configuration.authorizationURL(state: "st")
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        let dict = Dictionary(uniqueKeysWithValues: items.map { ($0.name, $0.value ?? "") })
        #expect(dict == ["client_id": "cid", "redirect_uri": "https://app.example/cb", "response_type": "code", "scope": "full", "state": "st"])
        #expect(!url.absoluteString.contains("never-in-url"))
        #expect(OAuthConfiguration.makeState() != OAuthConfiguration.makeState())
    }
}
