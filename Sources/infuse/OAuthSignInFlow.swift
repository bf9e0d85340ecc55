import Foundation
import InfuseApp
import InfuseCore

/// The terminal side of an OAuth sign-in for `accounts add --oauth` and `accounts reauth`:
/// prints the authorize address, opens the browser, and takes the redirect from the loopback
/// listener or from a pasted line, whichever comes first.
struct OAuthSignInFlow {
    let context: InfuseContext
    let apiBase: URL
    let noBrowser: Bool
    let clientID: String?
    let clientSecret: String?
    let redirectPort: Int?
    let redirectURI: String?

    func run(name: String, reauthorizing: Bool) async throws -> Account {
        let loopbackBase = apiBase.host == "127.0.0.1" || apiBase.host == "localhost"
        let redirect: URL
        if let redirectURI, let url = URL(string: redirectURI), url.scheme != nil,
            !(url.host == "127.0.0.1" && redirectPort == nil && reauthorizing)
        {
            redirect = url
        } else if let redirectPort {
            redirect = URL(string: "http://127.0.0.1:\(redirectPort)/callback")!
        } else if loopbackBase || redirectURI != nil {
            // Port 0 lets the listener pick a free port; without a listener the browser lands on
            // a dead loopback address whose URL the user copies.
            redirect = URL(string: noBrowser ? "http://127.0.0.1/callback" : "http://127.0.0.1:0/callback")!
        } else {
            throw SignInFlowError.redirectNeeded
        }
        let configuration = try AccountManager.oauthConfiguration(
            apiBase: apiBase, clientID: clientID, clientSecret: clientSecret, redirectURI: redirect,
            stored: try context.secrets.oauthClient())
        let listen = !noBrowser && redirect.scheme == "http" && (redirect.host == "127.0.0.1" || redirect.host == "localhost")
        let session = try await OAuthSignInSession.start(configuration: configuration, listen: listen)
        defer { session.cancel() }
        let stderr = FileHandle.standardError
        stderr.write(Data("Open this address in a browser and click Allow:\n  \(session.authorizationURL.absoluteString)\n".utf8))
        if listen, !noBrowser, BrowserOpener.open(session.authorizationURL) {
            stderr.write(Data("(opened in your browser)\n".utf8))
        }
        let result: OAuthRedirectResult
        if let port = session.listeningPort {
            stderr.write(Data("Waiting for Keap to send you back on 127.0.0.1:\(port)… (or paste the address the browser landed on, then Enter)\n".utf8))
            result = try await firstOf(listener: session, pasted: { try session.parsePasted($0) })
        } else {
            stderr.write(Data("Paste the address the browser landed on (or the code), then Enter:\n".utf8))
            guard let line = await StandardInput.readLine() else { throw OAuthError.emptyPaste }
            result = try session.parsePasted(line)
        }
        return try await context.accounts.finishOAuth(
            name: name, apiBase: apiBase, session: session, result: result, reauthorizing: reauthorizing)
    }

    /// Races the loopback redirect against a pasted line on stdin (an empty stdin is ignored).
    private func firstOf(
        listener session: OAuthSignInSession, pasted parse: @escaping @Sendable (String) throws -> OAuthRedirectResult
    ) async throws -> OAuthRedirectResult {
        let race = OneShotResult<OAuthRedirectResult>()
        let listening = Task {
            do {
                race.complete(.success(try await session.waitForRedirect(timeout: .seconds(600))))
            } catch {
                race.complete(.failure(error))
            }
        }
        Thread.detachNewThread {
            guard let line = Swift.readLine(strippingNewline: true) else { return }
            race.complete(Result { try parse(line) })
        }
        defer { listening.cancel() }
        return try await race.value()
    }
}

/// Reads one line from stdin on a background thread.
enum StandardInput {
    /// On a terminal, `prompt` on stderr and the line typed; nil when not on a terminal or empty.
    static func prompt(_ prompt: String) -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        FileHandle.standardError.write(Data(prompt.utf8))
        let line = Swift.readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) ?? ""
        return line.isEmpty ? nil : line
    }

    static func readLine() async -> String? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Swift.readLine(strippingNewline: true))
            }
        }
    }
}

enum SignInFlowError: UserFacingError {
    case redirectNeeded

    var userMessage: String {
        switch self {
        case .redirectNeeded:
            "Keap only redirects to a URI registered with your client: pass --redirect-uri https://… (then paste the address the browser lands on) or --redirect-port P for a registered http://127.0.0.1:P/callback"
        }
    }
}
