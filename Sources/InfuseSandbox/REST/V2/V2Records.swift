/// The v2 shapes (`Specs/2025-11-05-v2.json`) of the resources other than contacts, each a
/// projection of the record the v1 writer produces, so both versions show the same data.
extension SandboxWorld {
    // MARK: v1 records read back

    func v1Company(_ index: Int) -> V1Record {
        V1Record { writeCompany(index, optional: OptionalProperties("notes,fax_number,custom_fields"), into: &$0) }
    }

    func v1Opportunity(_ index: Int) -> V1Record {
        V1Record { writeOpportunity(index, optional: OptionalProperties("custom_fields"), into: &$0) }
    }

    func v1Order(_ index: Int) -> V1Record { V1Record { writeOrder(index, into: &$0) } }
    func v1Product(_ index: Int) -> V1Record { V1Record { writeProduct(index, into: &$0) } }
    func v1Task(_ index: Int) -> V1Record { V1Record { writeTask(index, into: &$0) } }
    func v1User(_ index: Int) -> V1Record { V1Record { writeUser(index, into: &$0) } }
    func v1Campaign(_ index: Int) -> V1Record { V1Record { writeCampaign(index, withStats: true, into: &$0) } }
    func v1Email(_ index: Int) -> V1Record { V1Record { writeEmail(index, withContent: false, into: &$0) } }
    func v1Subscription(_ index: Int) -> V1Record { V1Record { writeSubscription(index, into: &$0) } }
    func v1Affiliate(_ index: Int) -> V1Record { V1Record { writeAffiliate(index, into: &$0) } }

    /// Creation and update instants (epoch ms) of records whose v1 shape carries none
    /// (companies, tags, affiliates), drawn from their own stream, changes applied.
    func v2Times(_ resource: DataStream, _ index: Int, changeable: ChangeableResource? = nil) -> (created: Int, updated: Int) {
        var rng = random(.v2Detail, Int(resource.rawValue) &* 100_000_000 &+ index)
        let seeded = createdAndUpdated(&rng)
        guard let changeable else { return (seeded.created * 1000, seeded.updated * 1000) }
        let times = stamped(changeable, index, created: seeded.created, updated: seeded.updated)
        return (times.created * 1000, times.updatedMillis ?? times.updated * 1000)
    }

    // MARK: Companies

    static let v2CompanyFields: Set<String> = [
        "address", "company_name", "create_time", "custom_fields", "email_address", "fax_number", "id", "notes",
        "phone_number", "update_time", "website",
    ]

    /// The spec's `fields` note: `notes`, `fax_number`, `address`, `email_address`, `phone_number`,
    /// `update_time`, `create_time` and `custom_fields` are not included by default.
    static let v2CompanyDefaultFields: Set<String> = ["id", "company_name", "website"]

    func writeV2Company(_ index: Int, fields f: V2Fields, into w: inout JSONWriter) {
        let v1 = v1Company(index)
        let times = v2Times(.company, index, changeable: .companies)
        w.beginObject()
        w.field("id", String(index + 1))
        if f.wants("address"), let address = v1["address"] {
            w.key("address")
            w.beginObject()
            w.field("field", static: "BILLING")
            for name in ["line1", "line2", "locality", "region", "zip_code", "zip_four", "country_code"] {
                if let value = address[name]?.string {
                    w.key(dynamic: name)
                    w.string(value)
                }
            }
            w.endObject()
        }
        w.v2String(f, "company_name", v1["company_name"]?.string)
        w.v2Time(f, "create_time", millis: times.created)
        if f.wants("custom_fields") {
            writeV2CustomFields(v1["custom_fields"], definitions: ModelDefinitions.companyFields, into: &w)
        }
        if f.wants("email_address"), let email = v1["email_address"]?.string {
            w.key("email_address")
            w.beginObject()
            w.field("email", email)
            w.field("field", static: "EMAIL1")
            w.field("email_opt_status", Self.v2EmailStatus(v1["email_status"]?.string ?? ""))
            w.field("is_opt_in", v1["email_opted_in"]?.bool ?? false)
            w.endObject()
        }
        w.v2String(f, "notes", v1["notes"]?.string)
        if f.wants("phone_number"), let phone = v1["phone_number"] {
            w.key("phone_number")
            w.beginObject()
            w.field("number", phone["number"]?.string)
            w.field("extension", phone["extension"]?.string ?? "")
            w.field("field", static: "PHONE1")
            w.field("type", phone["type"]?.string)
            w.endObject()
        }
        w.v2Time(f, "update_time", millis: times.updated)
        w.v2String(f, "website", v1["website"]?.string)
        w.endObject()
    }

