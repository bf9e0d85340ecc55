/// One per-endpoint list filter (KEAP-API.md §3, §6): a query parameter that narrows which rows
/// a list returns, and therefore its `count`.
struct ListFilter: Sendable {
    /// What a filter value selects.
    enum Match {
        /// Matching record indexes, ascending.
        case rows([Int])
        /// The value cannot be parsed; the message becomes a 400.
        case invalid(String)
    }

    /// The query parameter, e.g. `contact_id`.
    let parameter: String
    let match: @Sendable (SandboxWorld, String) -> Match

    /// A filter on an integer key of each record, answered from a grouping built once per
    /// (resource, parameter) and cached (``FilterIndexCache``); a lookup is then O(matches).
    static func grouped(_ parameter: String, cacheKey: StaticString, total: @escaping @Sendable (SandboxDataSizes) -> Int,
                        parse: @escaping @Sendable (SandboxWorld, String) -> Int?,
                        key: @escaping @Sendable (SandboxWorld, Int) -> Int?) -> ListFilter {
        ListFilter(parameter: parameter) { world, value in
            guard let wanted = parse(world, value) else {
                return .invalid("Invalid value for \(parameter): \(value)")
            }
            let groups = world.indexCache.grouped(cacheKey) {
                var groups: [Int: [Int]] = [:]
                for index in 0..<total(world.sizes) {
                    if let key = key(world, index) { groups[key, default: []].append(index) }
                }
                return groups
            }
            var rows = groups[wanted] ?? []
            // Records created by changes are not in the cached grouping; test them directly.
            if let resource = ChangeableResource(rawValue: String(cacheKey.description.prefix { $0 != "." })) {
                rows += world.createdIndexes(resource).filter { key(world, $0) == wanted }
            }
            return .rows(rows)
        }
    }

    /// `contact_id=<id>` on a resource whose records each name at most one contact.
    static func contactID(cacheKey: StaticString, total: @escaping @Sendable (SandboxDataSizes) -> Int,
                          contactIndex: @escaping @Sendable (SandboxWorld, Int) -> Int?) -> ListFilter {
        grouped("contact_id", cacheKey: cacheKey, total: total, parse: { _, value in parseID(value) }) { world, index in
            contactIndex(world, index).map { $0 + 1 }
        }
    }

    /// A boolean parameter (`true`/`false`, any case) over a boolean fact of each record.
    static func flag(_ parameter: String, cacheKey: StaticString, total: @escaping @Sendable (SandboxDataSizes) -> Int,
                     fact: @escaping @Sendable (SandboxWorld, Int) -> Bool) -> ListFilter {
        grouped(parameter, cacheKey: cacheKey, total: total, parse: { _, value in parseFlag(value) }) { world, index in
            fact(world, index) ? 1 : 0
        }
    }

    /// A filter answered by scanning every record; only for small resources (tags).
    static func scan(_ parameter: String, total: @escaping @Sendable (SandboxDataSizes) -> Int,
                     matches: @escaping @Sendable (SandboxWorld, Int, String) -> Bool) -> ListFilter {
        ListFilter(parameter: parameter) { world, value in
            .rows((0..<total(world.sizes)).filter { matches(world, $0, value) })
        }
    }

    /// A non-negative integer id; nil for anything else.
    static func parseID(_ value: String) -> Int? {
        guard let id = Int(value), id >= 0 else { return nil }
        return id
    }

    /// 1 for `true`, 0 for `false` (case-insensitive); nil otherwise.
    static func parseFlag(_ value: String) -> Int? {
        switch value.lowercased() {
        case "true": 1
        case "false": 0
        default: nil
        }
    }
}

/// The rows a list request selects once every filter present in the query is applied.
enum FilterSelection {
    /// No filter parameter present: every record, in id order.
    case all
    /// The matching record indexes, ascending.
    case rows([Int])
    /// A filter value was malformed.
    case invalid(String)

    /// Applies every filter of `filters` whose parameter is in `query` and intersects the results.
    static func apply(_ filters: [ListFilter], query: [String: String], world: SandboxWorld) -> FilterSelection {
        var selected: [Int]?
        for filter in filters {
            guard let value = query[filter.parameter], !value.isEmpty else { continue }
            switch filter.match(world, value) {
            case .invalid(let message):
                return .invalid(message)
            case .rows(let rows):
                selected = selected.map { intersect($0, rows) } ?? rows
            }
        }
        return selected.map { .rows($0) } ?? .all
    }

    /// The intersection of two ascending index lists, ascending.
    static func intersect(_ a: [Int], _ b: [Int]) -> [Int] {
        var result: [Int] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                result.append(a[i])
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return result
    }
}
