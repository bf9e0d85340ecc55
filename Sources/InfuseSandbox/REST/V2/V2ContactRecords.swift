/// Contacts in the v2 shape (`Contact` of `Specs/2025-11-05-v2.json`), from the same
/// ``ContactDetail`` the v1 shape is written from.
extension SandboxWorld {
    /// The `fields` `/v2/contacts` accepts (the 2025-11-05 list; `notes` and `links` are empty here).
    static let v2ContactFields: Set<String> = [
        "addresses", "anniversary_date", "birth_date", "company", "contact_type", "create_time", "custom_fields",
        "email_addresses", "family_name", "fax_numbers", "given_name", "id", "job_title", "leadsource_id", "links",
        "middle_name", "notes", "origin", "owner_id", "phone_numbers", "preferred_locale", "preferred_name", "prefix",
        "referral_code", "score_value", "social_accounts", "source_type", "spouse_name", "suffix", "tag_ids",
        "time_zone", "update_time", "utm_parameters", "website",
    ]

    /// Every contact field but `custom_fields`, which (as in v1) comes only when asked for.
    static let v2ContactDefaultFields = v2ContactFields.subtracting(["custom_fields"])

    func writeV2Contact(_ index: Int, fields f: V2Fields, into w: inout JSONWriter) {
        let contact = contactDetail(index)
        let person = contact.person
        w.beginObject()
        w.key("id")
        w.string(String(person.id))
        if f.wants("addresses") {
            w.key("addresses")
            w.beginArray()
            for (n, address) in contact.addresses.enumerated() {
                w.beginObject()
                w.field("field", static: n == 0 ? "BILLING" : "SHIPPING")
                w.field("line1", address.line1)
                if let line2 = address.line2 { w.field("line2", line2) }
                w.field("locality", address.city.locality)
                w.field("region", address.city.region)
                w.field("postal_code", address.city.postal)
                if address.city.country == "USA" { w.field("zip_code", address.city.postal) }
                w.field("country_code", address.city.country)
                w.endObject()
            }
            w.endArray()
        }
        if let birthday = contact.birthday, f.wants("birth_date") {
            w.key("birth_date")
            w.date(birthday)
        }
        if f.wants("company"), let companyIndex = person.companyIndex {
            w.key("company")
            w.beginObject()
            w.field("id", String(companyIndex + 1))
            w.field("company_name", companyName(companyIndex))
            w.endObject()
        }
        w.v2String(f, "contact_type", contact.contactType)
        w.v2Time(f, "create_time", millis: contact.created * 1000)
        if f.wants("custom_fields") {
            var fieldRNG = customFieldRandom(contactIndex: index)
            w.key("custom_fields")
            w.beginArray()
            for definition in ModelDefinitions.contactFields { definition.writeV2Value(&fieldRNG, into: &w) }
            writeAddedContactFields(index, v2: true, into: &w)
            w.endArray()
        }
        if f.wants("email_addresses") {
            w.key("email_addresses")
            w.beginArray()
            for (n, email) in person.emails.enumerated() {
                w.beginObject()
                w.field("email", email)
                w.field("field", static: n == 0 ? "EMAIL1" : (n == 1 ? "EMAIL2" : "EMAIL3"))
                w.field("email_opt_status", Self.v2EmailStatus(contact.emailStatus))
                w.field("is_opt_in", contact.optedIn)
                if contact.optedIn { w.field("opt_in_reason", Self.optInReason) }
                w.endObject()
            }
            w.endArray()
        }
        w.v2String(f, "family_name", person.familyName)
        if f.wants("fax_numbers") { w.emptyArrayField("fax_numbers") }
        w.v2String(f, "given_name", person.givenName)
        w.v2String(f, "job_title", person.jobTitle)
        w.v2ID(f, "leadsource_id", contact.leadSourceID)
        if f.wants("links") { w.emptyArrayField("links") }
        w.v2String(f, "middle_name", person.middleName)
        if f.wants("origin"), let ip = contact.originIP {
            w.key("origin")
            w.beginObject()
            w.key("date")
            w.isoTimestamp(millis: contact.created * 1000)
            w.field("ip_address", ip)
            w.endObject()
        }
        w.v2ID(f, "owner_id", contact.ownerID)
        if f.wants("phone_numbers") {
            w.key("phone_numbers")
            w.beginArray()
            for (n, phone) in person.phones.enumerated() {
                w.beginObject()
                w.field("number", phone.number)
                w.field("extension", contact.phoneExtensions[n])
                w.field("field", static: n == 0 ? "PHONE1" : "PHONE2")
                w.field("type", phone.type)
                w.endObject()
            }
            w.endArray()
        }
        w.v2String(f, "preferred_locale", contact.locale)
        w.v2String(f, "prefix", contact.prefix)
        w.v2String(f, "score_value", contact.score)
        if f.wants("social_accounts") {
            w.key("social_accounts")
            w.beginArray()
            if contact.hasTwitter {
                w.beginObject()
                w.field("name", "@\(person.id)")
                w.field("type", static: "TWITTER")
                w.endObject()
            }
            w.endArray()
        }
        w.v2String(f, "source_type", Self.v2SourceType(contact.sourceType))
        if f.wants("tag_ids") {
            w.key("tag_ids")
            w.beginArray()
            for tagID in contactTagIDs(index) { w.string(String(tagID)) }
            w.endArray()
        }
        w.v2String(f, "time_zone", contact.timeZone)
        w.v2Time(f, "update_time", millis: contact.updatedMillis)
        if f.wants("utm_parameters") { w.emptyArrayField("utm_parameters") }
        w.v2String(f, "website", contact.website)
        w.endObject()
    }

