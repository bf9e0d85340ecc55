/// Application settings and locale options (v1 spec `RestApplicationConfiguration`, `Setting`,
/// `ProvincesByCode`, `RestDefaultOptionsResponse`; KEAP-API.md §6).
extension SandboxWorld {
    static let contactTypes = ["Lead", "Customer", "Partner", "Vendor", "Other"]
    static let faxTypes = ["Work", "Home", "Other"]
    static let phoneTypes = ["Work", "Home", "Mobile", "Other"]
    static let suffixTypes = ["Jr", "Sr", "II", "III", "PhD"]
    static let titleTypes = ["Mr.", "Mrs.", "Ms.", "Dr.", "Mx."]

    /// Provinces of the countries that have them; other known countries have an empty map.
    static let provinces: [String: [(String, String)]] = [
        "USA": [("AZ", "Arizona"), ("CA", "California"), ("NY", "New York"), ("TX", "Texas"), ("WA", "Washington")],
        "CAN": [("AB", "Alberta"), ("BC", "British Columbia"), ("ON", "Ontario"), ("QC", "Québec")],
        "DEU": [("BY", "Bayern"), ("BE", "Berlin"), ("HH", "Hamburg")],
        "ESP": [("AN", "Andalucía"), ("CT", "Cataluña"), ("MD", "Madrid")],
        "JPN": [("13", "東京都"), ("27", "大阪府")],
    ]

    /// Writes `{"provinces": {code: name}}`; false when the country code is unknown.
    func writeProvinces(countryCode: String, into w: inout JSONWriter) -> Bool {
        let code = countryCode.uppercased()
        guard Self.countries.contains(where: { $0.0 == code }) else { return false }
        w.beginObject()
        w.key("provinces")
        w.beginObject()
        for (province, name) in Self.provinces[code] ?? [] {
            w.key(dynamic: province)
            w.string(name)
        }
        w.endObject()
        w.endObject()
        return true
    }

    func writeDefaultOptions(into w: inout JSONWriter) {
        w.beginObject()
        for (key, values) in [("contact_types", Self.contactTypes), ("fax_types", Self.faxTypes),
                              ("phone_types", Self.phoneTypes), ("suffix_types", Self.suffixTypes),
                              ("title_types", Self.titleTypes)] {
            w.key(dynamic: key)
            w.beginArray()
            for value in values { w.string(value) }
            w.endArray()
        }
        w.endObject()
    }

    /// A `Setting` object: `{"value": "…"}`.
    func writeSetting(_ value: String, into w: inout JSONWriter) {
        w.beginObject()
        w.field("value", value)
        w.endObject()
    }

    /// The contact types as `/v1/setting/contact/optionTypes` lists them (comma-separated).
    var contactOptionTypes: String { Self.contactTypes.joined(separator: ",") }

