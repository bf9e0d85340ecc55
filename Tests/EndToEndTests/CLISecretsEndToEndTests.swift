import Foundation
import InfuseTestSupport
import Testing

/// Secrets off the command line (`-` reads standard input, `INFUSE_API_KEY`, a warning for a
/// secret typed as an argument), the saved Keap app, and `infuse accounts test`.
@Suite("CLI: secrets off the command line and account health", .serialized, .enabled(if: InfuseBinary.exists, "run `swift build` first"))
struct CLISecretsEndToEndTests {
    static let key = "KeapAK-sandbox-0000-demo-key"

    @Test("--api-key - reads the key from stdin; INFUSE_API_KEY works; an argument works with a warning")
    func apiKeyWithoutTheCommandLine() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(home: home.url)
        defer { sandbox.stop() }
        let base = sandbox.apiBase.absoluteString
        let piped = try await runInfuse(["accounts", "add", "Piped", "--api-base", base, "--api-key", "-"], home: home.url, stdin: Self.key + "\n")
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(!piped.stderr.contains("warning"))
        let fromEnvironment = try await runInfuse(["accounts", "add", "Env", "--api-base", base], home: home.url,
                                                  environment: ["INFUSE_API_KEY": Self.key])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        let argument = try await runInfuse(["accounts", "add", "Arg", "--api-base", base, "--api-key", Self.key], home: home.url)
        #expect(argument.status == 0)
        #expect(argument.stderr.contains("warning: a secret given as --api-key VALUE can be seen in the process list"))
        let empty = try await runInfuse(["accounts", "add", "Empty", "--api-base", base, "--api-key", "-"], home: home.url, stdin: "")
        #expect(empty.status != 0)
        #expect(empty.stderr == "infuse: no API key on standard input for --api-key -; nothing was saved\n")
        let wrong = try await runInfuse(["accounts", "add", "Wrong", "--api-base", base, "--api-key", "-"], home: home.url,
                                        stdin: "KeapAK-not-the-key\n")
        #expect(wrong.status != 0)
        #expect(!wrong.stderr.contains("KeapAK-not-the-key"))
        let list = try await runInfuse(["accounts", "list"], home: home.url)
        #expect(list.stdout.contains("Piped") && list.stdout.contains("Env") && list.stdout.contains("Arg"))
        #expect(!list.stdout.contains("Empty") && !list.stdout.contains("Wrong"))
        for output in [piped, fromEnvironment, argument, empty, wrong, list] {
            #expect(!output.stdout.contains(Self.key) && !output.stderr.contains(Self.key))
        }
    }

    @Test("accounts test: ok with the quota seen; needs re-authorization after a revoke; unreachable when the API is gone")
    func accountsTest() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(home: home.url)
        let base = sandbox.apiBase.absoluteString
        #expect(try await runInfuse(["accounts", "add", "Ops", "--api-base", base, "--api-key", "-"], home: home.url, stdin: Self.key).status == 0)
        let ok = try await runInfuse(["accounts", "test", "Ops"], home: home.url)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.hasPrefix("Ops: ok · quota "))
        #expect(ok.stdout.contains("a minute") || ok.stdout.contains("a day"))
        let json = try await runInfuse(["accounts", "test", "Ops", "--json"], home: home.url)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "ok")
        #expect(((object["quota"] as? [[String: Any]]) ?? []).contains { ($0["limit"] as? Int ?? 0) > 0 })

        // OAuth account: revoking its tokens at the sandbox makes the test say so.
        let browser = try CLIAccountsEndToEndTests.browser(in: home)
        let add = try await runInfuse(["accounts", "add", "Demo", "--api-base", base, "--oauth"], home: home.url,
                                      environment: ["BROWSER": browser.path], timeout: .seconds(60))
        #expect(add.status == 0, "\(add.stderr)")
        let revoke = Process()
        revoke.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        revoke.arguments = ["-s", "-f", "-X", "POST", sandbox.root.absoluteString + "/_sandbox/revoke"]
        revoke.standardOutput = FileHandle.nullDevice
        try revoke.run()
        revoke.waitUntilExit()
        let revoked = try await runInfuse(["accounts", "test", "Demo"], home: home.url)
        #expect(revoked.status == 1)
        #expect(revoked.stdout.hasPrefix("Demo: needs re-authorization"), "\(revoked.stdout)")

        sandbox.stop()
        let gone = try await runInfuse(["accounts", "test", "Ops"], home: home.url)
        #expect(gone.status == 1)
        #expect(gone.stdout.hasPrefix("Ops: unreachable"), "\(gone.stdout)")
    }

    @Test("accounts app set/show/remove: the secret from stdin, shown never; sign-ins use the saved app")
    func savedKeapApp() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let none = try await runInfuse(["accounts", "app"], home: home.url)
        #expect(none.stdout.hasPrefix("No Keap app saved"))
        let set = try await runInfuse(["accounts", "app", "set", "--client-id", "my-app-id"], home: home.url, stdin: "my-app-secret\n")
        #expect(set.status == 0, "\(set.stderr)")
        let show = try await runInfuse(["accounts", "app", "show"], home: home.url)
        #expect(show.stdout.hasPrefix("Client ID my-app-id; Client Secret stored in"))
        #expect(!show.stdout.contains("my-app-secret") && !set.stdout.contains("my-app-secret"))
        let secrets = try String(contentsOf: home.path("secrets.json"), encoding: .utf8)
        #expect(secrets.contains("my-app-secret"))
        // A real Keap sign-in now runs as that app: the authorize address carries its id.
        let paste = try await runInfuse(["accounts", "add", "Real", "--oauth", "--no-browser", "--redirect-uri", "https://localhost/callback"],
                                        home: home.url, stdin: "", timeout: .seconds(20))
        #expect(paste.stderr.contains("client_id=my-app-id"))
        #expect(!paste.stderr.contains("my-app-secret"))
        let bad = try await runInfuse(["accounts", "app", "set", "--client-id", "id with space"], home: home.url, stdin: "s\n")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("Client ID contains spaces"))
        #expect(try await runInfuse(["accounts", "app", "remove"], home: home.url).status == 0)
        let missing = try await runInfuse(["accounts", "add", "Real", "--oauth", "--no-browser", "--redirect-uri", "https://localhost/callback"],
                                          home: home.url, stdin: "")
        #expect(missing.stderr.contains("an OAuth client is needed"))
    }
}
