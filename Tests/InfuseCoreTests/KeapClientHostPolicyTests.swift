import Foundation
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// Custom URLs off the API base are refused before any request, and redirects are not followed.
@Suite("KeapClient host policy")
struct KeapClientHostPolicyTests {
    @Test("foreign host, port, scheme, user info and dot segments are refused with no request made")
    func refusedBeforeRequest() async throws {
        try await withSandbox({ $0.records = 20 }) { server, root, apiBase in
            let client = KeapClientTesting.client(apiBase)
            let port = try #require(root.port)
            let refused = [
                "http://127.0.0.2:\(port)/crm/rest/v1/contacts",
                "http://localhost:\(port)/crm/rest/v1/contacts",
                "http://127.0.0.1:\(port + 1)/crm/rest/v1/contacts",
                "https://127.0.0.1:\(port)/crm/rest/v1/contacts",
                "http://evil@127.0.0.1:\(port)/crm/rest/v1/contacts",
                "http://127.0.0.1:\(port)@127.0.0.2:\(port)/crm/rest/v1/contacts",
                "http://127.0.0.1:\(port)/crm/rest/../../app/oauth/authorize",
                "http://127.0.0.1:\(port)/crm/rest/v1/%2e%2e/%2e%2e/token",
                "http://127.0.0.1:\(port)/token",
            ]
            let before = server.statistics().requests
            for text in refused {
                let url = try #require(URL(string: text))
                await #expect(throws: KeapAPIError.self, "\(text)") {
                    _ = try await KeapClientTesting.collect(client, .url(url), maxRows: 10)
                }
                await #expect(throws: KeapAPIError.self, "\(text)") { _ = try await client.get(url) }
            }
            #expect(server.statistics().requests == before)
        }
    }

    @Test("a foreign URL is refused before the credential is even asked for")
    func credentialNotAsked() async throws {
        let credential = CountingHeaderCredential()
        let client = KeapClient(apiBase: URL(string: "https://api.infusionsoft.com/crm/rest")!, credentials: credential)
        await #expect(throws: KeapAPIError.self) {
            _ = try await client.get(URL(string: "https://attacker.example/crm/rest/v1/contacts")!)
        }
        #expect(credential.asked == 0)
    }

    @Test("an unusable API base fails every request with a clear message")
    func unusableBase() async {
        let client = KeapClient(apiBase: URL(string: "ftp://example.com/crm")!, credentials: APIKeyCredential(key: "k"))
        do {
            for try await _ in client.pages(KeapClientTesting.contacts(), maxRows: 5, progress: nil) {}
            Issue.record("expected an error")
        } catch {
            #expect(userMessage(for: error).contains("not a valid http(s) URL"))
        }
    }

    @Test("a redirect is reported, not followed, even to a server that would answer")
    func redirectsNotFollowed() async throws {
        try await withSandbox({ $0.records = 5 }) { other, otherRoot, _ in
            try await withSandbox({ $0.records = 5 }) { _, root, _ in
                // The sandbox's consent page redirects at once with auto=allow; use the root as the base.
                let client = KeapClientTesting.client(root)
                let target = otherRoot.absoluteString + "/crm/rest/v1/contacts"
                let escaped = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let url = try #require(URL(string: root.absoluteString
                    + "/app/oauth/authorize?client_id=\(SandboxCredentials.clientID)&redirect_uri=\(escaped)&response_type=code&scope=full&state=s&auto=allow"))
                do {
                    _ = try await client.get(url)
                    Issue.record("expected a redirect error")
                } catch let error as KeapAPIError {
                    guard case .redirect(let status, let location) = error else {
                        Issue.record("unexpected \(error)")
                        return
                    }
                    #expect((300..<400).contains(status))
                    #expect(location?.hasPrefix(otherRoot.absoluteString) == true)
                    #expect(location?.contains("code=") == false)
                }
                #expect(other.statistics().requests == 0)
            }
        }
    }
}

/// Counts how often its header (an API key by default, or a bearer token) was asked for.
final class CountingHeaderCredential: CredentialProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private let header: AuthHeader
    var asked: Int { lock.withLock { count } }
    init(header: AuthHeader = AuthHeader(name: "X-Keap-API-Key", value: "secret")) { self.header = header }
    func authHeader() async throws -> AuthHeader {
        lock.withLock { count += 1 }
        return header
    }
    func invalidate(rejected: AuthHeader) async throws {}
}