    /// `RestApplicationConfiguration`: every module of the v1 schema with plausible values.
    func writeApplicationConfiguration(into w: inout JSONWriter) {
        w.beginObject()
        w.key("affiliate")
        w.beginObject()
        w.field("choose_affiliate", false)
        w.key("commission")
        w.beginObject()
        w.field("calculation_type", "Percentage")
        w.field("levels", 2)
        w.field("participant_types", "Affiliate,Partner")
        w.endObject()
        w.field("custom_affiliate_url", "https://sandbox.example.com/aff")
        w.field("display_affiliate_ip_address", false)
        w.field("do_not_notify_affiliate", false)
        w.field("skip_pay_if_unused", true)
        w.field("use_referral_history_if_no_tracking_cookie", true)
        w.endObject()

        w.key("application")
        w.beginObject()
        w.key("company")
        w.beginObject()
        w.field("caller_id_number", "(480) 555-0100")
        w.field("city", "Chandler")
        w.field("country", "United States")
        w.field("email", "owner@sandbox.example.com")
        w.field("name", "Sandbox Demo Co. — Zoë's Café")
        w.field("phone", "(480) 555-0100")
        w.field("phone_ext", "")
        w.field("state", "Arizona")
        w.field("street_address_1", "1 Main St")
        w.field("street_address_2", "")
        w.field("web_logo_url", nil as String?)
        w.field("website", "https://sandbox.example.com")
        w.field("zip", "85224")
        w.endObject()
        w.field("default_view_locale", "en_US")
        w.key("features_enabled")
        w.beginObject()
        w.field("marketing", true)
        w.endObject()
        w.field("time_zone", "America/Phoenix")
        w.endObject()

        for module in ["appointment", "note", "task"] as [String] {
            w.key(dynamic: module)
            w.beginObject()
            w.field("appointment_types", "Call,Meeting,Demo")
            w.field("share_opportunity_with_related_user", false)
            w.endObject()
        }

        w.key("contact")
        w.beginObject()
        w.key("address_labels")
        w.beginObject()
        w.field("line_1", "Street Address 1")
        w.field("line_2", "Street Address 2")
        w.field("line_3", "City, State, Zip")
        w.endObject()
        w.field("contact_types", contactOptionTypes)
        w.field("default_new_contact_form", "Default")
        w.field("disable_contact_edit_in_client_login", false)
        w.field("fax_types", Self.faxTypes.joined(separator: ","))
        w.field("phone_types", Self.phoneTypes.joined(separator: ","))
        w.field("suffix_types", Self.suffixTypes.joined(separator: ","))
        w.field("title_types", Self.titleTypes.joined(separator: ","))
        w.endObject()

        w.key("ecommerce")
        w.beginObject()
        w.field("credit_card_types", "Visa,MasterCard,American Express,Discover")
        w.field("currency", "USD")
        w.field("default_charge_max_retry_attempts", 3)
        w.field("default_country", "United States")
        w.field("default_merchant", "Sandbox Merchant")
        w.field("default_number_of_days_between_charge_attempts", 3)
        w.field("default_tax", "0")
        w.field("default_to_auto_charge", true)
        w.field("merchant_account_max_retry_attempts", 3)
        w.field("payment_types", "Credit Card,Cash,Check")
        w.field("promo_codes", "WELCOME10")
        w.field("track_cost_per_unit", false)
        w.field("track_inventory", false)
        w.endObject()

        w.key("email")
        w.beginObject()
        w.field("append_contact_key_to_links", false)
        w.field("default_opt_in_link", "https://sandbox.example.com/opt-in")
        w.field("default_opt_out_link", "https://sandbox.example.com/opt-out")
        w.field("hide_emails_to_and_from_domains", "")
        w.field("whitelisted_domains", "sandbox.example.com")
        w.endObject()

        w.key("forms")
        w.beginObject()
        w.field("spam_filters_enabled", true)
        w.endObject()

        w.key("fulfillment")
        w.beginObject()
        w.field("default_message_fields", "Name,Address")
        w.field("default_message_to", "owner@sandbox.example.com")
        w.endObject()

        w.key("invoice")
        w.beginObject()
        w.field("tax_label", "Sales tax")
        w.endObject()

        w.key("opportunity")
        w.beginObject()
        w.field("default_stage", SamplePools.stageNames[0])
        w.key("states")
        w.beginObject()
        w.key("active")
        w.beginObject()
        w.field("stages", SamplePools.stageNames.prefix(4).joined(separator: ","))
        w.endObject()
        w.key("loss")
        w.beginObject()
        w.field("reasons", "Price,Timing,Competitor")
        w.field("stage", "Lost")
        w.endObject()
        w.key("win")
        w.beginObject()
        w.field("reasons", "Fit,Price")
        w.field("stage", "Won")
        w.endObject()
        w.endObject()
        w.endObject()

        w.key("template")
        w.beginObject()
        w.field("default_country_code", 1)
        w.field("default_user_id", 1)
        w.endObject()
        w.endObject()
    }

    /// The HTML email signature of user `index`, as a JSON string.
    func writeUserSignature(_ index: Int, into w: inout JSONWriter) {
        let user = userIdentity(index)
        w.string("<p>\(user.givenName) \(user.familyName)<br>Sandbox Demo Co.<br>"
            + "<a href=\"mailto:\(user.email)\">\(user.email)</a></p>")
    }
}
