import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

/// Wrong values in every CLI field, credentials aimed at other hosts, and the leak check over
/// everything the reliability scenarios printed and stored.
@Suite("Reliability: bad input, foreign hosts and leaks", .serialized, .enabled(if: InfuseBinary.exists, "run `swift build` first"))
struct ReliabilityInputTests {
    @Test("every `sources create` and `accounts add` field with wrong values names the field and saves nothing")
    func wrongFieldValues() async throws {
        ReliabilityReport.begin("bad-cli-fields", description: "wrong values in sources create / accounts add fields")
        let harness = try await ReliabilityHarness(sandbox: ["--records", "50"])
        defer { harness.finish() }
        try await harness.addAPIKeyAccount()
        let base = ["--account", "Ops", "--endpoint", "contacts"]
        let long = String(repeating: "n", count: 300)
        // (arguments, a word the message must contain, naming the field)
        let sourceCases: [([String], String)] = [
            (["sources", "create", ""] + base, "name"),
            (["sources", "create", "   "] + base, "name"),
            (["sources", "create", long] + base, "name"),
            (["sources", "create", "Bad\u{1}Name"] + base, "name"),
            (["sources", "create", "Tab\tName"] + base, "name"),
            (["sources", "create", "Evil\u{202E}txt.exe"] + base, "name"),
            (["sources", "create", "Zero\u{200B}Width"] + base, "name"),
            (["sources", "create", "Joiner\u{2060}Name"] + base, "name"),
            (["sources", "create", "Neg"] + base + ["--max-rows", "-5"], "max-rows"),
            (["sources", "create", "Neg2"] + base + ["--max-rows=-5"], "max rows"),
            (["sources", "create", "Zero"] + base + ["--max-rows", "0"], "max rows"),
            (["sources", "create", "Huge"] + base + ["--max-rows", "99999999999999999999"], "max rows"),
            (["sources", "create", "Word"] + base + ["--max-rows", "lots"], "max rows"),
            (["sources", "create", "Frac"] + base + ["--max-rows", "1.5"], "max rows"),
            (["sources", "create", "Unknown", "--account", "Ops", "--endpoint", "nosuchthing"], "endpoint"),
            (["sources", "create", "Params", "--account", "Ops", "--endpoint", "contacts/{contactId}"], "endpoint"),
            (["sources", "create", "Malformed", "--account", "Ops", "--url", "http://[::1"], "url"),
            (["sources", "create", "Relative", "--account", "Ops", "--url", "v1/contacts"], "url"),
            (["sources", "create", "Foreign", "--account", "Ops", "--url", "http://example.com/crm/rest/v1/contacts"], "url"),
            (["sources", "create", "Interval"] + base + ["--refresh", "fortnightly"], "refresh"),
            (["sources", "create", "NoAccount", "--account", "Nobody", "--endpoint", "contacts"], "account"),
            (["sources", "create", "Desc"] + base + ["--description", String(repeating: "d", count: 5000)], "description"),
        ]
        var problems: [String] = []
        for (arguments, field) in sourceCases {
            let output = try await harness.run(arguments)
            let message = output.stderr.lowercased()
            if output.status == 0 { problems.append("accepted: \(arguments.debugDescription)") }
            if !message.contains(field) { problems.append("\(arguments.debugDescription): message does not name \(field): \(output.stderr)") }
            if output.stderr.contains("\u{202E}") || output.stderr.contains("\u{1}") { problems.append("\(arguments.debugDescription): control text echoed raw") }
        }
        let sources = try await harness.run(["sources", "list", "--json"])
        let savedSources = try JSONSerialization.jsonObject(with: Data(sources.stdout.utf8)) as? [Any]
        #expect(savedSources?.isEmpty == true, "\(sources.stdout)")

        let api = harness.sandbox.apiBase.absoluteString
        let accountCases: [([String], String)] = [
            (["accounts", "add", "", "--api-base", api, "--api-key", "KeapAK-sandbox-0000-demo-key"], "name"),
            (["accounts", "add", long, "--api-base", api, "--api-key", "KeapAK-sandbox-0000-demo-key"], "name"),
            (["accounts", "add", "Rtl\u{202E}x", "--api-base", api, "--api-key", "KeapAK-sandbox-0000-demo-key"], "name"),
            (["accounts", "add", "Zw\u{200B}x", "--api-base", api, "--api-key", "KeapAK-sandbox-0000-demo-key"], "name"),
            (["accounts", "add", "Ops", "--api-base", api, "--api-key", "KeapAK-sandbox-0000-demo-key"], "ops"),
            (["accounts", "add", "Url1", "--api-base", "not a url", "--api-key", "KeapAK-sandbox-0000-demo-key"], "api base"),
            (["accounts", "add", "Url2", "--api-base", "ftp://127.0.0.1/crm/rest", "--api-key", "KeapAK-sandbox-0000-demo-key"], "api base"),
            (["accounts", "add", "Url3", "--api-base", "http://user:pw@127.0.0.1/crm/rest", "--api-key", "KeapAK-sandbox-0000-demo-key"], "api base"),
            (["accounts", "add", "Url4", "--api-base", api + "/../..", "--api-key", "KeapAK-sandbox-0000-demo-key"], "api base"),
        ]
        for (arguments, field) in accountCases {
            let output = try await harness.run(arguments)
            if output.status == 0 { problems.append("accepted: \(arguments.debugDescription)") }
            if !output.stderr.lowercased().contains(field) { problems.append("\(arguments.debugDescription): message does not name \(field): \(output.stderr)") }
        }
        let accounts = try await harness.run(["accounts", "list", "--json"])
        let names = ((try JSONSerialization.jsonObject(with: Data(accounts.stdout.utf8)) as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
        #expect(names == ["Ops"])
        #expect(problems.isEmpty, "\(problems)")
        ReliabilityReport.write(ReliabilityResult(
            scenario: "bad-cli-fields", description: "wrong values in sources create / accounts add fields",
            passed: problems.isEmpty && names == ["Ops"],
            runs: sourceCases.count + accountCases.count, faultsInjected: sourceCases.count + accountCases.count,
            rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil, notes: problems.isEmpty ? "every message named the field; nothing saved" : problems.joined(separator: "; ")))
    }

    @Test("the API key is never sent to another host: foreign hosts, user@host, IP spellings, http, .. in paths")
    func foreignHosts() async throws {
        ReliabilityReport.begin("foreign-hosts-cli", description: "infuse fetch/sources create with URLs off the API base")
        let harness = try await ReliabilityHarness(sandbox: ["--records", "20"])
        defer { harness.finish() }
        let other = try await SandboxProcess.start(["--records", "5"], home: harness.home.url)
        defer { other.stop() }
        try await harness.addAPIKeyAccount()
        let port = other.root.port ?? 0
        let own = harness.sandbox.root.port ?? 0
        let urls = [
            "http://127.0.0.1:\(port)/crm/rest/v1/contacts",
            "http://127.0.0.1:\(own)@127.0.0.1:\(port)/crm/rest/v1/contacts",
            "http://ops:x@127.0.0.1:\(port)/crm/rest/v1/contacts",
            "http://localhost:\(port)/crm/rest/v1/contacts",
            "http://2130706433:\(port)/crm/rest/v1/contacts",
            "http://127.1:\(port)/crm/rest/v1/contacts",
            "http://[::ffff:127.0.0.1]:\(port)/crm/rest/v1/contacts",
            "http://localhost:\(own)/crm/rest/v1/contacts",
            "https://127.0.0.1:\(own)/crm/rest/v1/contacts",
            "http://127.0.0.1:\(own)/crm/rest/v1/../../_sandbox/stats",
            "http://127.0.0.1:\(own)/crm/rest/%2e%2e/%2e%2e/_sandbox/stats",
            "http://127.0.0.1:\(own)/app/oauth/authorize",
        ]
        let before = try await harness.stats()["apiRequests"] ?? 0
        var problems: [String] = []
        for url in urls {
            let output = try await harness.run(["fetch", url, "--account", "Ops"])
            if output.status == 0 { problems.append("fetched \(url)") }
            if output.stderr.split(separator: "\n").count != 1 { problems.append("\(url): not one line: \(output.stderr)") }
        }
        let create = try await harness.run(["sources", "create", "Away", "--account", "Ops", "--url", urls[0]])
        if create.status == 0 { problems.append("a source with a foreign URL was saved") }
        let otherStats = try await harness.control("/_sandbox/stats", method: .GET, root: other.root)
        let otherRequests = (otherStats["requests"] as? NSNumber)?.intValue ?? -1
        #expect(otherRequests == 1, "only this stats request may reach the other host; saw \(otherRequests)")
        let after = try await harness.stats()["apiRequests"] ?? 0
        #expect(after == before, "refused URLs must not reach the account's own server either")
        #expect(problems.isEmpty, "\(problems)")
        ReliabilityReport.write(ReliabilityResult(
            scenario: "foreign-hosts-cli", description: "infuse fetch/sources create with URLs off the API base",
            passed: problems.isEmpty && otherRequests == 1 && after == before, runs: urls.count + 1,
            faultsInjected: urls.count + 1, rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil,
            notes: "requests reaching the other host: \(otherRequests - 1); refused before sending: \(urls.count + 1 - problems.count)"))
    }

    @Test("an undocumented API key is refused without being echoed; no secret in any output or database of the suite")
    func noSecretsAnywhere() async throws {
        ReliabilityReport.begin("secrets-leak-scan", description: "grep of CLI stdout/stderr and infuse.sqlite for every secret used")
        let harness = try await ReliabilityHarness(sandbox: ["--records", "20"])
        defer { harness.finish() }
        let custom = "KeapAK-custom-7f3a9c2e-not-documented"
        harness.ledger.addSecret(custom, kind: "api_key")
        let add = try await harness.run(["accounts", "add", "Custom", "--api-base", harness.sandbox.apiBase.absoluteString, "--api-key", custom])
        #expect(add.status != 0)
        try await harness.addOAuthAccount()
        try await harness.createContactsSource("Leaky", account: "Demo", maxRows: 20)
        let setup1 = try await harness.run(["refresh", "Leaky"])
        #expect(setup1.status == 0, "\(setup1.stderr)")
        for command in [["accounts", "list", "--json"], ["sources", "list", "--json"], ["sources", "show", "Leaky", "--json"],
                        ["export", "Leaky", "--format", "json"], ["endpoints", "--json"]] {
            _ = try await harness.run(command)
        }
        try await harness.control("/_sandbox/revoke")
        _ = try await harness.run(["refresh", "Leaky"])
        _ = try await harness.run(["fetch", "contacts", "--account", "Demo", "--max-rows", "1"])
        let counts = harness.ledger.counts
        let leaks = harness.ledger.leaks(files: [harness.databaseURL, harness.home.path("infuse.sqlite-wal")])
        #expect(leaks.isEmpty, "\(leaks)")
        #expect(counts.secrets >= 4)
        ReliabilityReport.write(ReliabilityResult(
            scenario: "secrets-leak-scan", description: "grep of CLI stdout/stderr and infuse.sqlite for every secret used",
            passed: leaks.isEmpty && counts.secrets >= 4,
            runs: counts.outputs, faultsInjected: counts.secrets, rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil,
            notes: "\(counts.secrets) distinct secrets × \(counts.outputs) outputs so far in this run; leaks: \(leaks.count)"))
    }
}
