/// Cheap partial views of contacts used by the `/v1/contacts` filters and orderings.
extension SandboxWorld {
    /// Positions of the contact's given and family names in ``SamplePools``, drawn exactly as
    /// ``contactIdentity(_:)`` draws them (its first two draws).
    func contactNamePoolIndexes(_ index: Int) -> (given: Int, family: Int) {
        var rng = random(.contactIdentity, index)
        let given = rng.int(SamplePools.givenNames.count)
        let family = rng.int(SamplePools.familyNames.count)
        return (given, family)
    }

    /// The contact that has `email` among its addresses (case-insensitive), in O(1): the id is the
    /// last run of digits before the `@`, and the candidate's own addresses confirm the match.
    func contactIndex(withEmail email: String) -> Int? {
        let wanted = email.lowercased()
        guard let at = wanted.lastIndex(of: "@") else { return nil }
        var digits: [Character] = []
        for character in wanted[..<at].reversed() {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else if !digits.isEmpty {
                break
            }
        }
        guard let id = Int(String(digits.reversed())), isLive(.contacts, id - 1) else { return nil }
        let found = contactIdentity(id - 1).emails.contains { $0.lowercased() == wanted }
        return found ? id - 1 : nil
    }

    /// The contact's `date_created` (epoch seconds), drawn exactly as ``writeContact`` draws it.
    func contactCreated(_ index: Int) -> Int {
        var rng = random(.contactDetail, index)
        let seeded = createdAndUpdated(&rng)
        return stamped(.contacts, index, created: seeded.created, updated: seeded.updated).created
    }
}

/// The `order` values `/v1/contacts` accepts (v1 spec enum) and how each sorts.
enum ContactOrder: String {
    case id
    case dateCreated = "date_created"
    case lastUpdated = "last_updated"
    /// Family name, then given name.
    case name
    /// Given name, then family name.
    case firstName
    /// First email address, case-insensitive; contacts without one sort last.
    case email

    /// Parses the `order` query value (case-insensitive); nil when unknown.
    init?(query value: String) {
        let lowered = value.lowercased()
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else { return nil }
        self = match
    }

    static let allCases: [ContactOrder] = [.id, .dateCreated, .lastUpdated, .name, .firstName, .email]

    /// The cached ordering of all contacts (ties broken by id); nil for `id`, the natural order.
    func ordering(_ world: SandboxWorld) -> FilterIndexCache.Ordering? {
        let count = world.sizes.contacts
        switch self {
        case .id:
            return nil
        case .dateCreated:
            return world.indexCache.ordering("contacts.order.date_created") {
                Self.sort(count) { world.contactCreated($0) }
            }
        case .lastUpdated:
            return world.indexCache.ordering("contacts.order.last_updated") {
                Self.sort(count) { world.contactLastUpdated($0) }
            }
        case .name:
            return world.indexCache.ordering("contacts.order.name") {
                Self.sort(count) { index -> String in
                    let names = world.contactNamePoolIndexes(index)
                    return SamplePools.familyNames[names.family].0 + "\u{1}" + SamplePools.givenNames[names.given].0
                }
            }
        case .firstName:
            return world.indexCache.ordering("contacts.order.firstName") {
                Self.sort(count) { index -> String in
                    let names = world.contactNamePoolIndexes(index)
                    return SamplePools.givenNames[names.given].0 + "\u{1}" + SamplePools.familyNames[names.family].0
                }
            }
        case .email:
            return world.indexCache.ordering("contacts.order.email") {
                // "\u{10FFFF}" sorts after every address, so contacts without one come last.
                Self.sort(count) { world.contactIdentity($0).emails.first?.lowercased() ?? "\u{10FFFF}" }
            }
        }
    }

    /// `rows` sorted in this order (ties by index), computed without the cache: for a world whose
    /// contacts were changed.
    func sorted(_ rows: [Int], world: SandboxWorld) -> [Int] {
        switch self {
        case .id:
            return rows.sorted()
        case .dateCreated:
            return Self.sort(rows) { world.contactCreated($0) }
        case .lastUpdated:
            return Self.sort(rows) { world.contactLastUpdated($0) }
        case .name:
            return Self.sort(rows) { index -> String in
                let person = world.contactIdentity(index)
                return person.familyName + "\u{1}" + person.givenName
            }
        case .firstName:
            return Self.sort(rows) { index -> String in
                let person = world.contactIdentity(index)
                return person.givenName + "\u{1}" + person.familyName
            }
        case .email:
            return Self.sort(rows) { world.contactIdentity($0).emails.first?.lowercased() ?? "\u{10FFFF}" }
        }
    }

    /// `rows` sorted by `key`, ties by index.
    static func sort<Key: Comparable>(_ rows: [Int], key: (Int) -> Key) -> [Int] {
        rows.map { ($0, key($0)) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map(\.0)
    }

    /// Indexes `0..<count` sorted by `key`, ties by index.
    private static func sort<Key: Comparable>(_ count: Int, key: (Int) -> Key) -> [Int] {
        let keys = (0..<count).map(key)
        return (0..<count).sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
    }
}
