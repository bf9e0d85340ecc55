/// The resources `POST /_sandbox/changes` can update, create and delete.
enum ChangeableResource: String, CaseIterable, Codable, Sendable {
    case contacts, companies, opportunities, orders, tasks, notes

    /// How many records the seeded world starts with.
    func seededCount(_ sizes: SandboxDataSizes) -> Int {
        switch self {
        case .contacts: sizes.contacts
        case .companies: sizes.companies
        case .opportunities: sizes.opportunities
        case .orders: sizes.orders
        case .tasks: sizes.tasks
        case .notes: sizes.notes
        }
    }
}

/// What happened to one record since the world was seeded.
struct RecordRevision: Codable, Sendable, Equatable {
    /// Number of updates; each one changes a visible field (see ``SandboxWorld/revisedText(_:_:)``).
    var revision: Int
    /// When the record last changed, epoch milliseconds of the sandbox's clock.
    var updatedMillis: Int
    /// When a record made by a change was created; nil for seeded records.
    var createdMillis: Int?
    /// The change call that last changed the record (nil in states saved before it was kept).
    var call: Int?
}

/// A custom field added to the account by a change call (`add_field`): a whole number that
/// the contacts updated or created from that call on have set, the others null.
struct AddedCustomField: Codable, Sendable, Equatable {
    var id: Int
    var label: String
    /// The change call that added it.
    var call: Int
}

/// The changes made to one resource: records appended after the seeded ones, tombstones and
/// per-record revisions.
struct ResourceLedger: Codable, Sendable, Equatable {
    /// Records created by changes; their indexes are `seeded..<seeded + created`.
    var created = 0
    var deleted: Set<Int> = []
    var revisions: [Int: RecordRevision] = [:]

    var isEmpty: Bool { created == 0 && deleted.isEmpty && revisions.isEmpty }
}

/// Every change made through `POST /_sandbox/changes` (or the churn task), small enough to
/// persist whole in the sandbox state file.
struct ChangeLedger: Codable, Sendable, Equatable {
    var resources: [ChangeableResource: ResourceLedger] = [:]
    /// Change calls so far; seeds which records the next call picks.
    var calls = 0
    /// Contact custom fields added by changes, in the order they were added.
    var addedContactFields: [AddedCustomField] = []

    init() {}

    private enum CodingKeys: String, CodingKey { case resources, calls, addedContactFields }

    /// Decodes a saved state; fields newer than the file take their defaults.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        resources = try container.decodeIfPresent([ChangeableResource: ResourceLedger].self, forKey: .resources) ?? [:]
        calls = try container.decodeIfPresent(Int.self, forKey: .calls) ?? 0
        addedContactFields = try container.decodeIfPresent([AddedCustomField].self, forKey: .addedContactFields) ?? []
    }
}

/// The ids one change call touched, in the order it touched them.
struct ChangeReport: Sendable, Equatable {
    var updated: [Int] = []
    var created: [Int] = []
    var deleted: [Int] = []
}

/// The mutable overlay on the seeded world: one lock around the ``ChangeLedger``.
final class WorldChanges: Sendable {
    let ledger = Locked(ChangeLedger())

    init() {}

    /// The ledger of one resource (empty when never changed).
    func ledger(of resource: ChangeableResource) -> ResourceLedger {
        ledger.withLock { $0.resources[resource] ?? ResourceLedger() }
    }

    /// The contact custom fields changes added.
    func addedContactFields() -> [AddedCustomField] {
        ledger.withLock { $0.addedContactFields }
    }

    /// The revision of one record, or nil when it is as seeded.
    func revision(_ resource: ChangeableResource, _ index: Int) -> RecordRevision? {
        ledger.withLock { $0.resources[resource]?.revisions[index] }
    }

    /// Replaces the whole ledger (loading a persisted state).
    func replace(with restored: ChangeLedger) {
        ledger.withLock { $0 = restored }
    }

    /// A copy of the whole ledger (persisting the state).
    func snapshot() -> ChangeLedger {
        ledger.withLock { $0 }
    }
}

extension SandboxWorld {
    /// The live record indexes of `resource` when changes added or removed records; nil when its
    /// membership is still the seeded `0..<count` (the fast path).
    func changedMembership(_ resource: ChangeableResource) -> [Int]? {
        let ledger = changes.ledger(of: resource)
        guard ledger.created > 0 || !ledger.deleted.isEmpty else { return nil }
        return Self.members(resource.seededCount(sizes), ledger)
    }

    /// Every live record index of `resource`, ascending.
    func liveIndexes(_ resource: ChangeableResource) -> [Int] {
        Self.members(resource.seededCount(sizes), changes.ledger(of: resource))
    }

