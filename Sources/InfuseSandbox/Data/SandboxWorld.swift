/// The deterministic data set: record *i* of every resource is a pure function of
/// (seed, resource, i). Nothing is stored, so a page costs O(limit) whatever the size.
struct SandboxWorld: Sendable {
    let seed: UInt64
    let sizes: SandboxDataSizes
    /// Filter and ordering indexes built on first use (see ``FilterIndexCache``).
    let indexCache = FilterIndexCache()
    /// Records updated, created and deleted by `POST /_sandbox/changes` (see ``WorldChanges``).
    let changes = WorldChanges()

    /// 2019-01-01T00:00:00Z; every generated timestamp falls after it.
    static let epochBase = 1_546_300_800
    /// About four years of seconds.
    static let timeSpan = 4 * 365 * 86_400

    init(seed: UInt64, records: Int) {
        self.seed = seed
        self.sizes = SandboxDataSizes(records: records)
    }

    func random(_ stream: DataStream, _ index: Int) -> DeterministicRandom {
        DeterministicRandom(seed: seed, stream: stream, index: index)
    }

    /// A creation time and a later update time for a record.
    func createdAndUpdated(_ rng: inout DeterministicRandom) -> (created: Int, updated: Int) {
        let created = Self.epochBase + rng.int(Self.timeSpan)
        let updated = created + rng.int(400 * 86_400)
        return (created, updated)
    }
}

/// The person-level facts about a contact that other resources embed (`contact{…}` objects),
/// drawn from their own stream so embedding never needs the full contact.
struct ContactIdentity {
    let id: Int
    let givenName: String
    let familyName: String
    let middleName: String?
    let emails: [String]
    let companyIndex: Int?
    let jobTitle: String?
    let phones: [(number: String, type: String)]
}

/// The lightweight facts about a user embedded in other records.
struct UserIdentity {
    let id: Int
    let givenName: String
    let familyName: String
    let email: String
}

extension SandboxWorld {
    /// Contact ids are index + 1. Every email address carries the id as the last run of digits
    /// before the `@` (``contactIndex(withEmail:)`` relies on it).
    func contactIdentity(_ index: Int) -> ContactIdentity {
        var rng = random(.contactIdentity, index)
        let given = rng.pick(SamplePools.givenNames)
        let family = rng.pick(SamplePools.familyNames)
        var middle: String? = rng.chance(0.2) ? rng.pick(SamplePools.middleInitials) : nil
        if let revision = changes.revision(.contacts, index), revision.revision > 0 {
            // An update changes the middle name: the next initial in the pool per revision.
            let pool = SamplePools.middleInitials
            let start = middle.flatMap { pool.firstIndex(of: $0) } ?? pool.count - 1
            middle = pool[(start + revision.revision) % pool.count]
        }
        let id = index + 1
        let emailRoll = rng.int(10)
        let emailCount = emailRoll == 0 ? 0 : (emailRoll < 7 ? 1 : (emailRoll < 9 ? 2 : 3))
        var emails: [String] = []
        for n in 0..<emailCount {
            let domain = rng.pick(SamplePools.emailDomains)
            switch n {
            case 0: emails.append("\(given.1).\(family.1)\(id)@\(domain)")
            case 1: emails.append("\(given.1)\(id)@\(domain)")
            default: emails.append("\(family.1).\(id)+alt@\(domain)")
            }
        }
        let company: Int? = rng.chance(0.6) ? rng.int(sizes.companies) : nil
        let job: String? = rng.chance(0.5) ? rng.pick(SamplePools.jobTitles) : nil
        let phoneCount = rng.int(3)
        var phones: [(String, String)] = []
        for _ in 0..<phoneCount {
            let number = "(\(rng.int(in: 200...989))) \(rng.int(in: 200...999))-\(1000 + rng.int(9000))"
            phones.append((number, rng.pick(SamplePools.phoneTypes)))
        }
        return ContactIdentity(id: id, givenName: given.0, familyName: family.0, middleName: middle,
                               emails: emails, companyIndex: company, jobTitle: job, phones: phones)
    }

    /// The contact's tag ids (0–5 distinct, ascending).
    func contactTagIDs(_ index: Int) -> [Int] {
        var rng = random(.contactTags, index)
        let wanted = min(rng.int(6), sizes.tags)
        var ids: [Int] = []
        ids.reserveCapacity(wanted)
        while ids.count < wanted {
            let candidate = rng.int(sizes.tags) + 1
            if !ids.contains(candidate) { ids.append(candidate) }
        }
        ids.sort()
        return ids
    }

    /// Whether contact `index` carries tag `tagID`, without allocating.
    func contactHasTag(_ index: Int, tagID: Int) -> Bool {
        var rng = random(.contactTags, index)
        let wanted = min(rng.int(6), sizes.tags)
        var seen = 0
        var picked: (Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0)
        while seen < wanted {
            let candidate = rng.int(sizes.tags) + 1
            let duplicate = candidate == picked.0 || candidate == picked.1 || candidate == picked.2
                || candidate == picked.3 || candidate == picked.4
            if duplicate { continue }
            if candidate == tagID { return true }
            switch seen {
            case 0: picked.0 = candidate
            case 1: picked.1 = candidate
            case 2: picked.2 = candidate
            case 3: picked.3 = candidate
            default: picked.4 = candidate
            }
            seen += 1
        }
        return false
    }

    /// When a tag was applied to a contact.
    func tagAppliedDate(contactIndex: Int, tagID: Int) -> Int {
        let mixed = DeterministicRandom.mix(seed ^ UInt64(contactIndex) &* 31 ^ UInt64(tagID) &* 0x9E37_79B9)
        return Self.epochBase + Int(mixed % UInt64(Self.timeSpan))
    }

    /// Company names, drawn first from the company stream so embeds agree with the company record.
    func companyName(_ index: Int) -> String {
        var rng = random(.company, index)
        return revisedText(Self.companyName(&rng), changes.revision(.companies, index)?.revision ?? 0)
    }

    static func companyName(_ rng: inout DeterministicRandom) -> String {
        "\(rng.pick(SamplePools.companyWords)) \(rng.pick(SamplePools.companySuffixes))"
    }

    /// User ids are index + 1.
    func userIdentity(_ index: Int) -> UserIdentity {
        var rng = random(.user, index)
        let given = rng.pick(SamplePools.givenNames)
        let family = rng.pick(SamplePools.familyNames)
        return UserIdentity(id: index + 1, givenName: given.0, familyName: family.0,
                            email: "\(given.1).\(family.1)@sandbox.example.com")
    }

    /// A random existing user id.
    func randomUserID(_ rng: inout DeterministicRandom) -> Int {
        rng.int(sizes.users) + 1
    }

    /// A random existing contact index.
    func randomContactIndex(_ rng: inout DeterministicRandom) -> Int {
        rng.int(sizes.contacts)
    }

    /// Writes the `{id, first_name, last_name, email, company_name, job_title[, phone_number]}`
    /// contact summary embedded in opportunities, orders and tasks.
    func writeContactSummary(_ index: Int, includeCompany: Bool, includePhone: Bool, into w: inout JSONWriter) {
        let contact = contactIdentity(index)
        w.beginObject()
        w.field("id", contact.id)
        w.field("first_name", contact.givenName)
        w.field("last_name", contact.familyName)
        w.field("email", contact.emails.first)
        if includeCompany {
            w.field("company_name", contact.companyIndex.map(companyName))
            w.field("job_title", contact.jobTitle)
        }
        if includePhone {
            w.field("phone_number", contact.phones.first?.number)
        }
        w.endObject()
    }
}
