import AsyncHTTPClient
import Foundation
import InfuseCore
import InfuseSandbox
import InfuseTestSupport
import Testing

/// The OAuth sign-in against a real sandbox over loopback.
@Suite("OAuth sign-in and token refresh against the sandbox")
struct OAuthFlowTests {
    static func configuration(root: URL) -> OAuthConfiguration {
        OAuthConfiguration(
            authorizeURL: root.appendingPathComponent("app/oauth/authorize"), tokenURL: root.appendingPathComponent("token"),
            clientID: SandboxCredentials.clientID, clientSecret: SandboxCredentials.clientSecret,
            redirectURI: URL(string: "http://127.0.0.1:0/callback")!)
    }

    @Test("Allow on the consent page reaches the loopback listener and yields working tokens")
    func allow() async throws {
        try await withSandbox { _, root, _ in
            let session = try await OAuthSignInSession.start(configuration: Self.configuration(root: root), listen: true)
            #expect(session.listeningPort != nil && session.listeningPort != 0)
            try await session.answerSandboxConsent(allow: true)
            let result = try await session.waitForRedirect(timeout: .seconds(10))
            guard case .code = result else { Issue.record("expected a code, got \(result)"); return }
            let tokens = try await session.complete(with: result)
            #expect(!tokens.accessToken.isEmpty && !tokens.refreshToken.isEmpty)
            #expect(tokens.expiresIn == 86_400)
            // The same session cannot be completed twice.
            await #expect(throws: OAuthError.self) { try await session.complete(with: result) }
        }
    }

    @Test("Deny gives 'permission was denied: the account is not accessible'")
    func deny() async throws {
        try await withSandbox { _, root, _ in
            let session = try await OAuthSignInSession.start(configuration: Self.configuration(root: root), listen: true)
            try await session.answerSandboxConsent(allow: false)
            let result = try await session.waitForRedirect(timeout: .seconds(10))
            let error = await #expect(throws: OAuthError.permissionDenied) { try await session.complete(with: result) }
            #expect(error?.userMessage.hasPrefix("permission was denied: the account is not accessible") == true)
        }
    }

    @Test("a redirect with the wrong state is ignored; the right one still completes")
    func wrongStateIgnored() async throws {
        try await withSandbox { _, root, _ in
            let session = try await OAuthSignInSession.start(configuration: Self.configuration(root: root), listen: true)
            let port = try #require(session.listeningPort)
            let wrong = try await InfuseHTTPClient.shared.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(port)/callback?code=stolen&state=not-the-state"), timeout: .seconds(5))
            #expect(wrong.status.code == 400)
            try await session.answerSandboxConsent(allow: true)
            let result = try await session.waitForRedirect(timeout: .seconds(10))
            guard case .code(let code) = result else { Issue.record("expected a code"); return }
            #expect(code != "stolen")
        }
    }

    @Test("the listener binds 127.0.0.1 only and closes after the callback")
    func listenerCloses() async throws {
        try await withSandbox { _, root, _ in
            let session = try await OAuthSignInSession.start(configuration: Self.configuration(root: root), listen: true)
            let port = try #require(session.listeningPort)
            try await session.answerSandboxConsent(allow: true)
            _ = try await session.waitForRedirect(timeout: .seconds(10))
            // The listener shuts down gracefully in the background; once it has, connections are refused.
            await session.waitUntilListenerStopped()
            #expect(await ReliabilitySecurityTests.listenerGone(port: port), "the listener still answers after stopping")
        }
    }

    @Test("an authorization code works once")
    func codeReuse() async throws {
        try await withSandbox { _, root, _ in
            let session = try await OAuthSignInSession.start(configuration: Self.configuration(root: root), listen: false)
            let result = try #require(try await session.answerSandboxConsent(allow: true))
            guard case .code(let code) = result else { Issue.record("expected a code"); return }
            let client = OAuthTokenClient(configuration: session.configuration)
            _ = try await client.exchange(code: code)
            await #expect(throws: OAuthError.self) { try await client.exchange(code: code) }
        }
    }

    @Test("refresh tokens rotate, and an old one is refused with invalid_grant")
    func refreshRotation() async throws {
        try await withSandbox { _, root, _ in
            let session = try await OAuthSignInSession.start(configuration: Self.configuration(root: root), listen: false)
            let result = try #require(try await session.answerSandboxConsent(allow: true))
            let first = try await session.complete(with: result)
            let client = OAuthTokenClient(configuration: session.configuration)
            let second = try await client.refresh(refreshToken: first.refreshToken)
            #expect(second.refreshToken != first.refreshToken)
            #expect(second.accessToken != first.accessToken)
            await #expect(throws: OAuthError.tokenRejected(error: "invalid_grant", description: "Invalid refresh token")) {
                try await client.refresh(refreshToken: first.refreshToken)
            }
            _ = try await client.refresh(refreshToken: second.refreshToken)
        }
    }
}
