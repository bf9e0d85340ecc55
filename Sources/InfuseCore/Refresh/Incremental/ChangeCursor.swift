import Foundation

/// How an endpoint lists only what changed: the query that asks for records changed since a
/// time (v1 in ascending change order, v2 in id order), the record field that holds the change
/// time where the watermark comes from the records, and (v2) the query of an id sweep. Only endpoints whose spec has such a filter have one; the others are
/// read in full every time.
public struct ChangeCursor: Sendable {
    /// The catalogue endpoint id (`contacts`, `v2.contacts`).
    public let endpointID: String
    /// The top-level record field whose largest value is the watermark (v1's `last_updated`, read
    /// in change order); nil for the v2 lists, read in id order: the watermark is then the time
    /// the read started, which ``ChangeTime/overlap`` also guards against clock skew.
    public let changeField: String?
    /// The query items for "changed at or after `since`" in ascending change order.
    let changedSince: @Sendable (String) -> [String: String]
    /// The query items of an id sweep (`fields=id`), where the endpoint can list ids alone.
    let idSweep: [String: String]?
    /// The query keys the cursor sets; a source that sets one itself is read in full.
    let keys: Set<String>

    /// Whether the watermark is the time the read started (no change field to take it from).
    public var watermarksReadStart: Bool { changeField == nil }

    /// Whether the endpoint can list its ids alone, so deletes are found without a full read.
    public var hasIDSweep: Bool { idSweep != nil }

    /// The cursors of the catalogue, by endpoint id.
    static let all: [String: ChangeCursor] = Dictionary(uniqueKeysWithValues: [
        // v1: `since`/`until` on LastUpdated, `order=last_updated` (Specs/2025-11-05-v1.json).
        ChangeCursor(
            endpointID: "contacts", changeField: "last_updated",
            changedSince: { ["since": $0, "order": "last_updated", "order_direction": "ASCENDING"] },
            idSweep: nil, keys: ["since", "until", "order", "order_direction"]),
        // v2: `filter=start_update_time==…`, `fields=id` (Specs/swagger.yml). Listed in id order, not
        // `order_by=update_time`: a v2 page token cannot be checked the way v1's offsets are (see
        // `Pager`), and in change order a record deleted ahead of the listing's position would
        // shift a changed one past it unseen; ids do not move, so the watermark is the read's
        // start (anything changed while it read is read next time).
        ChangeCursor(
            endpointID: "v2.contacts", changeField: nil,
            changedSince: { ["filter": "start_update_time==\($0)", "order_by": "id asc"] },
            idSweep: ["fields": "id"], keys: ["filter", "order_by", "fields"]),
        // v2 orders: `filter=modified_since_time==…` (swagger.yml), in id order as v2 contacts.
        ChangeCursor(
            endpointID: "v2.orders", changeField: nil,
            changedSince: { ["filter": "modified_since_time==\($0)", "order_by": "id asc"] },
            idSweep: nil, keys: ["filter", "order_by"]),
        // v2 tasks: `filter=since_time==…` (swagger.yml), in id order as v2 contacts.
        ChangeCursor(
            endpointID: "v2.tasks", changeField: nil,
            changedSince: { ["filter": "since_time==\($0)", "order_by": "id asc"] },
            idSweep: nil, keys: ["filter", "order_by"]),
        // v2 companies: `filter=since_time==…` and `fields=id` (swagger.yml); `update_time` is not a
        // default field and not an order, so the records are listed in id order and the
        // watermark is the read's start.
        ChangeCursor(
            endpointID: "v2.companies", changeField: nil,
            changedSince: { ["filter": "since_time==\($0)"] },
            idSweep: ["fields": "id"], keys: ["filter", "fields"]),
    ].map { ($0.endpointID, $0) })

    /// The endpoints with a cursor, for messages (`contacts, v2.contacts`).
    public static var endpointList: String { all.keys.sorted().joined(separator: ", ") }

    /// The sync a new source of `target` gets: incremental where it has a cursor, else full.
    public static func defaultSync(for target: DataSourceTarget) -> SyncMode {
        forTarget(target) == nil ? .full : .incremental
    }

    /// The cursor of the catalogue endpoint `id`, if it has one.
    public static func forEndpoint(_ id: String) -> ChangeCursor? { all[id] }

    /// The cursor of a saved target: catalogue endpoints only (a custom URL is read in full), and
    /// only when the source's own query sets none of the cursor's parameters.
    public static func forTarget(_ target: DataSourceTarget) -> ChangeCursor? {
        guard case .endpoint(let id, _, let query) = target, let cursor = all[id] else { return nil }
        return cursor.keys.isDisjoint(with: query.keys) ? cursor : nil
    }

    /// The target reading what changed since `since` (the watermark minus the overlap).
    func changedTarget(_ target: DataSourceTarget, since: Date) -> DataSourceTarget {
        guard case .endpoint(let id, let path, var query) = target else { return target }
        query.merge(changedSince(ChangeTime.queryText(since))) { _, new in new }
        return .endpoint(id: id, pathParameters: path, query: query)
    }

    /// The target listing only ids, or nil where the endpoint cannot.
    func sweepTarget(_ target: DataSourceTarget) -> DataSourceTarget? {
        guard let idSweep, case .endpoint(let id, let path, var query) = target else { return nil }
        query.merge(idSweep) { _, new in new }
        return .endpoint(id: id, pathParameters: path, query: query)
    }
}

/// Keap's change times: read from records (`2022-09-29T00:42:42.000+0000`, `…Z`, `…+00:00`)
/// and written into change filters (`2022-09-29T00:42:42.000Z`, what v1 and v2 both accept).
public enum ChangeTime {
    /// The overlap re-read before the watermark, against clock skew and records written in the
    /// same second as the last one seen.
    public static let overlap: TimeInterval = 300

    /// The instant of a change time as a record wrote it, or nil.
    public static func parse(_ text: String) -> Date? {
        var normalized = text
        if let range = normalized.range(of: #"[+-]\d{4}$"#, options: .regularExpression) {
            let offset = normalized[range]
            normalized.replaceSubrange(range, with: "\(offset.prefix(3)):\(offset.suffix(2))")
        }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: normalized) { return date }
        let whole = ISO8601DateFormatter()
        whole.formatOptions = [.withInternetDateTime]
        return whole.date(from: normalized)
    }

    /// `date` as a filter value: UTC with milliseconds (`2022-09-29T00:42:42.000Z`).
    public static func queryText(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
