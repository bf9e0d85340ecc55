/// A sort key of a v2 `order_by` field.
enum V2SortValue: Comparable {
    case number(Int)
    case text(String)
}

/// One v2 list resource such as `/v2/contacts`: which records it has, the `filter` fields and
/// `order_by` fields its spec lists, its `fields` and page size, and how to write one record.
struct V2ListResource: Sendable {
    typealias Predicate = @Sendable (Int) -> Bool
    /// Turns a filter value into a predicate over record indexes; throws for a malformed value.
    typealias FilterRule = @Sendable (SandboxWorld, String) throws -> Predicate
    typealias SortKey = @Sendable (SandboxWorld, Int) -> V2SortValue
    typealias ItemWriter = @Sendable (SandboxWorld, Int, V2Fields, inout JSONWriter) -> Void

    /// The path segment after `/v2/`, e.g. `leadSources`.
    let path: String
    /// The array's key in the answer, e.g. `lead_sources`.
    let key: StaticString
    /// The noun in a 404 message.
    let noun: String
    /// The spec's `page_size` maximum; also the default.
    var maximumPageSize = 1000
    /// The records now, ascending by id.
    let rows: @Sendable (SandboxWorld) -> [Int]
    var filters: [String: FilterRule] = [:]
    var orders: [String: SortKey] = [:]
    /// The `fields` the endpoint accepts; nil when it takes no `fields` parameter.
    var fieldNames: Set<String>? = nil
    /// The fields answered without `fields`; nil means all.
    var defaultFields: Set<String>? = nil
    /// Filters that narrow the list unless a clause names them (e.g. users without
    /// `include_inactive==true` leave out inactive users).
    var implicitFilters: [String: Predicate] = [:]
    /// Whether Keap serves `/v2/<path>/{id}` (notes have no such path: they are read by id
    /// under their contact), so the sandbox answers 404 where Keap has no route.
    var servesByID = true
    let item: ItemWriter

    /// Every record of a changeable resource that exists now.
    static func live(_ resource: ChangeableResource) -> @Sendable (SandboxWorld) -> [Int] {
        { world in world.liveIndexes(resource) }
    }

    /// The seeded records of a resource that never changes.
    static func seeded(_ count: @escaping @Sendable (SandboxDataSizes) -> Int) -> @Sendable (SandboxWorld) -> [Int] {
        { world in Array(0..<count(world.sizes)) }
    }
}

/// Builders for the filter rules the v2 specs describe.
enum V2Rule {
    /// Case-insensitive equality; a trailing `*` matches a prefix (swagger.yml's wildcards).
    static func text(_ value: @escaping @Sendable (SandboxWorld, Int) -> [String]) -> V2ListResource.FilterRule {
        { world, wanted in
            let lowered = wanted.lowercased()
            if lowered.hasSuffix("*") {
                let prefix = String(lowered.dropLast())
                return { index in value(world, index).contains { $0.lowercased().hasPrefix(prefix) } }
            }
            return { index in value(world, index).contains { $0.lowercased() == lowered } }
        }
    }

    /// Case-insensitive containment (campaign names: "anywhere in the campaign name").
    static func contains(_ value: @escaping @Sendable (SandboxWorld, Int) -> String) -> V2ListResource.FilterRule {
        { world, wanted in
            let lowered = wanted.lowercased()
            return { index in value(world, index).lowercased().contains(lowered) }
        }
    }

    /// An id (`contact_id==12`); a non-numeric value is a 400.
    static func id(_ field: String, _ value: @escaping @Sendable (SandboxWorld, Int) -> Int?) -> V2ListResource.FilterRule {
        { world, wanted in
            guard let id = Int(wanted) else { throw V2Problem.invalid("Invalid value for \(field): \(wanted)") }
            return { index in value(world, index) == id }
        }
    }

    /// A comma list of ids (`contact_ids==1,2,3`) over the record's own id.
    static func idSet(_ field: String) -> V2ListResource.FilterRule {
        { _, wanted in
            var ids = Set<Int>()
            for part in wanted.split(separator: ",") {
                guard let id = Int(part.trimmingCharacters(in: .whitespaces)) else {
                    throw V2Problem.invalid("Invalid value for \(field): \(wanted)")
                }
                ids.insert(id)
            }
            let chosen = ids
            return { index in chosen.contains(index + 1) }
        }
    }

    /// `true`/`false` over a boolean fact.
    static func flag(_ field: String, _ value: @escaping @Sendable (SandboxWorld, Int) -> Bool) -> V2ListResource.FilterRule {
        { world, wanted in
            switch wanted.lowercased() {
            case "true": return { index in value(world, index) }
            case "false": return { index in !value(world, index) }
            default: throw V2Problem.invalid("Invalid value for \(field): expected true or false")
            }
        }
    }

    /// A time bound on a record instant (epoch milliseconds): on or after (`since`) or on or
    /// before the value.
    static func time(_ field: String, since: Bool,
                     _ value: @escaping @Sendable (SandboxWorld, Int) -> Int?) -> V2ListResource.FilterRule {
        { world, wanted in
            let bound = try V2Date.parse(wanted, field: field)
            return { index in
                guard let millis = value(world, index) else { return false }
                return since ? millis >= bound : millis <= bound
            }
        }
    }

    /// One of the listed values, exactly (case-insensitive).
    static func oneOf(_ field: String, _ allowed: [String],
                      _ value: @escaping @Sendable (SandboxWorld, Int) -> String) -> V2ListResource.FilterRule {
        { world, wanted in
            guard let match = allowed.first(where: { $0.lowercased() == wanted.lowercased() }) else {
                throw V2Problem.invalid("Invalid value for \(field): one of \(allowed.joined(separator: ", "))")
            }
            return { index in value(world, index) == match }
        }
    }
}
