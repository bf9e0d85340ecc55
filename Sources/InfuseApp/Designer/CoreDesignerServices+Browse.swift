import Foundation
import InfuseCore

/// The adapter to the Browse and History use cases.
extension CoreDesignerServices {
    var browse: BrowseService { BrowseService(workspace: workspace, secrets: accountManager.secrets) }

    /// See ``DesignerServices/browseTables(_:)``.
    public func browseTables(_ source: String) async throws -> [BrowseTable] {
        try await browse.tables(of: source)
    }

    /// See ``DesignerServices/openGrid(source:table:query:)``.
    public func openGrid(source: String, table: BrowseTable, query: BrowseQuery) async throws -> BrowseGrid {
        BrowseGrid(try await browse.open(source: source, table: table, query: query))
    }

    /// See ``DesignerServices/exportBrowse(source:table:query:path:)``.
    public func exportBrowse(source: String, table: BrowseTable, query: BrowseQuery, path: String) async throws -> (rows: Int, path: String) {
        try await browse.export(source: source, table: table, query: query, to: path, format: BrowseService.format(forPath: path))
    }

    /// See ``DesignerServices/history(_:)``.
    public func history(_ source: String) async throws -> [RunSummary] {
        try HistoryService(workspace: workspace).runs(of: source)
    }
}
