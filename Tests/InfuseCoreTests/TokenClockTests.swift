import Foundation
import InfuseCore
import InfuseSandbox
import InfuseTestSupport
import Testing

/// Token expiry judged on an injected clock: no sleeping for a token to age.
@Suite("OAuth token expiry on a test clock")
struct TokenClockTests {
    @Test("a day-long token is used as is until its last minute, then refreshed once before use, and the new pair saved")
    func refreshesNearExpiry() async throws {
        try await withSandbox { server, root, apiBase in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let paths = WorkspacePaths(directory: directory.url)
            let workspace = try Workspace.open(paths)
            let secrets = SecretsStore(fileURL: paths.secretsURL)
            let accounts = AccountManager(workspace: workspace, secrets: secrets)
            let session = try await OAuthSignInSession.start(configuration: OAuthFlowTests.configuration(root: root), listen: false)
            let result = try #require(try await session.answerSandboxConsent(allow: true))
            _ = try await accounts.finishOAuth(name: "Demo", apiBase: apiBase, session: session, result: result)
            let issued = try #require(try secrets.secrets(for: "Demo"))
            let expiresAt = try #require(issued.expiresAt)

            let clock = TestClock(Date())
            let provider = OAuthCredentialProvider(accountName: "Demo", secrets: secrets, now: { clock.now })
            let first = try await provider.authHeader()
            #expect(server.statistics().tokenRefreshes == 0)
            // 61 s before expiry: outside the 60 s margin, the same token.
            clock.advance(expiresAt.timeIntervalSince(clock.now) - 61)
            #expect(try await provider.authHeader() == first)
            #expect(server.statistics().tokenRefreshes == 0)
            // 59 s before expiry: refreshed once, before use.
            clock.advance(2)
            let renewed = try await provider.authHeader()
            #expect(renewed != first)
            #expect(server.statistics().tokenRefreshes == 1)
            let saved = try #require(try secrets.secrets(for: "Demo"))
            #expect(renewed.value == "Bearer " + (saved.accessToken ?? ""))
            #expect(saved.refreshToken != issued.refreshToken)
            #expect(abs((saved.issuedAt ?? .distantPast).timeIntervalSince(clock.now)) < 0.001)
            // The renewed token works at the sandbox.
            let client = KeapClient(apiBase: apiBase, credentials: provider)
            let (status, _) = try await client.get(apiBase.appendingPathComponent("v1/account/profile"))
            #expect(status == 200)
        }
    }
}
