import Foundation

/// Where a refresh's tables go: the workspace's SQLite (``TableLoader``) or a PostgreSQL
/// database (``PostgresTableLoader``). Both stage the new tables beside the old ones, then
/// commit them in one transaction (a reader sees the old tables or the new, never a mix), or
/// discard what was staged; the refresh pipeline (``RefreshEngine``) drives either the same way
/// and records the run once.
protocol TableDestination {
    /// What staging produced, ready to commit.
    associatedtype Staged

    /// Removes what a killed or failed run of this source left behind.
    func removeLeftovers()

    /// Plans the tables of `tree` and flattens `pages` into staging (pass 2).
    /// - Parameters:
    ///   - schemas: the paths to load; nil uses the source's selection.
    ///   - pages: calls its argument with each page, in order.
    ///   - cancellation: checked between pages.
    func stage(
        tree: SchemaTree, schemas: [String]?, pageCount: Int, rowsFetched: Int,
        pages: ((([UInt8]) throws -> Void) throws -> Void),
        cancellation: CancellationFlag, progress: (@Sendable (RefreshProgress) -> Void)?
    ) throws -> Staged

    /// Swaps the staged tables in with the view, in one transaction.
    func commit(_ staged: Staged) async throws -> CommittedTables

    /// Drops what was staged (after a failure; errors are ignored).
    func discard()
}

/// What a commit put in place.
struct CommittedTables: Sendable {
    /// Rows per final table name.
    var rowsPerTable: [String: Int]
    /// Schema drift since the last refresh, one line per change.
    var schemaChanges: [String]
}

extension TableLoader: TableDestination {
    /// Staging tables are dropped when the next one is staged: nothing to do first.
    func removeLeftovers() {}

    /// See ``TableDestination/commit(_:)``: the swap.
    func commit(_ staged: Staged) async throws -> CommittedTables {
        try swap(staged)
        return CommittedTables(rowsPerTable: staged.rowsPerTable, schemaChanges: staged.schemaChanges)
    }

    /// See ``TableDestination/discard()``.
    func discard() { discardStaging() }
}

extension PostgresTableLoader: TableDestination {
    /// Removes the `COPY` files a killed run left.
    func removeLeftovers() { Self.removeLeftovers(directory: directory, slug: source.slug) }

    /// See ``TableDestination/commit(_:)``: `COPY` into a staging schema and swap.
    func commit(_ staged: Staged) async throws -> CommittedTables {
        let loaded = try await load(staged)
        return CommittedTables(rowsPerTable: loaded.rowsPerTable, schemaChanges: loaded.schemaChanges)
    }

    /// See ``TableDestination/discard()``.
    func discard() { removeLeftovers() }
}
