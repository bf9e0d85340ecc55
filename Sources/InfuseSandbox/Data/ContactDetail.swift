/// Every fact of one contact beyond its ``ContactIdentity``, drawn once in a fixed order so the
/// v1 shape (``SandboxWorld/writeContact(_:full:optional:into:)``), the v2 shape and the export
/// all show the same record.
struct ContactDetail {
    struct Address {
        let city: (locality: String, region: String, postal: String, country: String)
        let line1: String
        let line2: String?
    }

    let person: ContactIdentity
    /// Epoch seconds, after changes.
    let created: Int
    let updated: Int
    /// `last_updated_utc_millis`: the update instant in milliseconds.
    let updatedMillis: Int
    let optedIn: Bool
    /// v1 spelling, e.g. `UnengagedMarketable`.
    let emailStatus: String
    /// One per phone in ``ContactIdentity/phones``; "" when none.
    let phoneExtensions: [String]
    let addresses: [Address]
    let ownerID: Int?
    let score: String?
    let leadSourceID: Int?
    let website: String?
    /// Epoch seconds of midnight UTC.
    let birthday: Int?
    let timeZone: String?
    let prefix: String?
    let locale: String
    let contactType: String
    /// v1 spelling, e.g. `FORMAPIHOSTED`.
    let sourceType: String
    let hasTwitter: Bool
    let originIP: String?
}

extension SandboxWorld {
    /// The facts of contact `index`, with changes applied.
    func contactDetail(_ index: Int) -> ContactDetail {
        let person = contactIdentity(index)
        var rng = random(.contactDetail, index)
        let seededTimes = createdAndUpdated(&rng)
        let times = stamped(.contacts, index, created: seededTimes.created, updated: seededTimes.updated)
        let optedIn = !person.emails.isEmpty && rng.chance(0.6)
        let status = person.emails.isEmpty ? "NonMarketable" : rng.pick(SamplePools.emailStatuses)
        var extensions: [String] = []
        for _ in person.phones {
            extensions.append(rng.chance(0.2) ? String(rng.int(in: 100...999)) : "")
        }
        var addresses: [ContactDetail.Address] = []
        for _ in 0..<rng.int(3) {
            let city = rng.pick(SamplePools.cities)
            let line1 = "\(rng.int(in: 1...9999)) \(rng.pick(SamplePools.streets))"
            let line2: String? = rng.chance(0.3) ? "Suite \(rng.int(in: 1...500))" : nil
            addresses.append(.init(city: city, line1: line1, line2: line2))
        }
        let ownerID: Int? = rng.chance(0.7) ? randomUserID(&rng) : nil
        let score: String? = rng.chance(0.5) ? String(rng.int(100)) : nil
        let drawnMillis = times.updated * 1000 + rng.int(1000)
        let leadSource: Int? = rng.chance(0.4) ? rng.int(in: 1...20) : nil
        let website: String? = rng.chance(0.3) ? "https://www.example.com/~\(person.id)" : nil
        let birthday: Int? = rng.chance(0.4) ? 0 - rng.int(60 * 365 * 86_400) / 86_400 * 86_400 + 946_684_800 : nil
        let timeZone: String? = rng.chance(0.5) ? "America/Phoenix" : nil
        let prefix: String? = rng.chance(0.2) ? "Dr." : nil
        let locale = rng.chance(0.5) ? "en_US" : "fr_CA"
        let contactType = rng.chance(0.5) ? "Lead" : "Customer"
        let sourceType = rng.pick(SamplePools.sourceTypes)
        let twitter = rng.chance(0.2)
        let originIP: String? = rng.chance(0.5) ? "192.0.2.\(rng.int(in: 1...254))" : nil
        return ContactDetail(person: person, created: times.created, updated: times.updated,
                             updatedMillis: times.updatedMillis ?? drawnMillis, optedIn: optedIn, emailStatus: status,
                             phoneExtensions: extensions, addresses: addresses, ownerID: ownerID, score: score,
                             leadSourceID: leadSource, website: website, birthday: birthday, timeZone: timeZone,
                             prefix: prefix, locale: locale, contactType: contactType, sourceType: sourceType,
                             hasTwitter: twitter, originIP: originIP)
    }
}
