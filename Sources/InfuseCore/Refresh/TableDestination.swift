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
    ///   - mode: replace the tables or merge into them.
    func stage(
        tree: SchemaTree, schemas: [String]?, mode: LoadMode, pageCount: Int, rowsFetched: Int,
        pages: ((([UInt8]) throws -> Void) throws -> Void),
        cancellation: CancellationFlag, progress: (@Sendable (RefreshProgress) -> Void)?
    ) throws -> Staged

    /// Swaps the staged tables in with the view, in one transaction.
    func commit(_ staged: Staged) async throws -> CommittedTables

    /// Drops what was staged (after a failure; errors are ignored).
    func discard()
}

extension TableDestination {
    /// Stages to replace the tables (a full read, an import).
    func stage(
        tree: SchemaTree, schemas: [String]?, pageCount: Int, rowsFetched: Int,
        pages: ((([UInt8]) throws -> Void) throws -> Void),
        cancellation: CancellationFlag, progress: (@Sendable (RefreshProgress) -> Void)?
    ) throws -> Staged {
        try stage(tree: tree, schemas: schemas, mode: .replace(list: nil), pageCount: pageCount, rowsFetched: rowsFetched,
                  pages: pages, cancellation: cancellation, progress: progress)
    }
}

/// What a commit put in place.
struct CommittedTables: Sendable {
    /// Rows per final table name.
    var rowsPerTable: [String: Int]
    /// Schema drift since the last refresh, one line per change.
    var schemaChanges: [String]
    /// List rows inserted or updated by a merge; nil for a replace.
    var rowsUpserted: Int? = nil
    /// List rows removed (by a sweep, or gone from a full read); nil when not counted.
    var rowsDeleted: Int? = nil
}

extension TableLoader: TableDestination {
    /// Staging tables are dropped when the next one is staged: nothing to do first.
    func removeLeftovers() {}

    /// See ``TableDestination/commit(_:)``: the swap.
    func commit(_ staged: Staged) async throws -> CommittedTables {
        if case .merge(let list, let liveIDs) = staged.mode { return try merge(staged, list: list, liveIDs: liveIDs) }
        let deleted = try swap(staged)
        return CommittedTables(rowsPerTable: staged.rowsPerTable, schemaChanges: staged.schemaChanges, rowsDeleted: deleted)
    }

    /// See ``TableDestination/discard()``.
    func discard() { discardStaging() }
}

extension PostgresTableLoader: TableDestination {
    /// Removes the `COPY` files a killed run left.
    func removeLeftovers() { Self.removeLeftovers(directory: directory, slug: source.slug) }

    /// See ``TableDestination/commit(_:)``: `COPY` into a staging schema and swap.
    func commit(_ staged: Staged) async throws -> CommittedTables {
        try await load(staged)
    }

    /// See ``TableDestination/discard()``.
    func discard() { removeLeftovers() }
}
