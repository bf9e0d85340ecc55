import Foundation

/// Contacts: list items shaped like the captured live response (KEAP-API.md §7a: `tag_ids` and
/// `last_updated_utc_millis` present, `custom_fields` only when asked for) and `FullContact` by id.
extension SandboxWorld {
    /// Writes contact `index` in the v1 shape. `full` adds the `FullContact`-only fields (by-id GET).
    func writeContact(_ index: Int, full: Bool, optional: OptionalProperties, into w: inout JSONWriter) {
        let contact = contactDetail(index)
        let person = contact.person
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
        w.field("email_opted_in", contact.optedIn)
        w.field("email_status", contact.emailStatus)
        w.key("phone_numbers")
        w.beginArray()
        for (n, phone) in person.phones.enumerated() {
            w.beginObject()
            w.field("number", phone.number)
            w.field("extension", contact.phoneExtensions[n])
            w.key("field")
            w.string(static: n == 0 ? "PHONE1" : "PHONE2")
            w.field("type", phone.type)
            w.endObject()
        }
        w.endArray()
        w.key("addresses")
        w.beginArray()
        for (n, address) in contact.addresses.enumerated() {
            w.beginObject()
            w.key("field")
            w.string(static: n == 0 ? "BILLING" : "SHIPPING")
            w.field("line1", address.line1)
            w.field("line2", address.line2)
            w.field("locality", address.city.locality)
            w.field("region", address.city.region)
            w.field("postal_code", address.city.postal)
            w.field("zip_code", address.city.country == "USA" ? address.city.postal : nil)
            w.field("zip_four", nil as String?)
            w.field("country_code", address.city.country)
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
        w.field("owner_id", contact.ownerID)
        w.field("ScoreValue", contact.score)
        w.field("date_created", timestamp: contact.created)
        w.field("last_updated", timestamp: contact.updated)
        w.field("last_updated_utc_millis", contact.updatedMillis)
        w.key("tag_ids")
        w.beginArray()
        for tagID in contactTagIDs(index) { w.int(tagID) }
        w.endArray()

        if wants("lead_source_id") { w.field("lead_source_id", contact.leadSourceID) }
        if wants("job_title") { w.field("job_title", person.jobTitle) }
        if wants("website") { w.field("website", contact.website) }
        if wants("birthday") { w.field("birthday", timestamp: contact.birthday) }
        if wants("anniversary") { w.field("anniversary", nil as String?) }
        if wants("time_zone") { w.field("time_zone", contact.timeZone) }
        if wants("preferred_name") { w.field("preferred_name", nil as String?) }
        if wants("prefix") { w.field("prefix", contact.prefix) }
        if wants("suffix") { w.field("suffix", nil as String?) }
        if wants("spouse_name") { w.field("spouse_name", nil as String?) }
        if wants("preferred_locale") { w.field("preferred_locale", contact.locale) }
        if wants("contact_type") { w.field("contact_type", contact.contactType) }
        if wants("source_type") { w.field("source_type", contact.sourceType) }
        if wants("company_name") { w.field("company_name", person.companyIndex.map(companyName)) }
        if wants("fax_numbers") { w.emptyArrayField("fax_numbers") }
        if wants("social_accounts") {
            w.key("social_accounts")
            w.beginArray()
            if contact.hasTwitter {
                w.beginObject()
                w.field("name", "@\(person.id)")
                w.field("type", static: "Twitter")
                w.endObject()
            }
            w.endArray()
        }
        if wants("opt_in_reason") { w.field("opt_in_reason", contact.optedIn ? Self.optInReason : nil) }
        if wants("origin") {
            w.key("origin")
            if let ip = contact.originIP {
                w.beginObject()
                w.field("date", timestamp: contact.created)
                w.field("ip_address", ip)
                w.endObject()
            } else {
                w.null()
            }
        }
        if wants("relationships") { w.emptyArrayField("relationships") }
        if optional.contains("custom_fields") {
            var fieldRNG = customFieldRandom(contactIndex: index)
            w.key("custom_fields")
            w.beginArray()
            for definition in ModelDefinitions.contactFields {
                definition.writeValue(&fieldRNG, into: &w)
            }
            writeAddedContactFields(index, v2: false, into: &w)
            w.endArray()
        }
        w.endObject()
    }

    static let optInReason = "Customer opted-in through webform"

    /// The generator of contact `index`'s custom field values (v1 and v2 draw the same ones).
    func customFieldRandom(contactIndex index: Int) -> DeterministicRandom {
        random(.contactDetail, index &+ 1_000_000_007)
    }

    /// The contact's `last_updated` (epoch seconds), drawn exactly as ``writeContact`` draws it.
    func contactLastUpdated(_ index: Int) -> Int {
        var rng = random(.contactDetail, index)
        let seeded = createdAndUpdated(&rng)
        return stamped(.contacts, index, created: seeded.created, updated: seeded.updated).updated
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
