import Foundation
import InfuseCore

/// The opened workspace, secrets file and account manager for one command.
struct WorkspaceContext {
    let paths: WorkspacePaths
    let workspace: Workspace
    let secrets: SecretsStore
    let accounts: AccountManager

    /// Opens `$INFUSE_HOME` (else `$XDG_DATA_HOME/infuse`), creating it with mode 0700, and checks
    /// the secrets file's mode.
    static func open() throws -> WorkspaceContext {
        let paths = WorkspacePaths(environment: ProcessInfo.processInfo.environment)
        try paths.ensureExists()
        let secrets = SecretsStore(fileURL: paths.secretsURL)
        try secrets.checkPermissions()
        let workspace = try Workspace.open(paths)
        return WorkspaceContext(
            paths: paths, workspace: workspace, secrets: secrets,
            accounts: AccountManager(workspace: workspace, secrets: secrets))
    }

    /// The account called `name`, or a clear error.
    func account(named name: String) throws -> Account {
        guard let account = try workspace.account(named: name) else { throw AccountError.notFound(name) }
        return account
    }
}
