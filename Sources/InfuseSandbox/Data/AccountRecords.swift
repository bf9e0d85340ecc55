/// Single-object endpoints: account profile, user info, countries and resource models
/// (v1 spec `AccountProfile`, `UserInfoDTO`, `CountriesByCode`, `ObjectModel`; KEAP-API.md §6).
extension SandboxWorld {
    func writeAccountProfile(into w: inout JSONWriter) {
        w.beginObject()
        w.field("name", "Sandbox Demo Co. — Zoë's Café")
        w.field("email", "owner@sandbox.example.com")
        w.field("phone", "(480) 555-0100")
        w.field("phone_ext", "")
        w.field("website", "https://sandbox.example.com")
        w.field("time_zone", "America/Phoenix")
        w.field("currency_code", "USD")
        w.field("language_tag", "en-US")
        w.field("business_type", "Consulting")
        w.field("business_primary_color", "#2E7D32")
        w.field("business_secondary_color", "#FFFFFF")
        w.field("logo_url", nil as String?)
        w.key("business_goals")
        w.beginArray()
        w.string("Grow revenue")
        w.string("Automate follow-up")
        w.endArray()
        w.key("address")
        w.beginObject()
        w.field("field", static: "BILLING")
        w.field("line1", "1 Main St")
        w.field("line2", nil as String?)
        w.field("locality", "Chandler")
        w.field("region", "Arizona")
        w.field("postal_code", "85224")
        w.field("zip_code", "85224")
        w.field("zip_four", nil as String?)
        w.field("country_code", "USA")
        w.endObject()
        w.endObject()
    }

    func writeUserInfo(into w: inout JSONWriter) {
        let user = userIdentity(0)
        w.beginObject()
        w.field("sub", String(user.id))
        w.field("global_user_id", 900_000 + user.id)
        w.field("given_name", user.givenName)
        w.field("family_name", user.familyName)
        w.field("middle_name", nil as String?)
        w.field("preferred_name", user.givenName)
        w.field("email", user.email)
        w.field("infusionsoft_id", user.email)
        w.field("is_admin", true)
        w.endObject()
    }

    static let countries: [(String, String)] = [
        ("USA", "United States"), ("CAN", "Canada"), ("DEU", "Germany"), ("ESP", "Spain"), ("JPN", "Japan"),
        ("IRL", "Ireland"), ("BRA", "Brazil"), ("FRA", "France"), ("CIV", "Côte d'Ivoire"), ("ALA", "Åland Islands"),
    ]

    func writeCountries(into w: inout JSONWriter) {
        w.beginObject()
        w.key("countries")
        w.beginObject()
        for (code, name) in Self.countries {
            w.key(dynamic: code)
            w.string(name)
        }
        w.endObject()
        w.endObject()
    }

    /// Writes `/v1/<resource>/model`; false when the resource has no model.
    func writeModel(_ resource: String, into w: inout JSONWriter) -> Bool {
        guard let model = ModelDefinitions.models[resource] else { return false }
        w.beginObject()
        w.key("custom_fields")
        w.beginArray()
        for definition in resource == "contacts" ? contactFieldDefinitions() : model.fields { definition.writeDefinition(into: &w) }
        w.endArray()
        w.key("optional_properties")
        w.beginArray()
        for name in model.optional { w.string(name) }
        w.endArray()
        w.endObject()
        return true
    }
}
