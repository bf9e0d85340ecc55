import ArgumentParser
import Foundation
import InfuseCore

/// `infuse accounts …`: connected accounts.
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Connected accounts: add (OAuth or API key), list, rename, remove, re-authorize.",
        subcommands: [Add.self, List.self, Rename.self, Remove.self, Reauth.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Connect a Keap account with OAuth 2.0 in the browser, or with an API key.")

        @Argument(help: "A unique name for the account.") var name: String
        @Option(name: .customLong("api-base"), help: "API base URL, e.g. https://api.infusionsoft.com/crm/rest or the sandbox's http://127.0.0.1:8765/crm/rest.")
        var apiBase: String = OAuthConfiguration.keapAPIBase.absoluteString
        @Flag(help: "Sign in with OAuth 2.0 (authorization code flow).") var oauth = false
        @Flag(name: .customLong("no-browser"), help: "Do not open a browser or listen for the redirect: paste the address the browser lands on.")
        var noBrowser = false
        @Option(name: .customLong("client-id"), help: "OAuth client id (default: $INFUSE_CLIENT_ID; the sandbox's on a loopback base).") var clientID: String?
        @Option(name: .customLong("client-secret"), help: "OAuth client secret (default: $INFUSE_CLIENT_SECRET).") var clientSecret: String?
        @Option(name: .customLong("redirect-port"), help: "Port of the loopback redirect listener (must match the registered redirect URI; 0 picks one).")
        var redirectPort: Int?
        @Option(name: .customLong("redirect-uri"), help: "The redirect URI registered with your Keap client (for the paste flow).")
        var redirectURI: String?
        @Option(name: .customLong("api-key"), help: "A Personal Access Token or Service Account Key, sent as X-Keap-API-Key.")
        var apiKey: String?

        func validate() throws {
            guard oauth != (apiKey != nil) else { throw ValidationError("choose one of --oauth or --api-key") }
            if let redirectPort, !(0...65_535).contains(redirectPort) { throw ValidationError("--redirect-port must be from 0 to 65535") }
        }

        func run() async throws {
            try await CLI.guarded {
                let context = try WorkspaceContext.open()
                let base = try AccountManager.validateAPIBase(apiBase)
                if let apiKey {
                    let account = try await context.accounts.addAPIKeyAccount(name: name, apiBase: base, key: apiKey)
                    CLI.out("added \(account.name) (API key) for \(account.apiBase.absoluteString)")
                    return
                }
                let checkedName = try context.accounts.validateName(name)
                let account = try await OAuthSignInFlow(
                    context: context, apiBase: base, noBrowser: noBrowser, clientID: clientID, clientSecret: clientSecret,
                    redirectPort: redirectPort, redirectURI: redirectURI
                ).run(name: checkedName, reauthorizing: false)
                CLI.out("successfully authorized \(account.name) (OAuth) for \(account.apiBase.absoluteString)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List connected accounts.")
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await CLI.guarded {
                let context = try WorkspaceContext.open()
                let accounts = try context.accounts.accounts()
                if json {
                    let items: [[String: Any]] = accounts.map { account in
                        [
                            "name": account.name, "api_base": account.apiBase.absoluteString, "auth": account.authKind.rawValue,
                            "status": account.status.rawValue, "created_at": ISO8601DateFormatter().string(from: account.createdAt),
                            "last_authorized_at": account.lastAuthorizedAt.map { ISO8601DateFormatter().string(from: $0) } ?? NSNull(),
                        ]
                    }
                    let data = try JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                    CLI.out(String(decoding: data, as: UTF8.self))
                    return
                }
                if accounts.isEmpty {
                    CLI.out("No connected accounts yet: add one with `infuse accounts add NAME --oauth` (or --api-key KEY).")
                    return
                }
                let rows = accounts.map { account in
                    [account.name, account.authKind == .oauth ? "OAuth" : "API key", account.status.label,
                     account.apiBase.absoluteString]
                }
                CLI.out(TextTable.render(header: ["NAME", "KIND", "STATUS", "API BASE"], rows: rows))
            }
        }
    }

    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename an account (its data sources follow).")
        @Argument var old: String
        @Argument var new: String

        func run() async throws {
            try await CLI.guarded {
                let context = try WorkspaceContext.open()
                try await context.accounts.rename(old, to: new)
                CLI.out("renamed \(old) to \(new)")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account and its stored credentials.")
        @Argument var name: String

        func run() async throws {
            try await CLI.guarded {
                let context = try WorkspaceContext.open()
                try await context.accounts.remove(name)
                CLI.out("removed \(name) and its stored credentials")
            }
        }
    }

    struct Reauth: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sign in again to an OAuth account (after a revoked or expired refresh token).")
        @Argument var name: String
        @Flag(name: .customLong("no-browser"), help: "Paste the redirect instead of listening for it.") var noBrowser = false
        @Option(name: .customLong("client-id")) var clientID: String?
        @Option(name: .customLong("client-secret")) var clientSecret: String?
        @Option(name: .customLong("redirect-port")) var redirectPort: Int?
        @Option(name: .customLong("redirect-uri")) var redirectURI: String?

        func run() async throws {
            try await CLI.guarded {
                let context = try WorkspaceContext.open()
                let account = try context.account(named: name)
                guard account.authKind == .oauth else {
                    throw ValidationError("\(name) uses an API key: remove it and add it again with a new key")
                }
                let stored = try context.secrets.secrets(for: name)
                _ = try await OAuthSignInFlow(
                    context: context, apiBase: account.apiBase, noBrowser: noBrowser,
                    clientID: clientID ?? stored?.clientID, clientSecret: clientSecret ?? stored?.clientSecret,
                    redirectPort: redirectPort, redirectURI: redirectURI ?? stored?.redirectURI
                ).run(name: name, reauthorizing: true)
                CLI.out("successfully re-authorized \(name)")
            }
        }
    }
}
