/// The record list of a source and the column that identifies its records.
struct ListKey: Sendable, Equatable {
    /// The list's schema path (`contacts`).
    var path: String
    /// The final name of its id column (`id`, or the design's rename).
    var key: String
}

/// How staged rows reach the final tables.
enum LoadMode: Sendable, Equatable {
    /// Replace every table (a full read); with the list known, the rows it no longer holds are counted as deleted.
    case replace(list: ListKey?)
    /// Merge into the tables (an incremental run): upsert the list's rows by id, replace the
    /// child rows of those parents; with `liveIDs` (an id sweep), delete the rows of other ids.
    case merge(list: ListKey, liveIDs: [String]?)

    /// The schema paths to stage: the chosen ones, and when merging only the list and the tables
    /// below it that have rows.
    func schemas(tree: SchemaTree, source: DataSource, chosen: [String]?) -> [String]? {
        guard case .merge(let list, _) = self else { return chosen }
        let all = chosen ?? (source.selectedSchemas.isEmpty ? tree.allSchemas.map(\.path) : source.selectedSchemas)
        // Schemas without rows this time (an empty change list) have nothing to merge.
        return all.filter { ($0 == list.path || $0.hasPrefix(list.path + ".")) && (tree.schema(at: $0)?.rowCount ?? 0) > 0 }
    }
}
