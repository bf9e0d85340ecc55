import ArgumentParser
import Foundation
import InfuseCore

/// The `infuse` executable: the terminal designer when run bare, headless commands otherwise.
@main
struct InfuseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infuse",
        abstract: "Keap (Infusionsoft) CRM data into SQLite tables, through a terminal data source designer.",
        discussion: """
            Run without a subcommand to open the designer on the workspace ($INFUSE_HOME, else \
            $XDG_DATA_HOME/infuse). `infuse --sandbox` starts a local Keap-compatible server in the \
            same process so every screen can be tried without a Keap account.
            """,
        subcommands: [
            AccountsCommand.self, EndpointsCommand.self, FetchCommand.self, SandboxCommand.self,
            PreviewCommand.self, SourcesCommand.self, RefreshCommand.self, ExportCommand.self, DaemonCommand.self,
            ImportCommand.self, DestinationsCommand.self,
        ]
    )

    /// Parses and runs; usage errors become one line on stderr (help and version still print
    /// in full), like every other error of the CLI.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            let message = message(for: error)
                .split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            CLI.printError(message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message)
            Foundation.exit(code.rawValue)
        }
    }

    @Flag(help: "Start the built-in sandbox in this process and open the designer on it.")
    var sandbox = false

    mutating func run() async throws {
        try await CLI.guarded {
            try await DesignerLauncher.run(sandbox: sandbox)
        }
    }
}
