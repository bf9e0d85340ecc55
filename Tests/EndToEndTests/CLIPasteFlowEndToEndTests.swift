import AsyncHTTPClient
import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

/// The OAuth paste flow: the browser is on another machine, the user pastes where it landed.
@Suite("CLI: OAuth paste flow", .serialized, .enabled(if: InfuseBinary.exists, "run `swift build` first"))
struct CLIPasteFlowEndToEndTests {
    /// Plays the browser: answers the sandbox consent and returns where it would land.
    static func consent(_ authorizeURL: String, decision: String) async throws -> String {
        let response = try await InfuseHTTPClient.shared.execute(
            HTTPClientRequest(url: authorizeURL + "&auto=" + decision), timeout: .seconds(10))
        return try #require(response.headers.first(name: "Location"))
    }

    static func authorizeURL(in stderr: String) throws -> String {
        let line = try #require(stderr.split(separator: "\n").first { $0.contains("/app/oauth/authorize?") })
        return line.trimmingCharacters(in: .whitespaces)
    }

    @Test("pasting the landed address signs in; a pasted address with another state is refused")
    func pasteFlow() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try await SandboxProcess.start(home: home.url)
        defer { sandbox.stop() }
        let args = ["accounts", "add", "Remote", "--api-base", sandbox.apiBase.absoluteString, "--oauth", "--no-browser"]

        let refused = try InteractiveInfuse(args, home: home.url)
        let firstURL = try Self.authorizeURL(in: try await refused.waitForStderr(containing: "Paste the address"))
        let landed = try await Self.consent(firstURL, decision: "allow")
        refused.send(line: landed.replacingOccurrences(of: "state=", with: "state=x"))
        let refusedResult = try await refused.finish()
        #expect(refusedResult.status != 0)
        #expect(refusedResult.stderr.contains("state does not match"))

        let session = try InteractiveInfuse(args, home: home.url)
        let url = try Self.authorizeURL(in: try await session.waitForStderr(containing: "Paste the address"))
        session.send(line: try await Self.consent(url, decision: "allow"))
        let result = try await session.finish()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("successfully authorized Remote"))
        let fetch = try await runInfuse(["fetch", "contacts", "--account", "Remote", "--max-rows", "1"], home: home.url)
        #expect(fetch.status == 0, "\(fetch.stderr)")
    }
}