    /// v1 `custom_fields` `[{id:int, content}]` → v2 `[{id:string, content}]`; dates as `YYYY-MM-DD`,
    /// empty values without `content`.
    func writeV2CustomFields(_ values: JSONValue?, definitions: [CustomFieldDefinition], into w: inout JSONWriter) {
        w.key("custom_fields")
        w.beginArray()
        for value in values?.array ?? [] {
            guard let id = value["id"]?.int else { continue }
            w.beginObject()
            w.field("id", String(id))
            if let content = value["content"] {
                w.key("content")
                let isDate = definitions.first { $0.id == id }?.holdsDates ?? false
                if isDate, let text = content.string {
                    w.string(String(text.prefix(10)))
                } else {
                    content.write(into: &w)
                }
            }
            w.endObject()
        }
        w.endArray()
    }

    // MARK: Opportunities

    static let v2OpportunityFields: Set<String> = [
        "affiliate_id", "contact", "created_time", "custom_fields", "estimated_close_time", "id",
        "include_in_forecast", "last_updated_time", "next_action_notes", "next_action_time", "opportunity_notes",
        "opportunity_title", "projected_revenue_high", "projected_revenue_low", "stage", "user",
    ]

    func writeV2Opportunity(_ index: Int, fields f: V2Fields, into w: inout JSONWriter) {
        let v1 = v1Opportunity(index)
        w.beginObject()
        w.field("id", String(index + 1))
        if let affiliate = v1["affiliate_id"]?.int { w.v2ID(f, "affiliate_id", affiliate) }
        if f.wants("contact"), let contact = v1["contact"] {
            w.key("contact")
            w.beginObject()
            w.field("id", String(contact["id"]?.int ?? 0))
            for name in ["first_name", "last_name", "email", "company_name", "job_title", "phone_number"] {
                if let value = contact[name]?.string {
                    w.key(dynamic: name)
                    w.string(value)
                }
            }
            w.endObject()
        }
        w.v2Time(f, "created_time", v1: v1["date_created"]?.string)
        if f.wants("custom_fields") {
            writeV2CustomFields(v1["custom_fields"], definitions: ModelDefinitions.opportunityFields, into: &w)
        }
        w.v2Time(f, "estimated_close_time", v1: v1["estimated_close_date"]?.string)
        w.v2Bool(f, "include_in_forecast", (v1["include_in_forecast"]?.int ?? 0) != 0)
        w.v2Time(f, "last_updated_time", v1: v1["last_updated"]?.string)
        w.v2String(f, "next_action_notes", v1["next_action_notes"]?.string)
        w.v2Time(f, "next_action_time", v1: v1["next_action_date"]?.string)
        w.v2String(f, "opportunity_notes", v1["opportunity_notes"]?.string)
        w.v2String(f, "opportunity_title", v1["opportunity_title"]?.string)
        w.v2Number(f, "projected_revenue_high", v1["projected_revenue_high"]?.number)
        w.v2Number(f, "projected_revenue_low", v1["projected_revenue_low"]?.number)
        if f.wants("stage"), let stage = v1["stage"] {
            w.key("stage")
            w.beginObject()
            w.field("id", String(stage["id"]?.int ?? 0))
            w.field("name", stage["name"]?.string)
            w.emptyArrayField("reasons")
            if let details = stage["details"] {
                w.key("details")
                w.beginObject()
                w.field("probability", details["probability"]?.int)
                w.field("stage_order", details["stage_order"]?.int)
                w.field("target_num_days", details["target_num_days"]?.int)
                w.emptyArrayField("checklist_items")
                w.endObject()
            }
            w.endObject()
        }
        if f.wants("user"), let user = v1["user"] {
            w.key("user")
            w.beginObject()
            w.field("id", String(user["id"]?.int ?? 0))
            w.field("first_name", user["first_name"]?.string)
            w.field("last_name", user["last_name"]?.string)
            w.endObject()
        }
        w.endObject()
    }

    // MARK: Orders

