import ArgumentParser
import Foundation
import InfuseCore
import InfuseSandbox

/// `infuse sandbox`: a local Keap-compatible API server with deterministic data.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local Keap-compatible API server (OAuth, v1 and v2 endpoints, throttling, faults).",
        discussion: """
            The first line on stdout is `listening on http://127.0.0.1:PORT`. Sign in with client id \
            `\(SandboxCredentials.clientID)` and secret `\(SandboxCredentials.clientSecret)`, or use the \
            API key `\(SandboxCredentials.apiKey)`. Runs until SIGINT or SIGTERM.
            """
    )

    @Option(help: "Port to listen on (0 picks a free port).") var port = 8_765
    @Option(help: "Seed of the generated data.") var seed: UInt64 = 42
    @Option(help: "Number of contacts (other resources scale from it).") var records = 5_000
    @Option(name: .customLong("latency-ms"), help: "Latency added to every API response, in ms.") var latencyMs = 0
    @Option(name: .customLong("rate-limit"), help: "Requests allowed per minute before 429s.") var rateLimit = 1_500
    @Option(name: .customLong("spike-limit"), help: "Requests allowed per second before 429s.") var spikeLimit = 25
    @Option(name: .customLong("fail-rate"), help: "Fraction of API requests answered with a fault (500, dropped connection, truncated body).") var failRate = 0.0
    @Option(name: .customLong("token-ttl"), help: "Access token lifetime in seconds.") var tokenTTL = 86_400
    @Option(name: .customLong("short-page-rate"), help: "Fraction of list pages answered with half the records asked for (well-formed, count intact).") var shortPageRate = 0.0
    @Option(name: .customLong("html-error-rate"), help: "Fraction of API requests answered 502/503 with an HTML body.") var htmlErrorRate = 0.0
    @Option(name: .customLong("trickle-rate"), help: "Fraction of API requests whose body is sent at 1 byte/s.") var trickleRate = 0.0
    @Option(name: .customLong("paging-churn-rate"), help: "Fraction of list pages after the first answered as if records were created or deleted while paging.") var pagingChurnRate = 0.0
    @Option(help: "Data changes applied per minute by the sandbox itself (0: off).") var churn = 0
    @Option(help: ArgumentHelp("Keep OAuth grants and data changes in this file across restarts.", valueName: "file"))
    var state: String?
    @Option(name: .customLong("v2-quirks"),
            help: "Comma list of v2 paging oddities: token-url (next_page_token as a URL), empty-page (an empty page that still carries a token).")
    var v2Quirks = ""

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard records >= 0 && records <= 10_000_000 else { throw ValidationError("--records must be from 0 to 10,000,000") }
        guard latencyMs >= 0 else { throw ValidationError("--latency-ms must not be negative") }
        guard rateLimit > 0, spikeLimit > 0 else { throw ValidationError("--rate-limit and --spike-limit must be positive") }
        guard (0...1).contains(failRate) else { throw ValidationError("--fail-rate must be from 0 to 1") }
        guard tokenTTL > 0 else { throw ValidationError("--token-ttl must be positive") }
        for (flag, rate) in [("--short-page-rate", shortPageRate), ("--html-error-rate", htmlErrorRate), ("--trickle-rate", trickleRate), ("--paging-churn-rate", pagingChurnRate)] {
            guard (0...1).contains(rate) else { throw ValidationError("\(flag) must be from 0 to 1") }
        }
        guard htmlErrorRate + trickleRate + shortPageRate + pagingChurnRate <= 1 else {
            throw ValidationError("--short-page-rate, --html-error-rate, --trickle-rate and --paging-churn-rate must add up to at most 1")
        }
        guard (0...60_000).contains(churn) else { throw ValidationError("--churn must be from 0 to 60000") }
        guard state?.isEmpty != true else { throw ValidationError("--state needs a file path") }
        _ = try parsedQuirks()
    }

    /// `--v2-quirks token-url,empty-page`.
    func parsedQuirks() throws -> SandboxV2Quirks {
        var quirks = SandboxV2Quirks()
        for name in v2Quirks.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            switch name {
            case "token-url": quirks.nextPageTokenAsURL = true
            case "empty-page": quirks.emptyPageWithToken = true
            default: throw ValidationError("--v2-quirks: unknown quirk \(name) (token-url, empty-page)")
            }
        }
        return quirks
    }

    func run() async throws {
        try await CLI.guarded {
            var configuration = SandboxConfiguration()
            configuration.port = port
            configuration.seed = seed
            configuration.records = records
            configuration.latencyMs = latencyMs
            configuration.rateLimitPerMinute = rateLimit
            configuration.spikeLimitPerSecond = spikeLimit
            configuration.failRate = failRate
            configuration.tokenTTL = tokenTTL
            configuration.shortPageRate = shortPageRate
            configuration.htmlErrorRate = htmlErrorRate
            configuration.trickleRate = trickleRate
            configuration.pagingChurnRate = pagingChurnRate
            configuration.churnPerMinute = churn
            configuration.statePath = state.map { URL(fileURLWithPath: $0) }
            configuration.v2Quirks = try parsedQuirks()
            let server = SandboxServer(configuration: configuration)
            let signals = SignalWaiter()  // before `listening on`: a SIGTERM right after it must stop us cleanly
            let root = try await server.start()
            CLI.out("listening on \(root.absoluteString)")
            FileHandle.standardError.write(Data("""
                API base: \(root.absoluteString)/crm/rest   (v1 lists under /crm/rest/v1/…, v2 under /crm/rest/v2/…)
                OAuth: client id \(SandboxCredentials.clientID), secret \(SandboxCredentials.clientSecret); API key \(SandboxCredentials.apiKey)
                Stop with Ctrl-C.

                """.utf8))
            _ = await signals.wait()
            await server.stop()
        }
    }
}