    /// Live indexes of a list by name: the changed membership of a changeable resource, else
    /// `0..<seeded`.
    func liveIndexes(list name: String, seeded: Int) -> [Int] {
        guard let resource = ChangeableResource(rawValue: name) else { return Array(0..<seeded) }
        return liveIndexes(resource)
    }

    /// Whether record `index` of `resource` exists now.
    func isLive(_ resource: ChangeableResource, _ index: Int) -> Bool {
        let ledger = changes.ledger(of: resource)
        return index >= 0 && index < resource.seededCount(sizes) + ledger.created && !ledger.deleted.contains(index)
    }

    /// Indexes of records created by changes.
    func createdIndexes(_ resource: ChangeableResource) -> Range<Int> {
        let seeded = resource.seededCount(sizes)
        return seeded..<(seeded + changes.ledger(of: resource).created)
    }

    /// The creation and update times (epoch seconds) a record shows once changes are applied to
    /// the seeded ones, plus its revision.
    func stamped(_ resource: ChangeableResource, _ index: Int, created: Int,
                 updated: Int) -> (created: Int, updated: Int, updatedMillis: Int?, revision: Int) {
        guard let revision = changes.revision(resource, index) else { return (created, updated, nil, 0) }
        let createdSeconds = revision.createdMillis.map { $0 / 1000 } ?? created
        return (createdSeconds, revision.updatedMillis / 1000, revision.updatedMillis, revision.revision)
    }

    /// `text` as revision `revision` shows it: unchanged at 0, then `"<text> v2"`, `"<text> v3"`, …
    func revisedText(_ text: String, _ revision: Int) -> String {
        revision > 0 ? "\(text) v\(revision + 1)" : text
    }

    /// Updates, deletes and creates records of `resource`: the records picked depend only on
    /// the seed, the number of earlier calls and the current membership. `deleteIDs` are deleted
    /// too (those that exist), before the `delete` random picks.
    /// `addField` adds a contact custom field first (see ``AddedCustomField``).
    func applyChanges(_ resource: ChangeableResource, update: Int, create: Int, delete: Int, deleteIDs: [Int] = [],
                      addField: String? = nil, nowMillis: Int) -> ChangeReport {
        let seeded = resource.seededCount(sizes)
        return changes.ledger.withLock { state -> ChangeReport in
            state.calls += 1
            var rng = random(.changes, state.calls)
            var ledger = state.resources[resource] ?? ResourceLedger()
            var pool = Self.members(seeded, ledger)
            var report = ChangeReport()
            if let addField, resource == .contacts {
                let id = (state.addedContactFields.map(\.id).max() ?? 100) + 2
                state.addedContactFields.append(AddedCustomField(id: id, label: addField, call: state.calls))
            }
            // Partial Fisher–Yates: the first picks of a shuffled pool, without repeats.
            func pick() -> Int? {
                guard !pool.isEmpty else { return nil }
                let position = rng.int(pool.count)
                pool.swapAt(position, pool.count - 1)
                return pool.removeLast()
            }
            for _ in 0..<max(0, update) {
                guard let index = pick() else { break }
                var revision = ledger.revisions[index] ?? RecordRevision(revision: 0, updatedMillis: nowMillis)
                revision.revision += 1
                revision.updatedMillis = nowMillis
                revision.call = state.calls
                ledger.revisions[index] = revision
                report.updated.append(index + 1)
            }
            for id in deleteIDs {
                guard let position = pool.firstIndex(of: id - 1) else { continue }
                pool.swapAt(position, pool.count - 1)
                ledger.deleted.insert(pool.removeLast())
                report.deleted.append(id)
            }
            for _ in 0..<max(0, delete) {
                guard let index = pick() else { break }
                ledger.deleted.insert(index)
                report.deleted.append(index + 1)
            }
            for _ in 0..<max(0, create) {
                let index = seeded + ledger.created
                ledger.created += 1
                ledger.revisions[index] = RecordRevision(
                    revision: 0, updatedMillis: nowMillis, createdMillis: nowMillis, call: state.calls)
                report.created.append(index + 1)
            }
            report.updated.sort()
            report.deleted.sort()
            state.resources[resource] = ledger
            return report
        }
    }

    private static func members(_ seeded: Int, _ ledger: ResourceLedger) -> [Int] {
        let total = seeded + ledger.created
        guard !ledger.deleted.isEmpty else { return Array(0..<total) }
        var result: [Int] = []
        result.reserveCapacity(total - ledger.deleted.count)
        for index in 0..<total where !ledger.deleted.contains(index) { result.append(index) }
        return result
    }
}