    /// The contact's update instant in milliseconds (`update_time`, v1 `last_updated_utc_millis`).
    func contactUpdatedMillis(_ index: Int) -> Int {
        contactDetail(index).updatedMillis
    }

    /// v1 `email_status` spellings → the v2 `email_opt_status` enum.
    static func v2EmailStatus(_ v1: String) -> String {
        switch v1 {
        case "UnengagedMarketable": "UNENGAGED_MARKETABLE"
        case "SingleOptIn": "SINGLE_OPT_IN"
        case "DoubleOptin": "DOUBLE_OPT_IN"
        case "Confirmed": "CONFIRMED"
        case "UnengagedNonMarketable": "UNENGAGED_NON_MARKETABLE"
        case "Lockdown": "LOCKDOWN"
        case "Bounce": "BOUNCE"
        case "HardBounce": "HARD_BOUNCE"
        default: "NON_MARKETABLE"
        }
    }

    /// v1 `source_type` spellings → the v2 `source_type` enum.
    static func v2SourceType(_ v1: String) -> String {
        switch v1 {
        case "APPOINTMENT": "APPOINTMENT"
        case "FORMAPIHOSTED": "FORM_API_HOSTED"
        case "FORMAPIINTERNAL": "FORM_API_INTERNAL"
        case "WEBFORM": "WEBFORM"
        case "INTERNALFORM": "INTERNAL_FORM"
        case "LANDINGPAGE": "LANDING_PAGE"
        case "IMPORT": "IMPORT"
        case "MANUAL": "MANUAL"
        case "API": "API"
        case "OTHER": "OTHER"
        default: "UNKNOWN"
        }
    }
}

extension CustomFieldDefinition {
    /// Whether the values are dates (written `YYYY-MM-DD` in v2).
    var holdsDates: Bool {
        if case .date = content { return true }
        return false
    }

    /// The v2 `field_type` enum value of this definition.
    var v2FieldType: StaticString {
        switch content {
        case .text: fieldName == "Notes" ? "TEXT_AREA" : "TEXT"
        case .wholeNumber: "WHOLE_NUMBER"
        case .date: "DATE"
        case .currency: "CURRENCY"
        case .dropdown: "DROPDOWN"
        }
    }

    /// One `{id, content}` value in the v2 shape: the same draws as ``writeValue(_:into:)``, the
    /// id as a string, dates as `YYYY-MM-DD`; an empty value has no `content`.
    func writeV2Value(_ rng: inout DeterministicRandom, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", String(id))
        if !rng.chance(0.25) {
            w.key("content")
            writeDrawnContent(&rng, into: &w, day: true)
        }
        w.endObject()
    }

    /// The definition in the v2 `/model` shape.
    func writeV2Definition(into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", String(id))
        w.field("label", label)
        w.field("field_name", fieldName)
        w.field("field_type", static: v2FieldType)
        w.field("record_type", static: recordType)
        w.key("options")
        w.beginArray()
        if case .dropdown(let values) = content {
            for value in values {
                w.beginObject()
                w.field("id", value)
                w.field("label", value)
                w.endObject()
            }
        }
        w.endArray()
        w.endObject()
    }
}
