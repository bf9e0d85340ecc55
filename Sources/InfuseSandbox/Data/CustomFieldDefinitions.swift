/// A custom field definition as served by `/v1/<resource>/model` (KEAP-API.md §6, spec `ObjectModel`).
struct CustomFieldDefinition: Sendable {
    enum Content: Sendable {
        case text([String]), wholeNumber, date, currency, dropdown([String])
    }

    let id: Int
    let label: String
    let fieldName: String
    let fieldType: StaticString
    let recordType: StaticString
    let content: Content

    /// Writes one `{id, content}` value for a record, sometimes null.
    func writeValue(_ rng: inout DeterministicRandom, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.key("content")
        if rng.chance(0.25) {
            w.null()
        } else {
            writeDrawnContent(&rng, into: &w, day: false)
        }
        w.endObject()
    }

    /// One drawn value (the draws v1 and v2 share, so both versions show the same value): dates as
    /// Keap's v1 timestamp, or with `day` as `YYYY-MM-DD` (v2).
    func writeDrawnContent(_ rng: inout DeterministicRandom, into w: inout JSONWriter, day: Bool) {
        switch content {
        case .text(let values), .dropdown(let values):
            w.string(rng.pick(values))
        case .wholeNumber:
            w.int(rng.int(1000))
        case .currency:
            w.cents(rng.int(500_000))
        case .date:
            let seconds = SandboxWorld.epochBase + rng.int(SandboxWorld.timeSpan) / 86_400 * 86_400
            if day { w.date(seconds) } else { w.timestamp(seconds) }
        }
    }

    /// Writes the definition object.
    func writeDefinition(into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("label", label)
        w.field("field_name", fieldName)
        w.field("field_type", static: fieldType)
        w.field("record_type", static: recordType)
        w.nullField("default_value")
        w.key("options")
        w.beginArray()
        if case .dropdown(let values) = content {
            for value in values {
                w.beginObject()
                w.field("id", value)
                w.field("label", value)
                w.emptyArrayField("options")
                w.endObject()
            }
        }
        w.endArray()
        w.endObject()
    }
}

/// The custom fields and optional properties of each resource model.
enum ModelDefinitions {
    static let contactFields: [CustomFieldDefinition] = [
        .init(id: 10, label: "Favourite Colour", fieldName: "FavouriteColour", fieldType: "Text",
              recordType: "CONTACT", content: .text(SamplePools.colours)),
        .init(id: 12, label: "Lifetime Score", fieldName: "LifetimeScore", fieldType: "WholeNumber",
              recordType: "CONTACT", content: .wholeNumber),
        .init(id: 14, label: "Renewal Date", fieldName: "RenewalDate", fieldType: "Date",
              recordType: "CONTACT", content: .date),
        .init(id: 16, label: "Budget", fieldName: "Budget", fieldType: "Currency",
              recordType: "CONTACT", content: .currency),
        .init(id: 18, label: "Preferred Channel", fieldName: "PreferredChannel", fieldType: "Dropdown",
              recordType: "CONTACT", content: .dropdown(["Email", "Phone", "SMS", "Courrier"])),
        .init(id: 20, label: "Notes 備考", fieldName: "Notes", fieldType: "TextArea",
              recordType: "CONTACT", content: .text(SamplePools.noteBodies)),
    ]

    static let companyFields: [CustomFieldDefinition] = [
        .init(id: 30, label: "Industry", fieldName: "Industry", fieldType: "Dropdown",
              recordType: "COMPANY", content: .dropdown(["Retail", "SaaS", "Café", "Manufacturing"])),
        .init(id: 32, label: "Employees", fieldName: "Employees", fieldType: "WholeNumber",
              recordType: "COMPANY", content: .wholeNumber),
    ]

    static let opportunityFields: [CustomFieldDefinition] = [
        .init(id: 40, label: "Lead Quality", fieldName: "LeadQuality", fieldType: "Dropdown",
              recordType: "OPPORTUNITY", content: .dropdown(["A", "B", "C"])),
        .init(id: 42, label: "Decision Date", fieldName: "DecisionDate", fieldType: "Date",
              recordType: "OPPORTUNITY", content: .date),
    ]

    static let contactOptionalProperties = [
        "custom_fields", "lead_source_id", "job_title", "anniversary", "birthday", "contact_type", "fax_numbers",
        "origin", "preferred_locale", "preferred_name", "prefix", "relationships", "social_accounts", "source_type",
        "spouse_name", "suffix", "time_zone", "website", "opt_in_reason", "company_name",
    ]

    /// `(resource path segment, custom fields, optional properties)` for every `/v1/<resource>/model`.
    static let models: [String: (fields: [CustomFieldDefinition], optional: [String])] = [
        "contacts": (contactFields, contactOptionalProperties),
        "companies": (companyFields, ["custom_fields", "notes", "fax_number"]),
        "opportunities": (opportunityFields, ["custom_fields"]),
        "affiliates": ([], []),
        "appointments": ([], []),
        "notes": ([], []),
        "orders": ([], ["custom_fields"]),
        "subscriptions": ([], []),
        "tasks": ([], []),
    ]
}
