import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import InfuseApp
import InfuseCore
import InfuseSandbox
import InfuseTUI
import InfuseTerminal

/// Opens the terminal designer: `infuse` on the workspace, `infuse --sandbox` with the sandbox
/// running in this process (on `$INFUSE_HOME`, else the sandbox's own workspace, kept between
/// runs). Wiring only: the loop, screens and state machine live in InfuseTUI.
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
            if sandbox, (environment["INFUSE_HOME"] ?? "").isEmpty {
                paths = SandboxWorkspace.defaultPaths(environment: environment)
            }
            let context = try InfuseContext.open(paths: paths)
            if sandbox {
                let (s, root) = try await startSandbox(paths: paths)
                server = s
                sandboxBase = root.appendingPathComponent("crm/rest")
                try await SandboxWorkspace.adopt(root: root, context: context)
            }
            let services = CoreDesignerServices(workspace: context.workspace, accounts: context.accounts) { BrowserOpener.open($0) }
            let home = environment["HOME"] ?? ""
            var label = paths.directory.path
            if !home.isEmpty, label.hasPrefix(home) { label = "~" + label.dropFirst(home.count) }
            let state = AppState(context: DesignerContext(
                workspaceLabel: label, sandboxAPIBase: sandboxBase,
                keapAPIBase: TestHooks.keapAPIBaseOverride ?? OAuthConfiguration.keapAPIBase))
            let loop = AppLoop(state: state, terminal: terminal, runtime: AppRuntime(services: services), theme: terminal.theme)
            await loop.run()
        } catch {
            terminal.shutdown()
            await server?.stop()
            throw error
        }
        await server?.stop()
    }

    /// Starts the in-process sandbox on the port of the last run (or ``SandboxWorkspace/preferredPort``),
    /// or on any free port when that one is taken.
    static func startSandbox(paths: WorkspacePaths) async throws -> (SandboxServer, URL) {
        var configuration = SandboxConfiguration()
        configuration.port = SandboxWorkspace.lastRoot(paths)?.port ?? SandboxWorkspace.preferredPort
        // Tokens issued and data changed in an earlier run stay valid across restarts.
        configuration.statePath = SandboxWorkspace.stateFile(paths)
        let preferred = SandboxServer(configuration: configuration)
        if let root = try? await preferred.start() { return (preferred, root) }
        configuration.port = 0
        let any = SandboxServer(configuration: configuration)
        return (any, try await any.start())
    }
}
