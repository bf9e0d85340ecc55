import ArgumentParser
import Foundation
import InfuseCore

/// Hidden `prepare-workspace --workspace DIR`: saves the benchmark's offline account and
/// `bench` contacts data source in a workspace, so `infuse import --source bench FILE…` can be
/// timed on its own (an API-key account added through the CLI would need the network).
struct PrepareWorkspaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "prepare-workspace", shouldDisplay: false)

    @Option var workspace: String

    func run() throws {
        let store = try Workspace.open(WorkspacePaths(directory: URL(fileURLWithPath: workspace)))
        try ImportChildCommand.prepareSource(in: store)
    }
}
