import AsyncHTTPClient
import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

/// The built `infuse` binary on Keap REST v2 lists of `infuse sandbox`, both as real processes;
/// expected records come from the sandbox's test-only `/_sandbox/export`.
@Suite("CLI: REST v2 fetch, endpoints and sources", .serialized, .enabled(if: InfuseBinary.exists, "run `swift build` first"))
struct CLIV2EndToEndTests {
    /// A home with a sandbox (started with `extra`) and an API key account `Ops` on it.
    static func withAccount(_ extra: [String], _ body: (TemporaryDirectory, SandboxProcess) async throws -> Void) async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(extra, home: home.url)
        defer { sandbox.stop() }
        let add = try await runInfuse(
            ["accounts", "add", "Ops", "--api-base", sandbox.apiBase.absoluteString, "--api-key", "KeapAK-sandbox-0000-demo-key"],
            home: home.url)
        try #require(add.status == 0, "\(add.stderr)")
        try await body(home, sandbox)
    }

    /// The sandbox's contacts from its export, in id order.
    static func exported(_ sandbox: SandboxProcess) async throws -> [[String: Any]] {
        try await exported(root: sandbox.root.absoluteString)
    }

    /// The contacts of the sandbox at `root` from its export, in id order.
    static func exported(root: String) async throws -> [[String: Any]] {
        var request = HTTPClientRequest(url: root + "/_sandbox/export?resource=contacts")
        request.method = .GET
        request.headers.add(name: "Connection", value: "close")
        let response = try await InfuseHTTPClient.shared.execute(request, timeout: .seconds(60))
        try #require(response.status == .ok)
        let body = try await response.body.collect(upTo: 256 * 1_048_576)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
        return try #require(object["contacts"] as? [[String: Any]]).sorted { id($0) < id($1) }
    }

    static func id(_ record: [String: Any]) -> Int {
        (record["id"] as? NSNumber)?.intValue ?? (record["id"] as? String).flatMap { Int($0) } ?? -1
    }

    static func records(_ output: ProcessOutput) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
    }

    /// Fetched v2 contacts against exported ones: same ids in order, none twice, same names.
    static func expectSame(_ fetched: [[String: Any]], _ exported: [[String: Any]], sourceLocation: SourceLocation = #_sourceLocation) {
        let ids = fetched.map(id)
        #expect(Set(ids).count == ids.count, "duplicate ids", sourceLocation: sourceLocation)
        #expect(ids == exported.map(id), sourceLocation: sourceLocation)
        for (new, old) in zip(fetched, exported) {
            #expect(new["given_name"] as? String == old["given_name"] as? String, sourceLocation: sourceLocation)
            #expect(new["family_name"] as? String == old["family_name"] as? String, sourceLocation: sourceLocation)
        }
    }

    @Test("`infuse fetch v2.contacts` with Max Rows 1, 999, 1000, 1001 and more than exists")
    func fetchMaxRows() async throws {
        try await Self.withAccount(["--records", "2300"]) { home, sandbox in
            let exported = try await Self.exported(sandbox)
            #expect(exported.count == 2300)
            for maxRows in [1, 999, 1000, 1001, 5000] {
                let fetch = try await runInfuse(["fetch", "v2.contacts", "--account", "Ops", "--max-rows", "\(maxRows)"], home: home.url)
                #expect(fetch.status == 0, "\(fetch.stderr)")
                let records = try Self.records(fetch)
                let count = min(maxRows, exported.count)
                #expect(records.count == count, "max rows \(maxRows)")
                Self.expectSame(records, Array(exported.prefix(count)))
                #expect(fetch.stderr.contains("\(count) records"))
            }
            // The same list by its path, and by a custom URL under /v2/.
            let byPath = try await runInfuse(["fetch", "v2/contacts", "--account", "Ops", "--max-rows", "3"], home: home.url)
            #expect(try Self.records(byPath).map(Self.id) == exported.prefix(3).map(Self.id))
            let url = sandbox.apiBase.absoluteString + "/v2/contacts?page_size=2"
            let byURL = try await runInfuse(["fetch", url, "--account", "Ops", "--max-rows", "5"], home: home.url)
            #expect(byURL.status == 0, "\(byURL.stderr)")
            #expect(try Self.records(byURL).map(Self.id) == exported.prefix(5).map(Self.id))
        }
    }

    @Test("the oddities: a token as a URL and empty pages with a token give the same contacts")
    func oddities() async throws {
        try await Self.withAccount(["--records", "1500", "--v2-quirks", "token-url,empty-page"]) { home, sandbox in
            let exported = try await Self.exported(sandbox)
            let fetch = try await runInfuse(["fetch", "v2.contacts", "--account", "Ops"], home: home.url)
            #expect(fetch.status == 0, "\(fetch.stderr)")
            Self.expectSame(try Self.records(fetch), exported)
        }
    }

    @Test("a token URL on another host than the account's is refused in one line, nothing on stdout")
    func foreignToken() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(["--records", "1500", "--v2-quirks", "token-url"], home: home.url)
        defer { sandbox.stop() }
        // The sandbox writes token URLs on 127.0.0.1; the account names the same server as localhost.
        let base = sandbox.apiBase.absoluteString.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        let add = try await runInfuse(["accounts", "add", "Ops", "--api-base", base, "--api-key", "KeapAK-sandbox-0000-demo-key"], home: home.url)
        try #require(add.status == 0, "\(add.stderr)")
        let fetch = try await runInfuse(["fetch", "v2.contacts", "--account", "Ops"], home: home.url)
        #expect(fetch.status != 0)
        let last = fetch.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("infuse: refused Keap's next_page_token"), "\(fetch.stderr)")
        #expect(last.contains("not followed"))
        #expect(!fetch.stderr.contains("KeapAK-sandbox"))
    }

    @Test("`infuse endpoints` shows versions and the default per resource; --json has version and default")
    func endpoints() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let table = try await runInfuse(["endpoints"], home: home.url)
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("VERSION") == true && lines.first?.contains("DEFAULT") == true)
        #expect(lines.contains { $0.hasPrefix("v2.contacts ") && $0.contains(" v2 ") && $0.contains("default") })
        #expect(lines.contains { $0.hasPrefix("contacts ") && $0.contains(" v1 ") && $0.contains("→ v2.contacts") })
        #expect(lines.contains { $0.hasPrefix("transactions ") && $0.contains("deprecated") })
        let json = try await runInfuse(["endpoints", "--json"], home: home.url)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == EndpointCatalogue.all.count)
        let v2 = try #require(list.first { $0["id"] as? String == "v2.users" })
        #expect(v2["version"] as? Int == 2 && v2["default"] as? Bool == true && v2["maxPageSize"] as? Int == 100)
        let v1 = try #require(list.first { $0["id"] as? String == "contacts" })
        #expect(v1["version"] as? Int == 1 && v1["default"] as? Bool == false && v1["paged"] as? Bool == true)
    }

    @Test("`infuse sources create` on v2.contacts, then `infuse refresh`, loads the sandbox's contacts")
    func sourceRefresh() async throws {
        try await Self.withAccount(["--records", "1200"]) { home, sandbox in
            let exported = try await Self.exported(sandbox)
            let create = try await runInfuse(
                ["sources", "create", "V2 contacts", "--account", "Ops", "--endpoint", "v2.contacts", "--max-rows", "1001",
                 "--schemas", "contacts"], home: home.url)
            #expect(create.status == 0, "\(create.stderr)")
            let refresh = try await runInfuse(["refresh", "V2 contacts"], home: home.url)
            #expect(refresh.status == 0, "\(refresh.stderr)")
            let export = try await runInfuse(["export", "V2 contacts", "--table", "contacts", "--format", "json"], home: home.url)
            #expect(export.status == 0, "\(export.stderr)")
            let rows = try Self.records(export)
            #expect(rows.count == 1001)
            Self.expectSame(rows.sorted { Self.id($0) < Self.id($1) }, Array(exported.prefix(1001)))
        }
    }
}
