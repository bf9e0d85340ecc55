import Foundation
import Testing

@testable import InfuseCore

/// Which URLs may receive an account's credentials (checked before any request).
@Suite("Host policy")
struct HostPolicyTests {
    let keap = try! HostPolicy(apiBase: URL(string: "https://api.infusionsoft.com/crm/rest")!)
    let sandbox = try! HostPolicy(apiBase: URL(string: "http://127.0.0.1:8123/crm/rest/")!)

    @Test("URLs on the API base pass")
    func allowed() throws {
        for text in [
            "https://api.infusionsoft.com/crm/rest/v1/contacts",
            "https://API.Infusionsoft.com:443/crm/rest/v1/contacts?limit=5&email=a%40b.c",
            "https://api.infusionsoft.com/crm/rest/v1/contacts/model#x",
        ] {
            #expect(throws: Never.self, "\(text)") { _ = try keap.check(URL(string: text)!) }
        }
        #expect(throws: Never.self) { _ = try sandbox.check(URL(string: "http://127.0.0.1:8123/crm/rest/v1/tags")!) }
        #expect(sandbox.basePath == "/crm/rest" && sandbox.port == 8123 && keap.port == 443)
        #expect(keap.displayBase == "https://api.infusionsoft.com/crm/rest")
    }

    @Test("another host or port is refused", arguments: [
        "https://evil.example.com/crm/rest/v1/contacts",
        "https://api.infusionsoft.com.evil.com/crm/rest/v1/contacts",
        "https://api.infusionsoft.com:8443/crm/rest/v1/contacts",
        "https://api.infusionsoft.com./crm/rest/v1/contacts",
        "https://api.keap.com/crm/rest/v1/contacts",
    ])
    func foreignHosts(_ text: String) {
        #expect(throws: KeapAPIError.self) { _ = try keap.check(URL(string: text)!) }
        do {
            _ = try keap.check(URL(string: text)!)
        } catch {
            if case .foreignHost = error {} else { Issue.record("\(text): \(error)") }
            #expect(error.userMessage.contains("api.infusionsoft.com"))
        }
    }

    @Test("IP literal spellings of the sandbox host are refused", arguments: [
        "http://127.1:8123/crm/rest/v1/contacts", "http://0x7f.0.0.1:8123/crm/rest/v1/contacts",
        "http://2130706433:8123/crm/rest/v1/contacts", "http://localhost:8123/crm/rest/v1/contacts",
        "http://[::ffff:127.0.0.1]:8123/crm/rest/v1/contacts", "http://127.0.0.1:8124/crm/rest/v1/contacts",
        "http://%31%32%37.0.0.1:8123/crm/rest/v1/contacts",
    ])
    func ipTricks(_ text: String) throws {
        let url = try #require(URL(string: text))
        #expect(throws: KeapAPIError.self, "\(text)") { _ = try sandbox.check(url) }
    }

    @Test("http where the base is https, and other schemes, are refused")
    func schemes() {
        for text in ["http://api.infusionsoft.com/crm/rest/v1/contacts", "ftp://api.infusionsoft.com/crm/rest/v1/contacts"] {
            #expect(throws: KeapAPIError.self) { _ = try keap.check(URL(string: text)!) }
        }
        do {
            _ = try keap.check(URL(string: "http://api.infusionsoft.com/crm/rest/v1/contacts")!)
        } catch {
            #expect(error == .insecureScheme(url: "http://api.infusionsoft.com/crm/rest/v1/contacts", apiBase: keap.displayBase))
        }
    }

    @Test("user info before the host is refused and not echoed", arguments: [
        "https://api.infusionsoft.com@evil.com/crm/rest/v1/contacts",
        "https://user:s3cret@api.infusionsoft.com/crm/rest/v1/contacts",
        "https://evil.com:443@api.infusionsoft.com/crm/rest/v1/contacts",
    ])
    func userInfo(_ text: String) {
        do {
            _ = try keap.check(URL(string: text)!)
            Issue.record("accepted \(text)")
        } catch {
            #expect(!error.userMessage.contains("s3cret"))
            switch error {
            case .credentialsInURL, .foreignHost: break
            default: Issue.record("\(text): \(error)")
            }
        }
    }

    @Test("dot segments, encoded dots and encoded slashes are refused", arguments: [
        "https://api.infusionsoft.com/crm/rest/../../admin",
        "https://api.infusionsoft.com/crm/rest/v1/./contacts",
        "https://api.infusionsoft.com/crm/rest/%2e%2e/secret",
        "https://api.infusionsoft.com/crm/rest/%2E./secret",
        "https://api.infusionsoft.com/crm/rest/v1%2f..%2fcontacts",
    ])
    func dotSegments(_ text: String) throws {
        let url = try #require(URL(string: text))
        #expect(throws: KeapAPIError.pathTraversal(url: HostPolicy.display(url))) { _ = try keap.check(url) }
    }

    @Test("paths outside the base path are refused")
    func outsideBase() {
        for text in ["https://api.infusionsoft.com/token", "https://api.infusionsoft.com/crm/restricted/v1",
                     "https://api.infusionsoft.com/crm/rest"] {
            #expect(throws: KeapAPIError.outsideAPIBase(url: text, apiBase: keap.displayBase)) {
                _ = try keap.check(URL(string: text)!)
            }
        }
    }

    @Test("messages leave out query strings, which may carry tokens")
    func display() {
        let url = URL(string: "https://evil.com/x?access_token=abc123#frag")!
        #expect(HostPolicy.display(url) == "https://evil.com/x")
    }

    @Test("an unusable API base is reported")
    func badBase() {
        #expect(throws: KeapAPIError.self) { _ = try HostPolicy(apiBase: URL(string: "ftp://x.com/a")!) }
        #expect(throws: KeapAPIError.self) { _ = try HostPolicy(apiBase: URL(string: "https://u:p@x.com/a")!) }
        #expect(throws: KeapAPIError.self) { _ = try HostPolicy(apiBase: URL(string: "file:///tmp")!) }
    }
}
