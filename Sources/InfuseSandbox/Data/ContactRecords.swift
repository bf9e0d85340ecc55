import Foundation

/// Contacts: list items shaped like the captured live response (KEAP-API.md §7a: `tag_ids` and
/// `last_updated_utc_millis` present, `custom_fields` only when asked for) and `FullContact` by id.
extension SandboxWorld {
    /// Writes contact `index`. `full` adds the `FullContact`-only fields (by-id GET).
    func writeContact(_ index: Int, full: Bool, optional: OptionalProperties, into w: inout JSONWriter) {
        let person = contactIdentity(index)
        var rng = random(.contactDetail, index)
        let (created, updated) = createdAndUpdated(&rng)
        let anyOptional = !optional.isEmpty
        let wants = { (name: String) in full || (anyOptional && optional.contains(name)) }

        w.beginObject()
        w.field("id", person.id)
        w.field("given_name", person.givenName)
        w.field("family_name", person.familyName)
        w.field("middle_name", person.middleName)
        w.key("email_addresses")
        w.beginArray()
        for (n, email) in person.emails.enumerated() {
            w.beginObject()
            w.field("email", email)
            w.key("field")
            w.string(static: n == 0 ? "EMAIL1" : (n == 1 ? "EMAIL2" : "EMAIL3"))
            w.endObject()
        }
        w.endArray()
        let optedIn = !person.emails.isEmpty && rng.chance(0.6)
        w.field("email_opted_in", optedIn)
        w.field("email_status", person.emails.isEmpty ? "NonMarketable" : rng.pick(SamplePools.emailStatuses))
        w.key("phone_numbers")
        w.beginArray()
        for (n, phone) in person.phones.enumerated() {
            w.beginObject()
            w.field("number", phone.number)
            w.field("extension", rng.chance(0.2) ? String(rng.int(in: 100...999)) : "")
            w.key("field")
            w.string(static: n == 0 ? "PHONE1" : "PHONE2")
            w.field("type", phone.type)
            w.endObject()
        }
        w.endArray()
        w.key("addresses")
        w.beginArray()
        let addressCount = rng.int(3)
        for n in 0..<addressCount {
            let city = rng.pick(SamplePools.cities)
            w.beginObject()
            w.key("field")
            w.string(static: n == 0 ? "BILLING" : "SHIPPING")
            w.field("line1", "\(rng.int(in: 1...9999)) \(rng.pick(SamplePools.streets))")
            w.field("line2", rng.chance(0.3) ? "Suite \(rng.int(in: 1...500))" : nil)
            w.field("locality", city.locality)
            w.field("region", city.region)
            w.field("postal_code", city.postal)
            w.field("zip_code", city.country == "USA" ? city.postal : nil)
            w.field("zip_four", nil as String?)
            w.field("country_code", city.country)
            w.endObject()
        }
        w.endArray()
        w.key("company")
        if let companyIndex = person.companyIndex {
            w.beginObject()
            w.field("id", companyIndex + 1)
            w.field("company_name", companyName(companyIndex))
            w.endObject()
        } else {
            w.null()
        }
        let ownerID: Int? = rng.chance(0.7) ? randomUserID(&rng) : nil
        w.field("owner_id", ownerID)
        w.field("ScoreValue", rng.chance(0.5) ? String(rng.int(100)) : nil)
        w.field("date_created", timestamp: created)
        w.field("last_updated", timestamp: updated)
        w.field("last_updated_utc_millis", updated * 1000 + rng.int(1000))
        w.key("tag_ids")
        w.beginArray()
        for tagID in contactTagIDs(index) { w.int(tagID) }
        w.endArray()

        let leadSource: Int? = rng.chance(0.4) ? rng.int(in: 1...20) : nil
        if wants("lead_source_id") { w.field("lead_source_id", leadSource) }
        let jobTitle = person.jobTitle
        if wants("job_title") { w.field("job_title", jobTitle) }
        let website: String? = rng.chance(0.3) ? "https://www.example.com/~\(person.id)" : nil
        if wants("website") { w.field("website", website) }
        let birthday: Int? = rng.chance(0.4) ? 0 - rng.int(60 * 365 * 86_400) / 86_400 * 86_400 + 946_684_800 : nil
        if wants("birthday") { w.field("birthday", timestamp: birthday) }
        if wants("anniversary") { w.field("anniversary", nil as String?) }
        if wants("time_zone") { w.field("time_zone", rng.chance(0.5) ? "America/Phoenix" : nil) }
        if wants("preferred_name") { w.field("preferred_name", nil as String?) }
        if wants("prefix") { w.field("prefix", rng.chance(0.2) ? "Dr." : nil) }
        if wants("suffix") { w.field("suffix", nil as String?) }
        if wants("spouse_name") { w.field("spouse_name", nil as String?) }
        if wants("preferred_locale") { w.field("preferred_locale", rng.chance(0.5) ? "en_US" : "fr_CA") }
        if wants("contact_type") { w.field("contact_type", rng.chance(0.5) ? "Lead" : "Customer") }
        if wants("source_type") { w.field("source_type", rng.pick(SamplePools.sourceTypes)) }
        if wants("company_name") { w.field("company_name", person.companyIndex.map(companyName)) }
        if wants("fax_numbers") { w.emptyArrayField("fax_numbers") }
        if wants("social_accounts") {
            w.key("social_accounts")
            w.beginArray()
            if rng.chance(0.2) {
                w.beginObject()
                w.field("name", "@\(person.id)")
                w.field("type", static: "Twitter")
                w.endObject()
            }
            w.endArray()
        }
        if wants("opt_in_reason") { w.field("opt_in_reason", optedIn ? "Customer opted-in through webform" : nil) }
        if wants("origin") {
            w.key("origin")
            if rng.chance(0.5) {
                w.beginObject()
                w.field("date", timestamp: created)
                w.field("ip_address", "192.0.2.\(rng.int(in: 1...254))")
                w.endObject()
            } else {
                w.null()
            }
        }
        if wants("relationships") { w.emptyArrayField("relationships") }
        if optional.contains("custom_fields") {
            var fieldRNG = random(.contactDetail, index &+ 1_000_000_007)
            w.key("custom_fields")
            w.beginArray()
            for definition in ModelDefinitions.contactFields {
                definition.writeValue(&fieldRNG, into: &w)
            }
            w.endArray()
        }
        w.endObject()
    }