    func writeV2Order(_ index: Int, fields f: V2Fields, into w: inout JSONWriter) {
        let v1 = v1Order(index)
        w.beginObject()
        w.field("id", String(index + 1))
        w.v2Bool(f, "allow_payment", v1["allow_payment"]?.bool)
        w.v2Bool(f, "allow_paypal", v1["allow_paypal"]?.bool)
        if let contact = v1["contact"] {
            w.key("contact")
            w.beginObject()
            w.field("id", String(contact["id"]?.int ?? 0))
            if let email = contact["email"]?.string { w.field("email", email) }
            w.field("given_name", contact["first_name"]?.string)
            w.field("family_name", contact["last_name"]?.string)
            w.endObject()
        }
        w.v2Time(f, "creation_time", v1: v1["creation_date"]?.string)
        w.v2String(f, "invoice_number", v1["invoice_number"]?.int.map(String.init))
        if let affiliate = v1["lead_affiliate_id"]?.int, affiliate > 0 { w.v2ID(f, "lead_affiliate_id", affiliate) }
        w.v2Time(f, "modification_time", v1: v1["modification_date"]?.string)
        w.v2String(f, "notes", v1["notes"]?.string)
        w.key("order_items")
        w.beginArray()
        for item in v1["order_items"]?.array ?? [] {
            w.beginObject()
            w.field("id", String(item["id"]?.int ?? 0))
            w.field("name", item["name"]?.string)
            w.field("item_type", static: "PRODUCT")
            w.field("quantity", item["quantity"]?.int)
            w.v2Money(.all, "price_per_unit", item["price"]?.number)
            w.v2Money(.all, "cost_per_unit", item["cost"]?.number)
            w.v2Money(.all, "discount", item["discount"]?.number)
            if let product = item["product"] {
                w.key("product")
                w.beginObject()
                w.field("id", String(product["id"]?.int ?? 0))
                w.field("name", product["name"]?.string)
                w.field("sku", product["sku"]?.string)
                w.field("shippable", product["shippable"]?.bool ?? false)
                w.field("taxable", product["taxable"]?.bool ?? false)
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
        w.v2Time(f, "order_time", v1: v1["order_date"]?.string)
        w.v2String(f, "order_type", v1["order_type"]?.string?.uppercased())
        w.v2Money(f, "refund_total", v1["refund_total"]?.number)
        if let shipping = v1["shipping_information"] {
            w.key("shipping_information")
            w.beginObject()
            w.field("id", String(shipping["id"]?.int ?? 0))
            w.field("given_name", shipping["first_name"]?.string)
            w.field("family_name", shipping["last_name"]?.string)
            w.key("address")
            w.beginObject()
            w.field("field", static: "SHIPPING")
            w.field("line1", shipping["street1"]?.string)
            w.field("locality", shipping["city"]?.string)
            w.field("region", shipping["state"]?.string)
            w.field("postal_code", shipping["zip"]?.string)
            w.field("country_code", shipping["country"]?.string)
            w.endObject()
            w.endObject()
        }
        w.v2String(f, "source_type", v1["source_type"]?.string)
        // v2's status enum is DRAFT|PAID|SENT|VIEWED: an unpaid or part-paid invoice has been sent.
        w.v2String(f, "status", v1["status"]?.string == "PAID" ? "PAID" : "SENT")
        w.v2String(f, "title", v1["title"]?.string)
        w.v2Money(f, "total", v1["total"]?.number)
        w.v2Money(f, "total_due", v1["total_due"]?.number)
        w.v2Money(f, "total_paid", v1["total_paid"]?.number)
        w.endObject()
    }

    // MARK: Products, tags, tasks, users

    func writeV2Product(_ index: Int, fields f: V2Fields, into w: inout JSONWriter) {
        let v1 = v1Product(index)
        w.beginObject()
        w.field("id", String(index + 1))
        w.field("active", v1["status"]?.int == 1)
        w.field("name", v1["product_name"]?.string)
        w.field("sku", v1["sku"]?.string)
        w.v2Money(.all, "price", v1["product_price"]?.number)
        w.v2String(.all, "description", v1["product_desc"]?.string)
        w.v2String(.all, "short_description", v1["product_short_desc"]?.string)
        w.field("subscription_only", v1["subscription_only"]?.bool ?? false)
        w.field("shippable", index % 3 == 0)
        w.field("taxable", index % 2 == 0)
        w.key("subscription_plans")
        w.beginArray()
        for plan in v1["subscription_plans"]?.array ?? [] {
            w.beginObject()
            w.field("id", String(plan["id"]?.int ?? 0))
            w.field("product_id", String(index + 1))
            w.field("active", plan["active"]?.bool ?? false)
            w.field("cycle_type", static: "MONTHLY")
            w.field("frequency", plan["frequency"]?.int)
            w.field("total_cycles", plan["number_of_cycles"]?.int)
            w.v2Money(.all, "plan_price", plan["plan_price"]?.number)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    func writeV2Tag(_ index: Int, fields f: V2Fields, into w: inout JSONWriter) {
        let tag = tagFacts(index)
        let times = v2Times(.tag, index)
        w.beginObject()
        w.field("id", String(index + 1))
        w.field("name", tag.name)
        if let description = tag.description { w.field("description", description) }
        if let category = tag.category {
            w.key("category")
            w.beginObject()
            w.field("id", String(category.id))
            w.endObject()
        }
        w.key("create_time")
        w.isoTimestamp(millis: times.created)
        w.key("update_time")
        w.isoTimestamp(millis: times.updated)
        w.endObject()
    }

    func writeV2Task(_ index: Int, fields f: V2Fields, into w: inout JSONWriter) {
        let v1 = v1Task(index)
        w.beginObject()
        w.field("id", String(index + 1))
        w.v2ID(.all, "assigned_to_user_id", v1["user_id"]?.int)
        w.field("completed", v1["completed"]?.bool ?? false)
        w.v2Time(.all, "completion_time", v1: v1["completion_date"]?.string)
        w.v2ID(.all, "contact_id", v1["contact"]?["id"]?.int)
        w.v2Time(.all, "create_time", v1: v1["creation_date"]?.string)
        w.v2String(.all, "description", v1["description"]?.string)
        w.v2Time(.all, "due_time", v1: v1["due_date"]?.string)
        w.v2Time(.all, "modification_time", v1: v1["modification_date"]?.string)
        w.v2String(.all, "priority", Self.v2Priority(v1["priority"]?.int ?? 2))
        w.v2Int(.all, "remind_time_mins", v1["remind_time"]?.int)
        w.v2String(.all, "title", v1["title"]?.string)
        w.v2String(.all, "type", v1["type"]?.string)
        w.endObject()
    }

    /// A note in v2's shape (swagger.yml `Note`): the v1 note's facts, ids as strings, the
    /// assigned user as a `BasicUser`, times as ISO 8601 with milliseconds.
    func writeV2Note(_ index: Int, fields f: V2Fields, into w: inout JSONWriter) {
        let facts = noteFacts(index)
        let user = userIdentity(facts.userIndex)
        w.beginObject()
        w.field("id", String(index + 1))
        w.v2String(f, "title", facts.title)
        w.v2String(f, "text", facts.body)
        w.v2String(f, "type", facts.type)
        w.v2ID(f, "contact_id", facts.contactIndex + 1)
        if f.wants("assigned_to_user") {
            w.key("assigned_to_user")
            w.beginObject()
            w.field("id", String(user.id))
            w.field("given_name", user.givenName)
            w.field("family_name", user.familyName)
            w.field("email_address", user.email)
            w.endObject()
        }
        w.v2ID(f, "created_by_user_id", user.id)
        w.v2ID(f, "last_updated_by_user_id", user.id)
        w.v2Time(f, "create_time", millis: facts.created * 1000)
        w.v2Time(f, "update_time", millis: facts.updated * 1000)
        w.endObject()
    }

    /// v1 priority 1...3 → v2 `CRITICAL|ESSENTIAL|NONESSENTIAL`.
    static func v2Priority(_ v1: Int) -> String {
        v1 <= 1 ? "CRITICAL" : (v1 == 2 ? "ESSENTIAL" : "NONESSENTIAL")
    }

    func writeV2User(_ index: Int, fields f: V2Fields, into w: inout JSONWriter) {
        let v1 = v1User(index)
        w.beginObject()
        w.field("id", String(index + 1))
        w.field("given_name", v1["given_name"]?.string)
        w.field("family_name", v1["family_name"]?.string)
        w.key("email_addresses")
        w.beginArray()
        if let email = v1["email_address"]?.string {
            w.beginObject()
            w.field("email", email)
            w.field("field", static: "EMAIL1")
            w.endObject()
        }
        w.endArray()
        w.v2String(.all, "company_name", v1["company_name"]?.string)
        w.v2String(.all, "title", v1["job_title"]?.string)
        w.v2ID(.all, "global_user_id", v1["global_user_id"]?.int)
        w.v2String(.all, "keap_id", v1["infusionsoft_id"]?.string)
        w.field("partner", v1["partner"]?.bool ?? false)
        w.field("admin", index == 0)
        w.field("status", v1["status"]?.string == "Inactive" ? "INACTIVE" : "ACTIVE")
        w.v2Int(.all, "created_by", v1["created_by"]?.int)
        w.v2Int(.all, "updated_by", v1["last_updated_by"]?.int)
        w.v2Time(.all, "create_time", v1: v1["date_created"]?.string)
        w.v2Time(.all, "update_time", v1: v1["last_updated"]?.string)
        w.emptyArrayField("phone_numbers")
        w.emptyArrayField("fax_numbers")
        w.emptyArrayField("social_accounts")
        w.endObject()
    }

    // MARK: Campaigns, emails, subscriptions, affiliates

    func writeV2Campaign(_ index: Int, fields f: V2Fields, into w: inout JSONWriter) {
        let v1 = v1Campaign(index)
        w.beginObject()
        w.field("id", String(index + 1))
        w.field("name", v1["name"]?.string)
        w.field("locked", v1["locked"]?.bool ?? false)
        w.v2Time(.all, "published_date", v1: v1["published_date"]?.string)
        w.field("published_status", v1["published_status"]?.bool ?? false)
        w.v2String(.all, "published_time_zone", v1["published_time_zone"]?.string)
        w.v2String(.all, "time_zone", v1["time_zone"]?.string)
        w.v2Time(.all, "date_created", v1: v1["date_created"]?.string)
        w.v2ID(.all, "created_by_global_id", v1["created_by_global_id"]?.int)
        w.v2Int(.all, "active_contact_count", v1["active_contact_count"]?.int)
        w.v2Int(.all, "completed_contact_count", v1["completed_contact_count"]?.int)
        w.endObject()
    }

    func writeV2Email(_ index: Int, fields f: V2Fields, into w: inout JSONWriter) {
        let v1 = v1Email(index)
        w.beginObject()
        w.field("id", String(index + 1))
        w.v2ID(.all, "contact_id", v1["contact_id"]?.int)
        w.v2String(.all, "subject", v1["subject"]?.string)
        w.v2String(.all, "sent_from_address", v1["sent_from_address"]?.string)
        w.v2String(.all, "sent_from_reply_address", v1["sent_from_reply_address"]?.string)
        w.v2String(.all, "sent_to_address", v1["sent_to_address"]?.string)
        w.emptyArrayField("sent_to_cc_address_list")
        w.emptyArrayField("sent_to_bcc_address_list")
        w.v2Time(.all, "sent_time", v1: v1["sent_date"]?.string)
        w.v2Time(.all, "received_time", v1: v1["received_date"]?.string)
        w.v2Time(.all, "opened_time", v1: v1["opened_date"]?.string)
        w.v2Time(.all, "clicked_time", v1: v1["clicked_date"]?.string)
        w.v2String(.all, "original_provider", v1["original_provider"]?.string)
        w.endObject()
    }

    func writeV2Subscription(_ index: Int, fields f: V2Fields, into w: inout JSONWriter) {
        let v1 = v1Subscription(index)
        w.beginObject()
        w.field("id", String(index + 1))
        w.v2ID(.all, "contact_id", v1["contact_id"]?.int)
        w.v2ID(.all, "product_id", v1["product_id"]?.int)
        w.v2ID(.all, "subscription_plan_id", v1["subscription_plan_id"]?.int)
        w.field("active", v1["active"]?.bool ?? false)
        w.field("allow_tax", v1["allow_tax"]?.bool ?? false)
        w.field("auto_charge", v1["auto_charge"]?.bool ?? false)
        w.v2Number(.all, "billing_amount", v1["billing_amount"]?.number)
        w.v2String(.all, "billing_cycle", v1["billing_cycle"]?.string)
        w.v2Int(.all, "billing_frequency", v1["billing_frequency"]?.int)
        w.v2Int(.all, "quantity", v1["quantity"]?.int)
        w.v2ID(.all, "payment_method_id", v1["credit_card_id"]?.int)
        w.v2ID(.all, "merchant_account_id", v1["payment_gateway_id"]?.int)
        w.v2String(.all, "start_date", v1["start_date"]?.string)
        w.v2String(.all, "end_date", v1["end_date"]?.string)
        w.v2String(.all, "next_bill_date", v1["next_bill_date"]?.string)
        w.endObject()
    }

    func writeV2Affiliate(_ index: Int, fields f: V2Fields, into w: inout JSONWriter) {
        let v1 = v1Affiliate(index)
        w.beginObject()
        w.field("id", String(index + 1))
        w.v2String(.all, "code", v1["code"]?.string)
        w.v2ID(.all, "contact_id", v1["contact_id"]?.int)
        w.v2String(.all, "name", v1["name"]?.string)
        w.field("status", v1["status"]?.string == "active" ? "ACTIVE" : "INACTIVE")
        w.key("date_created")
        w.isoTimestamp(millis: v2Times(.affiliate, index).created)
        w.endObject()
    }

    // MARK: Lead sources (no v1 list; contacts' lead_source_id 1...20 point at them)

    static let leadSourceCount = 20

    struct LeadSourceFacts {
        let name: String
        let description: String?
        let vendor: String
        let medium: String
        let active: Bool
        let categoryID: Int
        let created: Int
        let updated: Int
        let start: Int
        let end: Int?
    }

    func leadSourceFacts(_ index: Int) -> LeadSourceFacts {
        var rng = random(.v2Detail, 900_000_000 &+ index)
        let (created, updated) = createdAndUpdated(&rng)
        let medium = rng.pick(["Email", "Web", "Phone", "Referral", "Print"])
        let vendor = rng.pick(["Google", "Meta", "Local Paper", "Partner Network", "Direct"])
        let description: String? = rng.chance(0.5) ? rng.pick(SamplePools.noteBodies) : nil
        let active = rng.chance(0.8)
        let start = created
        let end: Int? = active ? nil : updated
        return LeadSourceFacts(name: "\(vendor) \(medium) \(index + 1)", description: description, vendor: vendor,
                               medium: medium, active: active, categoryID: 1 + rng.int(3), created: created,
                               updated: updated, start: start, end: end)
    }

    func writeV2LeadSource(_ index: Int, fields f: V2Fields, into w: inout JSONWriter) {
        let facts = leadSourceFacts(index)
        w.beginObject()
        w.field("id", String(index + 1))
        w.field("name", facts.name)
        if let description = facts.description { w.field("description", description) }
        w.field("vendor", facts.vendor)
        w.field("medium", facts.medium)
        w.field("status", facts.active ? "ACTIVE" : "INACTIVE")
        w.field("lead_source_category_id", String(facts.categoryID))
        w.key("start_time")
        w.isoTimestamp(millis: facts.start * 1000)
        if let end = facts.end {
            w.key("end_time")
            w.isoTimestamp(millis: end * 1000)
        }
        w.key("create_time")
        w.isoTimestamp(millis: facts.created * 1000)
        w.key("update_time")
        w.isoTimestamp(millis: facts.updated * 1000)
        w.endObject()
    }

    // MARK: Models and user info

    /// `/v2/<resource>/model` for the resources whose v2 spec has one.
    func writeV2Model(_ resource: String, into w: inout JSONWriter) -> Bool {
        let v2Models = ["contacts", "orders", "subscriptions", "tasks", "notes", "affiliates"]
        guard v2Models.contains(resource), let model = ModelDefinitions.models[resource] else { return false }
        w.beginObject()
        w.key("custom_fields")
        w.beginArray()
        for definition in resource == "contacts" ? contactFieldDefinitions() : model.fields { definition.writeV2Definition(into: &w) }
        w.endArray()
        w.key("optional_properties")
        w.beginArray()
        for name in model.optional { w.string(name) }
        w.endArray()
        w.endObject()
        return true
    }

    /// `/v2/oauth/connect/userinfo`: the same user as the v1 answer, ids as strings.
    func writeV2UserInfo(into w: inout JSONWriter) {
        let v1 = V1Record { writeUserInfo(into: &$0) }
        w.beginObject()
        w.field("id", v1["sub"]?.string)
        w.field("sub", v1["sub"]?.string)
        w.field("given_name", v1["given_name"]?.string)
        w.field("family_name", v1["family_name"]?.string)
        w.v2String(.all, "preferred_name", v1["preferred_name"]?.string)
        w.field("email", v1["email"]?.string)
        w.v2String(.all, "keap_id", v1["infusionsoft_id"]?.string)
        w.field("is_admin", v1["is_admin"]?.bool ?? false)
        w.endObject()
    }
}
