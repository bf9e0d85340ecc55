import ArgumentParser
import Foundation
import InfuseApp
import InfuseCore

/// `infuse export`: a data source's view (or one table) as CSV or JSON.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a data source's view, or one of its tables, as CSV or JSON.")

    @Argument(help: "The data source.") var name: String
    @Option(help: "A schema path (contacts.email_addresses) or table name; default: the source's view.") var table: String?
    @Option(help: "csv or json (default csv).") var format: String = "csv"
    @Option(help: "Write to this file instead of stdout.") var output: String?
    @Flag(name: .customLong("keep-formulas"), help: "Keep CSV cells starting with = + - @ as they are (by default they get a leading ' so spreadsheets do not run them).")
    var keepFormulas = false

    func run() async throws {
        try await CLI.guarded {
            guard let format = ExportFormat(rawValue: format.lowercased()) else {
                throw ValidationError("--format must be csv or json")
            }
            let context = try InfuseContext.open()
            let relation = try TableExporter.relation(workspace: context.workspace, source: name, table: table)
            let handle: FileHandle
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: nil),
                      let file = FileHandle(forWritingAtPath: output)
                else { throw ExportError.cannotWrite(path: output) }
                handle = file
            } else {
                handle = FileHandle.standardOutput
            }
            // On a terminal, CRM text is shown with visible escapes; a file or pipe gets it as stored.
            let toTerminal = output == nil && isatty(STDOUT_FILENO) == 1
            let rows = try TableExporter.export(workspace: context.workspace, relation: relation, format: format, to: handle,
                                               keepFormulas: keepFormulas, visibleControls: toTerminal)
            if output != nil {
                try? handle.close()
                FileHandle.standardError.write(Data("wrote \(RefreshLogLine.grouped(rows)) rows of \(relation) to \(output!)\n".utf8))
            }
        }
    }
}
