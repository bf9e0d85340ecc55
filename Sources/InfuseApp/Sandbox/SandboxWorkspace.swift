import Foundation
import InfuseCore

/// What `infuse --sandbox` keeps from one run to the next in its workspace: the sandbox's last
/// address (`sandbox.url`), so the accounts and custom URLs of an earlier run can follow the
/// sandbox to a new port.
public enum SandboxWorkspace {
    /// The port `infuse --sandbox` tries first, so the sandbox's address is usually the same as last time.
    public static let preferredPort = 8765

    /// The workspace `infuse --sandbox` uses when `INFUSE_HOME` is not set: a folder of its own
    /// beside the real workspace (`$XDG_DATA_HOME/infuse-sandbox`, else
    /// `~/.local/share/infuse-sandbox`), kept between runs.
    public static func defaultPaths(environment: [String: String] = ProcessInfo.processInfo.environment) -> WorkspacePaths {
        let real = WorkspacePaths(environment: environment.filter { $0.key != "INFUSE_HOME" }).directory
        return WorkspacePaths(directory: real.deletingLastPathComponent().appendingPathComponent("infuse-sandbox", isDirectory: true))
    }

    /// The file that records the sandbox's address.
    public static func addressFile(_ paths: WorkspacePaths) -> URL {
        paths.directory.appendingPathComponent("sandbox.url")
    }

    /// The file where the sandbox keeps its tokens between runs.
    public static func stateFile(_ paths: WorkspacePaths) -> URL {
        paths.directory.appendingPathComponent("sandbox-state.json")
    }

    /// The sandbox's root address recorded by the last run, if any.
    public static func lastRoot(_ paths: WorkspacePaths) -> URL? {
        guard let text = try? String(contentsOf: addressFile(paths), encoding: .utf8) else { return nil }
        return URL(string: text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Records `root` as the sandbox's address and moves the accounts of the last run's address to
    /// it: their API base, the token and authorize addresses kept with their tokens, and the custom
    /// URLs of their data sources. Returns how many accounts moved.
    @discardableResult
    public static func adopt(root: URL, context: InfuseContext) async throws -> Int {
        let paths = context.paths
        var moved = 0
        if let old = lastRoot(paths), old != root {
            let oldBase = old.appendingPathComponent("crm/rest").absoluteString
            let newBase = root.appendingPathComponent("crm/rest").absoluteString
            let oldRoot = old.absoluteString, newRoot = root.absoluteString
            @Sendable func rebased(_ text: String?) -> String? {
                guard let text, text.hasPrefix(oldRoot) else { return text }
                return newRoot + text.dropFirst(oldRoot.count)
            }
            for var account in try context.workspace.allAccounts() where account.apiBase.absoluteString == oldBase {
                account.apiBase = URL(string: newBase)!
                try await context.secrets.update(account: account.name) { entry in
                    guard var secrets = entry else { return }
                    secrets.tokenURL = rebased(secrets.tokenURL)
                    secrets.authorizeURL = rebased(secrets.authorizeURL)
                    entry = secrets
                }
                try context.workspace.updateAccount(account)
                moved += 1
            }
            for var source in try context.workspace.allDataSources() {
                guard let url = source.target.customURL, url.hasPrefix(oldBase) else { continue }
                source.target = .customURL(newBase + url.dropFirst(oldBase.count))
                try context.workspace.updateDataSource(source)
            }
        }
        try Data((root.absoluteString + "\n").utf8).write(to: addressFile(paths), options: .atomic)
        return moved
    }
}
