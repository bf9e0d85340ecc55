import Foundation
import InfuseCore

/// What ``DataSourceService/create(_:fieldErrors:)`` saved and what it noticed.
public struct CreatedDataSource: Sendable {
    /// The saved definition (default schemas and suggested joins filled in).
    public var source: DataSource
    /// Chosen schemas the 100-row preview did not find.
    public var missingSchemas: [String]
    /// Every schema the preview found.
    public var foundSchemas: [String]
}

/// The data source use cases of both front ends: preview, create, save (edit and rename), delete.
/// Each write is one workspace transaction taken under the source's lock, so it cannot interleave
/// with a refresh of the same source in this or another process (`infuse daemon`).
public struct DataSourceService: Sendable {
    /// Rows the check before a headless create fetches.
    public static let checkRows = 100

    /// Each catalogue endpoint's path parameters, by endpoint id, for validation.
    static let catalogueParameters = Dictionary(EndpointCatalogue.all.map { ($0.id, $0.pathParameters) },
                                                uniquingKeysWith: { first, _ in first })

    /// The workspace written to.
    public let workspace: Workspace
    /// The accounts previews fetch with.
    public let accounts: AccountManager

    /// Creates the service.
    public init(workspace: Workspace, accounts: AccountManager) {
        self.workspace = workspace
        self.accounts = accounts
    }

    /// Fetches a preview of `request` and infers its schemas.
    public func preview(_ request: PreviewRequest, pivotCustomFields: Bool = false,
                        progress: (@Sendable (FetchProgress) -> Void)?) async throws -> PreviewSummary {
        guard let account = try workspace.account(named: request.accountName) else {
            throw AccountError.notFound(request.accountName)
        }
        let result = try await Preview.run(
            target: try FetchTarget(request.target), account: account, accounts: accounts, maxRows: request.maxRows,
            pivotCustomFields: pivotCustomFields, progress: progress)
        return PreviewSummary(result)
    }

    /// Validates `source` (with `fieldErrors` found while reading the user's input), checks the
    /// endpoint with a ``checkRows``-row preview, fills in what the designer would suggest for the
    /// same choices (every schema but `root` when none is chosen, and the joins between chosen
    /// parents and children when the design has none) and saves it.
    /// - Throws: `WorkspaceError.invalidDataSource` with every field's message, a destination
    ///   error, or the preview's error; nothing is saved then.
    public func create(_ source: DataSource, fieldErrors: [FieldError] = []) async throws -> CreatedDataSource {
        var errors = fieldErrors
        errors += DataSourceValidator.validate(
            source, existingNames: try workspace.allDataSources().map(\.name),
            existingAccounts: try accounts.accounts().map(\.name), endpointPathParameters: Self.catalogueParameters)
        if !errors.isEmpty { throw WorkspaceError.invalidDataSource(errors) }
        if let error = DataSourceValidator.destinationError(source.destination) { throw error }
        let preview = try await self.preview(
            PreviewRequest(accountName: source.accountName, target: source.target, maxRows: Self.checkRows),
            pivotCustomFields: source.customFieldsPivot, progress: nil)
        let found = preview.allSchemas.map(\.path)
        var source = source
        if source.selectedSchemas.isEmpty { source.selectedSchemas = SuggestedDesign.defaultSchemas(preview) }
        if source.design.joins.isEmpty {
            source.design.joins = SuggestedDesign.joins(tables: source.selectedSchemas, preview: preview)
        }
        try workspace.insertDataSource(source)
        return CreatedDataSource(source: source, missingSchemas: source.selectedSchemas.filter { !found.contains($0) },
                                 foundSchemas: found)
    }

    /// Saves a data source from the designer: a new one when `replacing` is nil, else an edit of
    /// the saved source `replacing` (a rename when the names differ), in one transaction under
    /// the lock of the source (and of the new name).
    /// - Throws: `WorkspaceError.refreshInProgress` while a refresh holds the lock.
    public func save(_ source: DataSource, replacing: String?) throws {
        let lock = try workspace.lockSource(replacing ?? source.name)
        defer { lock.close() }
        guard let replacing else {
            try workspace.insertDataSource(source)
            return
        }
        if replacing == source.name {
            try workspace.updateDataSource(source)
        } else {
            let sameLock = TableNaming.slug(for: replacing) == TableNaming.slug(for: source.name)
            let newLock = sameLock ? nil : try workspace.lockSource(source.name)
            defer { newLock?.close() }
            try workspace.renameDataSource(from: replacing, to: source)
        }
    }

    /// Changes how a saved data source is refreshed (`nil`: keep the setting): its sync, reconcile
    /// interval and refresh interval, validated like a new source and saved in one transaction
    /// under its lock. What is read does not change (nor `updatedAt`), so the last run's watermark
    /// still holds.
    /// - Returns: the saved definition.
    /// - Throws: `WorkspaceError.dataSourceNotFound`, `WorkspaceError.invalidDataSource` (nothing is
    ///   saved then), or `WorkspaceError.refreshInProgress` while a refresh holds the lock.
    @discardableResult
    public func changeSettings(of name: String, sync: SyncMode? = nil, reconcileInterval: Int? = nil,
                               refreshInterval: RefreshInterval? = nil) throws -> DataSource {
        let lock = try workspace.lockSource(name)
        defer { lock.close() }
        guard var source = try workspace.dataSource(named: name) else { throw WorkspaceError.dataSourceNotFound(name: name) }
        if let sync { source.sync = sync }
        if let reconcileInterval { source.reconcileInterval = reconcileInterval }
        if let refreshInterval { source.refreshInterval = refreshInterval }
        let errors = DataSourceValidator.validate(
            source, existingNames: try workspace.allDataSources().map(\.name).filter { $0 != name })
        if !errors.isEmpty { throw WorkspaceError.invalidDataSource(errors) }
        try workspace.updateDataSource(source)
        return try workspace.dataSource(named: name) ?? source
    }

    /// Deletes a data source with its tables, view and history, under its lock.
    /// - Throws: `WorkspaceError.refreshInProgress` while a refresh holds the lock.
    public func delete(_ name: String) throws {
        let lock = try workspace.lockSource(name)
        defer { lock.close() }
        try workspace.deleteDataSource(named: name)
    }
}