    /// The contact's `last_updated` (epoch seconds), drawn exactly as ``writeContact`` draws it.
    func contactLastUpdated(_ index: Int) -> Int {
        var rng = random(.contactDetail, index)
        return createdAndUpdated(&rng).updated
    }

    /// Writes one `{tag:{id,name,category}, date_applied}` item of `/v1/contacts/{id}/tags`.
    func writeAppliedTag(contactIndex: Int, tagID: Int, into w: inout JSONWriter) {
        w.beginObject()
        w.key("tag")
        let tag = tagFacts(tagID - 1)
        w.beginObject()
        w.field("id", tagID)
        w.field("name", tag.name)
        w.field("category", tag.category?.name)
        w.endObject()
        w.field("date_applied", timestamp: tagAppliedDate(contactIndex: contactIndex, tagID: tagID))
        w.endObject()
    }

    /// Writes one `{contact:{id,email,first_name,last_name}, date_applied}` item of `/v1/tags/{id}/contacts`.
    func writeTaggedContact(contactIndex: Int, tagID: Int, into w: inout JSONWriter) {
        let person = contactIdentity(contactIndex)
        w.beginObject()
        w.key("contact")
        w.beginObject()
        w.field("id", person.id)
        w.field("email", person.emails.first)
        w.field("first_name", person.givenName)
        w.field("last_name", person.familyName)
        w.endObject()
        w.field("date_applied", timestamp: tagAppliedDate(contactIndex: contactIndex, tagID: tagID))
        w.endObject()
    }
}

/// The parsed `optional_properties` query parameter (comma list).
struct OptionalProperties {
    private let names: Set<String>

    init(_ raw: String?) {
        names = Set((raw ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    var isEmpty: Bool { names.isEmpty }

    func contains(_ name: String) -> Bool {
        names.contains(name)
    }
}
