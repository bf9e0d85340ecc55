import ArgumentParser
import Foundation
import InfuseApp
import InfuseCore

/// `infuse accounts …`: connected accounts.
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Connected accounts: add (OAuth or API key), list, rename, remove, re-authorize.",
        subcommands: [Add.self, List.self, Test.self, Rename.self, Remove.self, Reauth.self, App.self]
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
        @Option(name: .customLong("client-id"), help: "OAuth client id (default: $INFUSE_CLIENT_ID, else the Keap app saved with `infuse accounts app set`; the sandbox's on a loopback base).") var clientID: String?
        @Option(name: .customLong("client-secret"), help: "OAuth client secret: - reads it from standard input (default: $INFUSE_CLIENT_SECRET, else the saved Keap app; asked on a terminal with --client-id).") var clientSecret: String?
        @Option(name: .customLong("redirect-port"), help: "Port of the loopback redirect listener (must match the registered redirect URI; 0 picks one).")
        var redirectPort: Int?
        @Option(name: .customLong("redirect-uri"), help: "The redirect URI registered with your Keap client (for the paste flow).")
        var redirectURI: String?
        @Option(name: .customLong("api-key"), help: "A Personal Access Token or Service Account Key, sent as X-Keap-API-Key: - reads it from standard input (asked with echo off on a terminal); without --oauth, $INFUSE_API_KEY is used when set.")
        var apiKey: String?

        /// True when the key comes from `INFUSE_API_KEY`.
        var keyFromEnvironment: Bool {
            !oauth && apiKey == nil && !(ProcessInfo.processInfo.environment["INFUSE_API_KEY"] ?? "").isEmpty
        }

        func validate() throws {
            guard oauth != (apiKey != nil || keyFromEnvironment) else {
                throw ValidationError("choose one of --oauth or --api-key KEY|- (or set INFUSE_API_KEY)")
            }
            if let redirectPort, !(0...65_535).contains(redirectPort) { throw ValidationError("--redirect-port must be from 0 to 65535") }
        }

        func run() async throws {
            try await CLI.guarded {
                let context = try InfuseContext.open()
                let base = try AccountManager.validateAPIBase(apiBase)
                if !oauth, let key = try SecretInput.resolve(apiKey, option: "--api-key", variable: "INFUSE_API_KEY", label: "API key") {
                    let account = try await context.accounts.addAPIKeyAccount(name: name, apiBase: base, key: key)
                    CLI.out("added \(account.name) (API key) for \(account.apiBase.absoluteString)")
                    return
                }
                let checkedName = try context.accounts.validateName(name)
                let secret = try SecretInput.resolve(clientSecret, option: "--client-secret", variable: nil, label: "Client Secret",
                                                     promptWhenMissing: clientID != nil)
                let account = try await OAuthSignInFlow(
                    context: context, apiBase: base, noBrowser: noBrowser, clientID: clientID, clientSecret: secret,
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
                let context = try InfuseContext.open()
                let accounts = try context.accounts.accounts()
                if json {
                    CLI.out(try JSONOutput.text(accounts.map(AccountReport.init)))
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
                let context = try InfuseContext.open()
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
                let context = try InfuseContext.open()
                try await context.accounts.remove(name)
                CLI.out("removed \(name) and its stored credentials")
            }
        }
    }

    struct Reauth: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sign in again to an OAuth account (after a revoked or expired refresh token).")
        @Argument var name: String
        @Flag(name: .customLong("no-browser"), help: "Paste the redirect instead of listening for it.") var noBrowser = false
        @Option(name: .customLong("client-id"), help: "OAuth client id (default: the account's own, then $INFUSE_CLIENT_ID, then the saved Keap app).") var clientID: String?
        @Option(name: .customLong("client-secret"), help: "OAuth client secret: - reads it from standard input.") var clientSecret: String?
        @Option(name: .customLong("redirect-port")) var redirectPort: Int?
        @Option(name: .customLong("redirect-uri")) var redirectURI: String?

        func run() async throws {
            try await CLI.guarded {
                let context = try InfuseContext.open()
                let account = try context.account(named: name)
                guard account.authKind == .oauth else {
                    throw ValidationError("\(name) uses an API key: remove it and add it again with a new key")
                }
                let stored = try context.secrets.secrets(for: name)
                let secret = try SecretInput.resolve(clientSecret, option: "--client-secret", variable: nil, label: "Client Secret",
                                                     promptWhenMissing: clientID != nil)
                _ = try await OAuthSignInFlow(
                    context: context, apiBase: account.apiBase, noBrowser: noBrowser,
                    clientID: clientID ?? stored?.clientID, clientSecret: secret ?? stored?.clientSecret,
                    redirectPort: redirectPort, redirectURI: redirectURI ?? stored?.redirectURI
                ).run(name: name, reauthorizing: true)
                CLI.out("successfully re-authorized \(name)")
            }
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check an account with one request (the account profile): ok, needs re-authorization or unreachable, with the quota Keap reports.",
            discussion: "Exits 0 when the account works, 1 otherwise.")
        @Argument var name: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await CLI.guarded {
                let context = try InfuseContext.open()
                let health = try await AccountService(accounts: context.accounts).test(name)
                CLI.out(json ? try JSONOutput.text(AccountHealthReport(health)) : health.summary)
                if health.status != .ok { throw ExitCode(1) }
            }
        }
    }

    struct App: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The Keap developer app (Client ID and Client Secret) OAuth sign-ins use.",
            discussion: "Create one in Keap's developer portal: Apps → New App → enable the API; its key is the Client ID and its secret the Client Secret. --client-id and --client-secret or INFUSE_CLIENT_ID and INFUSE_CLIENT_SECRET still win when given.",
            subcommands: [Show.self, Save.self, Remove.self], defaultSubcommand: Show.self)

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show the saved app's Client ID (never the secret).")
            func run() async throws {
                try await CLI.guarded {
                    let context = try InfuseContext.open()
                    if let app = try AccountService(accounts: context.accounts).savedApp() {
                        CLI.out("Client ID \(app.clientID); Client Secret stored in \(context.paths.secretsURL.path)")
                    } else {
                        CLI.out("No Keap app saved: `infuse accounts app set --client-id ID --client-secret -`")
                    }
                }
            }
        }

        struct Save: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "set", abstract: "Save the app (the secret only in secrets.json).")
            @Option(name: .customLong("client-id"), help: "The app's Client ID (asked on a terminal when missing).") var clientID: String?
            @Option(name: .customLong("client-secret"), help: "The app's Client Secret: - (the default) reads it from standard input, with echo off on a terminal.")
            var clientSecret: String = "-"

            func run() async throws {
                try await CLI.guarded {
                    let context = try InfuseContext.open()
                    guard let id = clientID ?? StandardInput.prompt("Client ID: ") else {
                        throw ValidationError("give --client-id ID")
                    }
                    let secret = try SecretInput.resolve(clientSecret, option: "--client-secret", variable: nil, label: "Client Secret") ?? ""
                    try await AccountService(accounts: context.accounts).saveApp(clientID: id, clientSecret: secret)
                    CLI.out("saved the Keap app (Client ID \(id.trimmingCharacters(in: .whitespacesAndNewlines))): OAuth sign-ins use it from now on")
                }
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Forget the saved app (signed-in accounts keep working).")
            func run() async throws {
                try await CLI.guarded {
                    let context = try InfuseContext.open()
                    try await AccountService(accounts: context.accounts).removeApp()
                    CLI.out("removed the saved Keap app")
                }
            }
        }
    }
}
