import Foundation
import InfuseSandbox
import Testing

/// Every GET path of the official v1 spec is served: 200, or a 404 that names a missing record,
/// never the unknown-path 404.
@Suite("Sandbox v1 spec coverage")
struct SpecCoverageTests {
    /// `<package root>/Specs/2025-11-05-v1.json`, the vendored official spec (`Specs/SOURCES.md`).
    static let specURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Specs/2025-11-05-v1.json")

    /// The spec's GET paths, sorted.
    static func specGETPaths() throws -> [String] {
        let data = try Data(contentsOf: specURL)
        let spec = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let paths = try #require(spec["paths"] as? [String: [String: Any]])
        return paths.filter { $0.value["get"] != nil }.map(\.key).sorted()
    }

    /// Fills `{…}` path parameters with ids that exist in a 500-record sandbox.
    static func concrete(_ template: String) -> String {
        var path = template
        for (name, value) in [("{countryCode}", "USA"), ("{key}", "hook-1")] {
            path = path.replacingOccurrences(of: name, with: value)
        }
        while let open = path.firstIndex(of: "{"), let close = path[open...].firstIndex(of: "}") {
            path.replaceSubrange(open...close, with: "1")
        }
        return path
    }

    /// Paths whose record legitimately does not exist for id 1: the sandbox has no REST hooks, and
    /// product 1's plan is checked separately with a product that has one.
    static let allowedMissing: Set<String> = ["/v1/hooks/{key}", "/v1/products/{productId}/subscriptions/{subscriptionId}"]

    @Test func specListsTheExpectedNumberOfGETPaths() throws {
        let paths = try Self.specGETPaths()
        #expect(paths.count >= 60)
        #expect(paths.contains("/v1/affiliates/commissions"))
    }

    @Test func everySpecGETPathIsServed() async throws {
        let templates = try Self.specGETPaths()
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            var missing: [String] = []
            for template in templates {
                let path = Self.concrete(template)
                let result = try await h.api(path)
                let message = (try? result.object())?["message"] as? String ?? ""
                #expect(!(result.status == 404 && message.hasPrefix("No resource found")),
                        "\(template) is not served: \(result.text)")
                #expect(result.status == 200 || result.status == 404, "\(template) answered \(result.status)")
                #expect((try? result.json()) != nil, "\(template) is not JSON")
                if result.status == 404 { missing.append(template) }
            }
            #expect(Set(missing).isSubset(of: Self.allowedMissing), "unexpected 404s: \(missing)")
        }
    }
}
