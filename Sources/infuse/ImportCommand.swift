import ArgumentParser
import Foundation
import InfuseApp
import InfuseCore

/// `infuse import`: saved Keap responses into a data source's tables, without the network.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Load saved Keap responses (list pages or JSON arrays of records) into a data source's tables.",
        discussion: """
            The data source is created when missing; a data source belongs to an account, so creating one \
            needs --account (an existing account; nothing is fetched with it). The endpoint defaults to the \
            list in the first file ({"contacts":[…]} → contacts).
            """)

    @Option(help: "The data source to load.") var source: String
    @Argument(help: "Saved responses, loaded in this order.") var files: [String]
    @Option(help: "Only these schema paths, comma-separated (default: every schema found).") var schemas: String?
    @Option(help: "The account of a data source created by this import.") var account: String?
    @Option(help: "The endpoint of a data source created by this import (default: from the first file).") var endpoint: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("name one or more saved responses to import") }
    }

    func run() async throws {
        try await CLI.guarded {
            let context = try InfuseContext.open()
            let chosen = schemas.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            let urls = files.map { URL(fileURLWithPath: $0) }
            if try context.workspace.dataSource(named: source) == nil {
                try create(context: context, firstFile: urls[0], schemas: chosen)
            }
            let engine = RefreshEngine(workspace: context.workspace, accounts: context.accounts)
            let outcome = try await engine.importFiles(sourceNamed: source, files: urls, schemas: chosen, progress: RefreshProgressPrinter.report)
            CLI.endProgress()
            CLI.out("imported " + RefreshLogLine.summary(source: source, outcome: outcome))
        }
    }

    private func create(context: InfuseContext, firstFile: URL, schemas: [String]?) throws {
        guard let account else {
            throw ValidationError("there is no data source \"\(source)\": pass --account NAME to create it (a data source belongs to an account)")
        }
        let endpointID: String
        if let endpoint {
            endpointID = endpoint
        } else {
            let bytes = try Data(contentsOf: firstFile)
            guard let key = try? JSONPageScan.scan([UInt8](bytes)).listKey, EndpointCatalogue.endpoint(id: key) != nil else {
                throw ValidationError("cannot tell the endpoint from \(firstFile.path): pass --endpoint (e.g. --endpoint contacts)")
            }
            endpointID = key
        }
        let definition = DataSource(
            name: source, description: "Imported from files", accountName: account, target: .endpoint(id: endpointID),
            selectedSchemas: schemas ?? [])
        try context.workspace.insertDataSource(definition)
        FileHandle.standardError.write(Data("created data source \"\(source)\" (endpoint \(endpointID), account \(account))\n".utf8))
    }
}
