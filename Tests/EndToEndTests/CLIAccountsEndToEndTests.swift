import Foundation
import InfuseTestSupport
import Testing

/// The built `infuse` binary against `infuse sandbox`, both as real processes.
@Suite("CLI: sandbox, accounts and fetch", .serialized, .enabled(if: InfuseBinary.exists, "run `swift build` first"))
struct CLIAccountsEndToEndTests {
    /// A `$BROWSER` script that answers the sandbox's consent page with `decision` (allow|deny).
    static func browser(in home: TemporaryDirectory, decision: String = "allow") throws -> URL {
        let script = home.path("\(decision).sh")
        try ApprovingBrowser.write(to: script, decision: decision)
        return script
    }

    @Test("`infuse sandbox` prints its address first and exits 0 on SIGTERM")
    func sandboxLifecycle() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(home: home.url)
        #expect(sandbox.root.absoluteString.hasPrefix("http://127.0.0.1:"))
        #expect(sandbox.stop() == 0)
    }

    @Test("API key account: add, list, rename, fetch 2500 distinct contacts, remove")
    func apiKeyAccount() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(["--records", "3000"], home: home.url)
        defer { sandbox.stop() }
        let add = try await runInfuse(
            ["accounts", "add", "Ops", "--api-base", sandbox.apiBase.absoluteString, "--api-key", "KeapAK-sandbox-0000-demo-key"],
            home: home.url)
        #expect(add.status == 0, "\(add.stderr)")
        let list = try await runInfuse(["accounts", "list", "--json"], home: home.url)
        let accounts = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
        #expect(accounts?.first?["name"] as? String == "Ops")
        #expect(accounts?.first?["auth"] as? String == "api_key")
        #expect(!list.stdout.contains("KeapAK-sandbox"))
        #expect(try await runInfuse(["accounts", "rename", "Ops", "Demo"], home: home.url).status == 0)
        let fetch = try await runInfuse(["fetch", "contacts", "--account", "Demo", "--max-rows", "2500"], home: home.url)
        #expect(fetch.status == 0, "\(fetch.stderr)")
        let records = try JSONSerialization.jsonObject(with: Data(fetch.stdout.utf8)) as? [[String: Any]]
        let ids = Set((records ?? []).compactMap { $0["id"] as? Int })
        #expect(records?.count == 2500)
        #expect(ids.count == 2500)
        #expect(fetch.stderr.contains("2500 records"))
        let remove = try await runInfuse(["accounts", "remove", "Demo"], home: home.url)
        #expect(remove.status == 0)
        let after = try await runInfuse(["fetch", "contacts", "--account", "Demo"], home: home.url)
        #expect(after.status != 0)
        #expect(after.stderr.hasPrefix("infuse: no connected account is named Demo"))
        #expect(after.stderr.split(separator: "\n").count == 1)
    }

    @Test("OAuth account through the loopback redirect, with $BROWSER approving the consent")
    func oauthLoopback() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(home: home.url)
        defer { sandbox.stop() }
        let browser = try Self.browser(in: home, decision: "allow")
        let add = try await runInfuse(
            ["accounts", "add", "Demo", "--api-base", sandbox.apiBase.absoluteString, "--oauth"], home: home.url,
            environment: ["BROWSER": browser.path], timeout: .seconds(60))
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("successfully authorized Demo"))
        let secrets = home.path("secrets.json")
        let mode = try FileManager.default.attributesOfItem(atPath: secrets.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let stored = try String(contentsOf: secrets, encoding: .utf8)
        let tokens = try JSONSerialization.jsonObject(with: Data(stored.utf8)) as? [String: Any]
        let entry = (tokens?["accounts"] as? [String: Any])?["Demo"] as? [String: Any]
        let access = try #require(entry?["access_token"] as? String)
        #expect(!add.stdout.contains(access) && !add.stderr.contains(access))
        let fetch = try await runInfuse(["fetch", "contacts", "--account", "Demo", "--max-rows", "10"], home: home.url)
        #expect(fetch.status == 0, "\(fetch.stderr)")
    }

    @Test("OAuth denied in the browser: permission was denied, nothing saved")
    func oauthDenied() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(home: home.url)
        defer { sandbox.stop() }
        let browser = try Self.browser(in: home, decision: "deny")
        let add = try await runInfuse(
            ["accounts", "add", "Demo", "--api-base", sandbox.apiBase.absoluteString, "--oauth"], home: home.url,
            environment: ["BROWSER": browser.path], timeout: .seconds(60))
        #expect(add.status != 0)
        #expect(add.stderr.contains("permission was denied: the account is not accessible"))
        let list = try await runInfuse(["accounts", "list", "--json"], home: home.url)
        #expect(list.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || list.stdout.contains("[]"))
    }

    @Test("two processes refreshing the same account at once keep it usable")
    func concurrentRefreshAcrossProcesses() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        // Tokens live 2 s; each fetch pages slowly, so both processes refresh several times.
        let sandbox = try await SandboxProcess.start(["--token-ttl", "2", "--latency-ms", "150", "--records", "3000"], home: home.url)
        defer { sandbox.stop() }
        let browser = try Self.browser(in: home, decision: "allow")
        let add = try await runInfuse(
            ["accounts", "add", "Demo", "--api-base", sandbox.apiBase.absoluteString, "--oauth"], home: home.url,
            environment: ["BROWSER": browser.path])
        try #require(add.status == 0, "\(add.stderr)")
        async let first = runInfuse(["fetch", "contacts", "--account", "Demo", "--max-rows", "3000"], home: home.url)
        async let second = runInfuse(["fetch", "contacts", "--account", "Demo", "--max-rows", "3000"], home: home.url)
        let results = try await [first, second]
        for result in results {
            #expect(result.status == 0, "\(result.stderr)")
            let records = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [Any]
            #expect(records?.count == 3000)
        }
        try await Task.sleep(for: .seconds(2))
        let after = try await runInfuse(["fetch", "contacts", "--account", "Demo", "--max-rows", "5"], home: home.url)
        #expect(after.status == 0, "\(after.stderr)")
        let list = try await runInfuse(["accounts", "list", "--json"], home: home.url)
        #expect(list.stdout.contains("\"ok\""))
    }
}
