import Foundation
import InfuseCore

/// The opened workspace, secrets file and account manager that every use case works on, for one
/// command or one designer session.
public struct InfuseContext: Sendable {
    /// Where the workspace lives.
    public let paths: WorkspacePaths
    /// The workspace database.
    public let workspace: Workspace
    /// The secrets file.
    public let secrets: SecretsStore
    /// The connected accounts.
    public let accounts: AccountManager

    /// Opens `$INFUSE_HOME` (else `$XDG_DATA_HOME/infuse`), creating it with mode 0700, and checks
    /// the secrets file's mode.
    public static func open(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> InfuseContext {
        try open(paths: WorkspacePaths(environment: environment))
    }

    /// Opens the workspace at `paths`, creating it with mode 0700, and checks the secrets file's mode.
    public static func open(paths: WorkspacePaths) throws -> InfuseContext {
        try paths.ensureExists()
        let secrets = SecretsStore(fileURL: paths.secretsURL)
        try secrets.checkPermissions()
        let workspace = try Workspace.open(paths)
        return InfuseContext(paths: paths, workspace: workspace, secrets: secrets,
                             accounts: AccountManager(workspace: workspace, secrets: secrets))
    }

    /// Wraps an opened workspace.
    public init(paths: WorkspacePaths, workspace: Workspace, secrets: SecretsStore, accounts: AccountManager) {
        self.paths = paths
        self.workspace = workspace
        self.secrets = secrets
        self.accounts = accounts
    }

    /// The account called `name`, or a clear error.
    public func account(named name: String) throws -> Account {
        guard let account = try workspace.account(named: name) else { throw AccountError.notFound(name) }
        return account
    }

    /// The data source use cases on this workspace.
    public var dataSources: DataSourceService { DataSourceService(workspace: workspace, accounts: accounts) }
}
