import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import InfuseCore
import InfuseSandbox
import InfuseTUI
import InfuseTerminal

/// Opens the terminal designer: `infuse` on the workspace, `infuse --sandbox` with the sandbox
/// running in this process (on `$INFUSE_HOME`, else a temporary workspace). Wiring only: the
/// loop, screens and state machine live in InfuseTUI.
enum DesignerLauncher {
    @MainActor
    static func run(sandbox: Bool) async throws {
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal.start()
        } catch {
            FileHandle.standardError.write(Data((error.message + "\n").utf8))
            throw ExitCode(2)
        }
        var server: SandboxServer?
        do {
            let environment = ProcessInfo.processInfo.environment
            var paths = WorkspacePaths(environment: environment)
            var sandboxBase: URL?
            if sandbox {
                if (environment["INFUSE_HOME"] ?? "").isEmpty {
                    paths = WorkspacePaths(directory: FileManager.default.temporaryDirectory
                        .appendingPathComponent("infuse-sandbox-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"))
                }
                let s = SandboxServer(configuration: SandboxConfiguration())
                let root = try await s.start()
                server = s
                sandboxBase = root.appendingPathComponent("crm/rest")
                try paths.ensureExists()
                try Data((root.absoluteString + "\n").utf8).write(to: paths.directory.appendingPathComponent("sandbox.url"))
            }
            try paths.ensureExists()
            let secrets = SecretsStore(fileURL: paths.secretsURL)
            try secrets.checkPermissions()
            let workspace = try Workspace.open(paths)
            let accounts = AccountManager(workspace: workspace, secrets: secrets)
            let services = CoreDesignerServices(workspace: workspace, accounts: accounts) { BrowserOpener.open($0) }
            let home = environment["HOME"] ?? ""
            var label = paths.directory.path
            if !home.isEmpty, label.hasPrefix(home) { label = "~" + label.dropFirst(home.count) }
            let state = AppState(context: DesignerContext(workspaceLabel: label, sandboxAPIBase: sandboxBase))
            let loop = AppLoop(state: state, terminal: terminal, runtime: AppRuntime(services: services), theme: terminal.theme)
            await loop.run()
        } catch {
            terminal.shutdown()
            await server?.stop()
            throw error
        }
        await server?.stop()
    }
}
