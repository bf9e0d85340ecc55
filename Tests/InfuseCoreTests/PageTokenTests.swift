import Foundation
import Testing

@testable import InfuseCore

/// How a v2 `next_page_token` is read: a bare token as it is, a URL of the same list on the API
/// base by its `page_token`, anything else refused.
@Suite("v2 page tokens")
struct PageTokenTests {
    static let policy = try! HostPolicy(apiBase: URL(string: "https://api.infusionsoft.com/crm/rest")!)
    static let list = "/crm/rest/v2/contacts"

    @Test("a bare token is used as it is")
    func bare() throws {
        #expect(try PageToken.resolve("eyJvZmZzZXQiOjEwMDB9", listPath: Self.list, policy: Self.policy) == "eyJvZmZzZXQiOjEwMDB9")
        #expect(try PageToken.resolve("a/b+c==", listPath: Self.list, policy: Self.policy) == "a/b+c==")
    }

    @Test("a full URL of the same list on the API host gives its page_token")
    func url() throws {
        let next = "https://api.infusionsoft.com/crm/rest/v2/contacts?page_size=1000&page_token=abc%2B1"
        #expect(try PageToken.resolve(next, listPath: Self.list, policy: Self.policy) == "abc+1")
        let upper = "https://API.infusionsoft.com:443/crm/rest/v2/contacts/?page_token=xyz"
        #expect(try PageToken.resolve(upper, listPath: Self.list, policy: Self.policy) == "xyz")
    }

    @Test("URLs on another host, scheme, port, base or list, and odd tokens, are refused",
          arguments: [
            "https://evil.example.com/crm/rest/v2/contacts?page_token=abc",
            "http://api.infusionsoft.com/crm/rest/v2/contacts?page_token=abc",
            "https://api.infusionsoft.com:8443/crm/rest/v2/contacts?page_token=abc",
            "https://user:pw@api.infusionsoft.com/crm/rest/v2/contacts?page_token=abc",
            "https://api.infusionsoft.com/other/v2/contacts?page_token=abc",
            "https://api.infusionsoft.com/crm/rest/v2/companies?page_token=abc",
            "https://api.infusionsoft.com/crm/rest/v2/../v2/contacts?page_token=abc",
            "https://api.infusionsoft.com/crm/rest/v2/contacts?page_size=5",
            "//evil.example.com/crm/rest/v2/contacts?page_token=abc",
            "ftp://api.infusionsoft.com/crm/rest/v2/contacts?page_token=abc",
            "javascript://api.infusionsoft.com/x",
            "abc def",
            "abc\ndef",
          ])
    func refused(_ next: String) {
        #expect(throws: KeapAPIError.self) { try PageToken.resolve(next, listPath: Self.list, policy: Self.policy) }
    }

    @Test("the refusal says why and never shows the token's query")
    func message() {
        do {
            _ = try PageToken.resolve("https://evil.example.com/crm/rest/v2/contacts?page_token=SECRET123", listPath: Self.list, policy: Self.policy)
            Issue.record("not refused")
        } catch {
            let text = error.userMessage
            #expect(text.contains("next_page_token") && text.contains("evil.example.com") && text.contains("not followed"))
            #expect(!text.contains("SECRET123"))
        }
        #expect(throws: KeapAPIError.self) {
            try PageToken.resolve(String(repeating: "a", count: PageToken.maxLength + 1), listPath: Self.list, policy: Self.policy)
        }
    }
}
