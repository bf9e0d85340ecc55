import Foundation

/// How one refresh reads the API, decided before it fetches: in full (every record, the tables
/// replaced) or incrementally (the records changed since the last watermark minus
/// ``ChangeTime/overlap``, in ascending change order, merged by id), and whether it reconciles
/// deletes (a full read, or an id sweep where the endpoint lists ids alone).
struct ReadPlan: Sendable {
    var sync: SyncMode
    /// What pass 1 fetches: the source's target, or it with the change filter.
    var target: DataSourceTarget
    /// The source's own target (a fallback to a full read fetches it).
    var sourceTarget: DataSourceTarget
    /// The endpoint's change cursor; nil where it has none (no watermark is kept).
    var cursor: ChangeCursor?
    /// The record list and its id column, where the endpoint names its list.
    var list: ListKey?
    /// Whether an id sweep runs first (incremental reconcile).
    var sweep: Bool
    /// Whether the run reconciles deletes (a full read of a cursor source, or a sweep).
    var reconciles: Bool
    /// The watermark the run starts from (kept when nothing changed).
    var previousWatermark: String?
    /// Why the run reads as it does, when that is not the source's setting (one warning line each).
    var notes: [String] = []

    /// The id sweep's target.
    var sweepTarget: DataSourceTarget? { cursor?.sweepTarget(sourceTarget) }

    /// How staged rows reach the tables.
    func mode(liveIDs: [String]?) -> LoadMode {
        switch sync {
        case .full: .replace(list: list)
        case .incremental: list.map { .merge(list: $0, liveIDs: liveIDs) } ?? .replace(list: nil)
        }
    }

    /// The same source read in full (the fallback when the changed records cannot be merged).
    func asFull() -> ReadPlan {
        var plan = self
        plan.sync = .full
        plan.target = sourceTarget
        plan.sweep = false
        plan.reconciles = cursor != nil
        return plan
    }
}

extension RefreshEngine {
    /// Decides how `source` is read now (see ``ReadPlan``): incremental when the source asks for it,
    /// its endpoint has a change cursor, it has no Max Rows, it does not import `root` (every
    /// schema, or `root` chosen), its last successful run left a watermark
    /// and its definition has not changed since that run; reconciling when forced or when its
    /// reconcile interval has passed (an id sweep, else a full read).
    /// The schema path of a listing's page wrapper.
    static let rootSchema = "root"

    func readPlan(for source: DataSource, forceFull: Bool, now: Date) throws -> ReadPlan {
        let cursor = ChangeCursor.forTarget(source.target)
        let apiBase = try workspace.account(named: source.accountName)?.apiBase
        let listPath = apiBase.flatMap { (try? FetchTarget(source.target))?.listKey(apiBase: $0) }
        let list = listPath.map { ListKey(path: $0, key: DesignedColumns.finalName("id", design: source.design.table($0))) }
        let last = try workspace.lastSuccessfulRun(source: source.name)
        var full = ReadPlan(
            sync: .full, target: source.target, sourceTarget: source.target, cursor: cursor, list: list, sweep: false,
            reconciles: cursor != nil, previousWatermark: nil)
        guard source.sync == .incremental, let cursor else { return full }
        func fullBecause(_ reason: String) -> ReadPlan {
            full.notes.append("read in full: \(reason)")
            return full
        }
        if forceFull { return fullBecause("--full") }
        guard source.maxRows == nil else { return fullBecause("Max Rows is set") }
        guard list != nil else { return fullBecause("the endpoint names no record list") }
        // `root` holds the listing's page wrappers (`count`, `next`, `previous` per page), which
        // describe a full read's pages: no merge of the changed records can give them.
        if source.selectedSchemas.isEmpty || source.selectedSchemas.contains(Self.rootSchema) {
            return fullBecause("the root table (Keap's page wrappers) is imported, and only a full read gives it")
        }
        guard let last, let watermark = last.details.watermark, let since = ChangeTime.parse(watermark) else {
            return fullBecause("no earlier run left a watermark")
        }
        guard source.updatedAt <= last.startedAt else { return fullBecause("the definition changed since the last run") }
        if source.destination == nil, let list {
            let table = TableNaming.tableName(source: source.name, schemaPath: list.path)
            guard try workspace.importedTables(of: source.name).contains(table) else { return fullBecause("its tables are gone") }
        }
        let lastReconciled = try workspace.lastReconciled(source: source.name)
        let due = lastReconciled.map { now.timeIntervalSince($0) >= TimeInterval(source.reconcileInterval) } ?? true
        if due && !cursor.hasIDSweep { return fullBecause("reconcile due (the endpoint cannot list ids alone)") }
        return ReadPlan(
            sync: .incremental, target: cursor.changedTarget(source.target, since: since.addingTimeInterval(-ChangeTime.overlap)),
            sourceTarget: source.target, cursor: cursor, list: list, sweep: due, reconciles: due, previousWatermark: watermark)
    }
}

extension TableMerge {
    /// Why the records of `tree` cannot be merged by `list`'s id, or nil when they can: the list
    /// must have an `id`, and every table below it must link to its parent by the parent's id.
    static func mergeability(tree: SchemaTree, list: ListKey) -> String? {
        guard let schema = tree.schema(at: list.path) else { return nil }
        guard schema.columns.contains(where: { $0.name == "id" && $0.source.role == .value }),
            !schema.columns.contains(where: { $0.source.role == .key })
        else {
            return "the records of \(list.path) have no usable id"
        }
        for node in tree.allSchemas where node.path.hasPrefix(list.path + ".") {
            if node.columns.contains(where: { $0.source.role == .parentKey }) {
                return "\(node.path) links to its parent by a generated key"
            }
        }
        return nil
    }
}
