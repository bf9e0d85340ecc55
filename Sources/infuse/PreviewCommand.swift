import ArgumentParser
import Foundation
import InfuseApp
import InfuseCore

/// `infuse preview`: the schema tree of an endpoint's first rows, or of a saved response.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show the schemas (tables) an endpoint or a saved response gives, with columns, types and first rows.")

    @Argument(help: "An endpoint id or path (e.g. contacts), or a full URL on the account's API base.")
    var endpoint: String?
    @Option(help: "The connected account to use.") var account: String?
    @Option(name: .customLong("max-rows"), help: "Records to fetch (default 1000).") var maxRows: Int?
    @Option(name: .customLong("param"), help: "A path or query parameter, key=value (repeatable).") var params: [String] = []
    @Option(help: "Infer from a saved response (a Keap list page or a JSON array of records) instead.") var file: String?
    @Flag(name: .customLong("pivot-custom-fields"), help: "Turn custom_fields into custom_<label> columns (reads /model).")
    var pivotCustomFields = false
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if file != nil && endpoint != nil { throw ValidationError("give an endpoint or --file, not both") }
        if file == nil && endpoint == nil { throw ValidationError("give an endpoint (with --account) or --file FILE.json") }
        if file == nil && account == nil { throw ValidationError("--account is required to preview an endpoint") }
        if let maxRows, maxRows < 1 || maxRows > 1_000_000 { throw ValidationError("--max-rows must be a whole number from 1 to 1,000,000") }
    }

    func run() async throws {
        try await CLI.guarded {
            let result: PreviewResult
            if let file {
                result = try Preview.file(URL(fileURLWithPath: file), options: SchemaInferenceOptions())
            } else if let endpoint, let account {
                let context = try InfuseContext.open()
                let target = try FetchTargetParser.parse(endpoint, params: params)
                result = try await Preview.run(
                    target: target, account: try context.account(named: account), accounts: context.accounts,
                    maxRows: maxRows, pivotCustomFields: pivotCustomFields
                ) { progress in
                    CLI.progress("fetched \(progress.rowsFetched)\(progress.totalRows.map { " of \($0)" } ?? "") records\(progress.retrying.map { "; \($0)" } ?? "")")
                }
                CLI.endProgress()
            } else {
                return
            }
            CLI.out(json ? try SchemaTreePrinter.json(result.tree) : SchemaTreePrinter.text(result.tree))
        }
    }
}
