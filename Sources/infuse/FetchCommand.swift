import ArgumentParser
import Foundation
import InfuseApp
import InfuseCore

/// `infuse fetch`: records of one endpoint as a JSON array on stdout, progress on stderr.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch records from an endpoint (or a URL on the account's API base) as one JSON array.")

    @Argument(help: "An endpoint id or path from `infuse endpoints` (e.g. contacts), or a full URL on the account's API base.")
    var endpoint: String
    @Option(help: "The connected account to use.") var account: String
    @Option(name: .customLong("max-rows"), help: "Stop after this many records (default: all).") var maxRows: Int?
    @Option(name: .customLong("param"), help: "A path or query parameter, key=value (repeatable).") var params: [String] = []

    func validate() throws {
        if let maxRows, maxRows < 0 || maxRows > 10_000_000 {
            throw ValidationError("--max-rows must be a whole number from 0 to 10,000,000")
        }
    }

    func run() async throws {
        try await CLI.guarded {
            let context = try InfuseContext.open()
            let account = try context.account(named: account)
            let target = try FetchTargetParser.parse(endpoint, params: params)
            let client = KeapClient(apiBase: account.apiBase, credentials: try context.accounts.credentials(for: account))
            let output = BufferedOutput()
            output.write("[")
            var first = true
            var rows = 0
            let stream = client.pages(target, maxRows: maxRows) { progress in
                let total = progress.totalRows.map { " of \($0)" } ?? ""
                let warnings = progress.warnings.isEmpty ? "" : " (warning: \(progress.warnings.joined(separator: "; ")))"
                CLI.progress("fetched \(progress.rowsFetched)\(total) records in \(progress.pagesFetched) pages\(warnings)")
            }
            for try await page in stream {
                page.body.withUnsafeBufferPointer { bytes in
                    for range in page.records {
                        if !first { output.write(",") }
                        first = false
                        output.write("\n")
                        output.write(UnsafeBufferPointer(rebasing: bytes[range]))
                        rows += 1
                    }
                }
            }
            output.write(first ? "]\n" : "\n]\n")
            output.flush()
            CLI.endProgress()
            FileHandle.standardError.write(Data("\(rows) records\n".utf8))
        }
    }
}

/// Buffered writes to stdout (records can be tens of megabytes).
final class BufferedOutput {
    private var buffer: [UInt8] = []

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count > 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(TextSafety.visibleJSON(buffer)))
        buffer.removeAll(keepingCapacity: true)
    }
}
