/// The v2 lists the sandbox serves, with the `filter` and `order_by` fields each one's spec
/// lists (`Specs/2025-11-05-v2.json`, plus the newer `Specs/swagger.yml` where it adds names
/// such as contacts' `update_time` order and orders' `modified_since_time`).
enum V2Catalog {
    static let lists: [String: V2ListResource] = Dictionary(
        uniqueKeysWithValues: [
            contacts, companies, opportunities, orders, products, tags, tasks, users, campaigns, emails,
            subscriptions, affiliates, leadSources, notes,
        ].map { ($0.path, $0) })

    private static func number(_ value: Int?) -> V2SortValue { .number(value ?? Int.min) }
    private static func text(_ value: String?) -> V2SortValue { .text(value?.lowercased() ?? "") }
    private static func millis(_ v1: String?) -> Int? { v1.flatMap(V1Time.millis) }

    static let contacts = V2ListResource(
        path: "contacts", key: "contacts", noun: "Contact", rows: V2ListResource.live(.contacts),
        filters: [
            "email": V2Rule.text { world, index in world.contactIdentity(index).emails },
            "given_name": V2Rule.text { world, index in [world.contactIdentity(index).givenName] },
            "family_name": V2Rule.text { world, index in [world.contactIdentity(index).familyName] },
            "middle_name": V2Rule.text { world, index in world.contactIdentity(index).middleName.map { [$0] } ?? [] },
            "company_id": V2Rule.id("company_id") { world, index in world.contactIdentity(index).companyIndex.map { $0 + 1 } },
            "contact_ids": V2Rule.idSet("contact_ids"),
            "ids": V2Rule.idSet("ids"),
            "start_update_time": V2Rule.time("start_update_time", since: true) { world, index in
                world.contactUpdatedMillis(index)
            },
            "end_update_time": V2Rule.time("end_update_time", since: false) { world, index in
                world.contactUpdatedMillis(index)
            },
        ],
        orders: [
            "id": { _, index in .number(index) },
            "create_time": { world, index in .number(world.contactCreated(index)) },
            "email": { world, index in text(world.contactIdentity(index).emails.first ?? "\u{10FFFF}") },
            "update_time": { world, index in .number(world.contactUpdatedMillis(index)) },
        ],
        fieldNames: SandboxWorld.v2ContactFields, defaultFields: SandboxWorld.v2ContactDefaultFields
    ) { world, index, fields, w in world.writeV2Contact(index, fields: fields, into: &w) }

    static let companies = V2ListResource(
        path: "companies", key: "companies", noun: "Company", rows: V2ListResource.live(.companies),
        filters: [
            "company_name": V2Rule.text { world, index in [world.companyName(index)] },
            "name": V2Rule.text { world, index in [world.companyName(index)] },
            "email": V2Rule.text { world, index in world.v1Company(index)["email_address"]?.string.map { [$0] } ?? [] },
            "since_time": V2Rule.time("since_time", since: true) { world, index in
                world.v2Times(.company, index, changeable: .companies).updated
            },
            "until_time": V2Rule.time("until_time", since: false) { world, index in
                world.v2Times(.company, index, changeable: .companies).updated
            },
        ],
        orders: [
            "id": { _, index in .number(index) },
            "create_time": { world, index in .number(world.v2Times(.company, index, changeable: .companies).created) },
            "name": { world, index in text(world.companyName(index)) },
            "email": { world, index in text(world.v1Company(index)["email_address"]?.string ?? "\u{10FFFF}") },
        ],
        fieldNames: SandboxWorld.v2CompanyFields, defaultFields: SandboxWorld.v2CompanyDefaultFields
    ) { world, index, fields, w in world.writeV2Company(index, fields: fields, into: &w) }

    static let opportunities = V2ListResource(
        path: "opportunities", key: "opportunities", noun: "Opportunity", rows: V2ListResource.live(.opportunities),
        filters: [
            "stage_id": V2Rule.id("stage_id") { world, index in world.v1Opportunity(index)["stage"]?["id"]?.int },
            "user_id": V2Rule.id("user_id") { world, index in world.v1Opportunity(index)["user"]?["id"]?.int },
        ],
        orders: [
            "next_action_time": { world, index in number(millis(world.v1Opportunity(index)["next_action_date"]?.string)) },
            "contact_name": { world, index in
                let contact = world.v1Opportunity(index)["contact"]
                return text("\(contact?["first_name"]?.string ?? "") \(contact?["last_name"]?.string ?? "")")
            },
            "opportunity_name": { world, index in text(world.v1Opportunity(index)["opportunity_title"]?.string) },
            "created_time": { world, index in number(millis(world.v1Opportunity(index)["date_created"]?.string)) },
        ],
        fieldNames: SandboxWorld.v2OpportunityFields,
        defaultFields: SandboxWorld.v2OpportunityFields.subtracting(["custom_fields"])
    ) { world, index, fields, w in world.writeV2Opportunity(index, fields: fields, into: &w) }

    static let orders = V2ListResource(
        path: "orders", key: "orders", noun: "Order", rows: V2ListResource.live(.orders),
        filters: [
            "product_id": V2Rule.id("product_id") { world, index in world.orderFacts(index).items.first.map { $0.product + 1 } },
            "contact_id": V2Rule.id("contact_id") { world, index in world.orderFacts(index).contactIndex + 1 },
            "paid": V2Rule.flag("paid") { world, index in world.orderFacts(index).status == "PAID" },
            "created_since_time": V2Rule.time("created_since_time", since: true) { world, index in
                world.orderFacts(index).created * 1000
            },
            "created_until_time": V2Rule.time("created_until_time", since: false) { world, index in
                world.orderFacts(index).created * 1000
            },
            "modified_since_time": V2Rule.time("modified_since_time", since: true) { world, index in
                world.orderFacts(index).updated * 1000
            },
            "modified_until_time": V2Rule.time("modified_until_time", since: false) { world, index in
                world.orderFacts(index).updated * 1000
            },
        ],
        orders: [
            "id": { _, index in .number(index) },
            "order_time": { world, index in .number(world.orderFacts(index).created) },
            "modification_time": { world, index in .number(world.orderFacts(index).updated) },
        ]
    ) { world, index, fields, w in world.writeV2Order(index, fields: fields, into: &w) }

    static let products = V2ListResource(
        path: "products", key: "products", noun: "Product", rows: V2ListResource.seeded { $0.products },
        filters: ["name": V2Rule.text { world, index in [world.productName(index)] }],
        orders: ["name": { world, index in text(world.productName(index)) }]
    ) { world, index, fields, w in world.writeV2Product(index, fields: fields, into: &w) }

    static let tags = V2ListResource(
        path: "tags", key: "tags", noun: "Tag", rows: V2ListResource.seeded { $0.tags },
        filters: [
            "name": V2Rule.text { world, index in [world.tagFacts(index).name] },
            "description": V2Rule.text { world, index in [world.tagFacts(index).description ?? "NONE"] },
            "category_id": { world, wanted in
                if wanted.uppercased() == "NONE" { return { index in world.tagFacts(index).category == nil } }
                guard let id = Int(wanted) else { throw V2Problem.invalid("Invalid value for category_id: \(wanted)") }
                return { index in world.tagFacts(index).category?.id == id }
            },
            "since_create_time": V2Rule.time("since_create_time", since: true) { world, index in world.v2Times(.tag, index).created },
            "until_create_time": V2Rule.time("until_create_time", since: false) { world, index in world.v2Times(.tag, index).created },
            "since_update_time": V2Rule.time("since_update_time", since: true) { world, index in world.v2Times(.tag, index).updated },
            "until_update_time": V2Rule.time("until_update_time", since: false) { world, index in world.v2Times(.tag, index).updated },
        ],
        orders: [
            "name": { world, index in text(world.tagFacts(index).name) },
            "create_time": { world, index in .number(world.v2Times(.tag, index).created) },
            "update_time": { world, index in .number(world.v2Times(.tag, index).updated) },
        ]
    ) { world, index, fields, w in world.writeV2Tag(index, fields: fields, into: &w) }

    static let tasks = V2ListResource(
        path: "tasks", key: "tasks", noun: "Task", rows: V2ListResource.live(.tasks),
        filters: [
            "contact_id": V2Rule.id("contact_id") { world, index in world.taskFacts(index).contactIndex + 1 },
            "has_due_date": V2Rule.flag("has_due_date") { world, index in world.v1Task(index)["due_date"] != nil },
            "is_completed": V2Rule.flag("is_completed") { world, index in world.taskFacts(index).completed },
            "user_id": V2Rule.id("user_id") { world, index in world.v1Task(index)["user_id"]?.int },
            "task_ids": V2Rule.idSet("task_ids"),
            "since_time": V2Rule.time("since_time", since: true) { world, index in world.taskFacts(index).updated * 1000 },
            "until_time": V2Rule.time("until_time", since: false) { world, index in world.taskFacts(index).updated * 1000 },
            "priority": V2Rule.oneOf("priority", ["CRITICAL", "ESSENTIAL", "NONESSENTIAL"]) { world, index in
                SandboxWorld.v2Priority(world.v1Task(index)["priority"]?.int ?? 2)
            },
        ],
        orders: [
            "id": { _, index in .number(index) },
            "create_time": { world, index in .number(world.taskFacts(index).created) },
            "due_time": { world, index in number(millis(world.v1Task(index)["due_date"]?.string)) },
            "update_time": { world, index in .number(world.taskFacts(index).updated) },
        ]
    ) { world, index, fields, w in world.writeV2Task(index, fields: fields, into: &w) }

    static let users = V2ListResource(
        path: "users", key: "users", noun: "User", maximumPageSize: 100, rows: V2ListResource.seeded { $0.users },
        filters: [
            "email": V2Rule.text { world, index in [world.userIdentity(index).email] },
            "given_name": V2Rule.text { world, index in [world.userIdentity(index).givenName] },
            "include_inactive": { _, wanted in
                guard let include = ListFilter.parseFlag(wanted) else {
                    throw V2Problem.invalid("Invalid value for include_inactive: expected true or false")
                }
                return { index in include == 1 || !SandboxWorld.userIsInactive(index) }
            },
            "include_partners": { _, wanted in
                guard let include = ListFilter.parseFlag(wanted) else {
                    throw V2Problem.invalid("Invalid value for include_partners: expected true or false")
                }
                return { index in include == 1 || !SandboxWorld.userIsPartner(index) }
            },
            "user_ids": V2Rule.idSet("user_ids"),
        ],
        orders: [
            "date_created": { world, index in number(millis(world.v1User(index)["date_created"]?.string)) },
            "email": { world, index in text(world.userIdentity(index).email) },
        ],
        implicitFilters: [
            "include_inactive": { index in !SandboxWorld.userIsInactive(index) },
            "include_partners": { index in !SandboxWorld.userIsPartner(index) },
        ]
    ) { world, index, fields, w in world.writeV2User(index, fields: fields, into: &w) }

    static let campaigns = V2ListResource(
        path: "campaigns", key: "campaigns", noun: "Campaign", rows: V2ListResource.seeded { $0.campaigns },
        filters: ["name": V2Rule.contains { world, index in world.v1Campaign(index)["name"]?.string ?? "" }],
        orders: [
            "name": { world, index in text(world.v1Campaign(index)["name"]?.string) },
            "publisheddate": { world, index in number(millis(world.v1Campaign(index)["published_date"]?.string)) },
            "id": { _, index in .number(index) },
            "completedContactCount": { world, index in number(world.v1Campaign(index)["completed_contact_count"]?.int) },
            "activeContacts": { world, index in number(world.v1Campaign(index)["active_contact_count"]?.int) },
            "datecreated": { world, index in number(millis(world.v1Campaign(index)["date_created"]?.string)) },
            "lastupdated": { world, index in number(millis(world.v1Campaign(index)["published_date"]?.string)) },
        ]
    ) { world, index, fields, w in world.writeV2Campaign(index, fields: fields, into: &w) }

    static let emails = V2ListResource(
        path: "emails", key: "emails", noun: "Email", rows: V2ListResource.seeded { $0.emails },
        filters: [
            "contact_id": V2Rule.id("contact_id") { world, index in world.emailContactIndex(index) + 1 },
            "email": V2Rule.text { world, index in world.v1Email(index)["sent_to_address"]?.string.map { [$0] } ?? [] },
            "start_created_time": V2Rule.time("start_created_time", since: true) { world, index in
                millis(world.v1Email(index)["sent_date"]?.string)
            },
            "end_created_time": V2Rule.time("end_created_time", since: false) { world, index in
                millis(world.v1Email(index)["sent_date"]?.string)
            },
        ],
        orders: ["created_time": { world, index in number(millis(world.v1Email(index)["sent_date"]?.string)) }]
    ) { world, index, fields, w in world.writeV2Email(index, fields: fields, into: &w) }

    static let subscriptions = V2ListResource(
        path: "subscriptions", key: "subscriptions", noun: "Subscription", rows: V2ListResource.seeded { $0.subscriptions },
        filters: [
            "contact_id": V2Rule.id("contact_id") { world, index in world.subscriptionFacts(index).contactIndex + 1 },
            "subscription_plan_id": V2Rule.id("subscription_plan_id") { world, index in
                world.subscriptionFacts(index).productIndex + 1
            },
        ],
        orders: [
            "id": { _, index in .number(index) },
            "contact_id": { world, index in .number(world.subscriptionFacts(index).contactIndex) },
            "subscription_plan_id": { world, index in .number(world.subscriptionFacts(index).productIndex) },
        ]
    ) { world, index, fields, w in world.writeV2Subscription(index, fields: fields, into: &w) }

    static let affiliates = V2ListResource(
        path: "affiliates", key: "affiliates", noun: "Affiliate", rows: V2ListResource.seeded { $0.affiliates },
        filters: [
            "affiliate_name": V2Rule.text { world, index in world.v1Affiliate(index)["name"]?.string.map { [$0] } ?? [] },
            "contact_id": V2Rule.id("contact_id") { world, index in world.v1Affiliate(index)["contact_id"]?.int },
            "status": V2Rule.oneOf("status", ["ACTIVE", "INACTIVE"]) { world, index in
                world.v1Affiliate(index)["status"]?.string == "active" ? "ACTIVE" : "INACTIVE"
            },
            "code": V2Rule.text { world, index in world.v1Affiliate(index)["code"]?.string.map { [$0] } ?? [] },
        ],
        orders: [
            "id": { _, index in .number(index) },
            "create_time": { world, index in .number(world.v2Times(.affiliate, index).created) },
            "name": { world, index in text(world.v1Affiliate(index)["name"]?.string) },
            "status": { world, index in text(world.v1Affiliate(index)["status"]?.string) },
            "code": { world, index in text(world.v1Affiliate(index)["code"]?.string) },
        ]
    ) { world, index, fields, w in world.writeV2Affiliate(index, fields: fields, into: &w) }

    /// `/v2/notes` (swagger.yml only): the v1 notes, in v2's shape. Its filters take `==`.
    static let notes = V2ListResource(
        path: "notes", key: "notes", noun: "Note", rows: V2ListResource.live(.notes),
        filters: [
            "id": V2Rule.id("id") { _, index in index + 1 },
            "ids": V2Rule.idSet("ids"),
            // A bare value matches anywhere in the title; a trailing `*` matches a prefix.
            "title": { world, wanted in
                let lowered = wanted.lowercased()
                let title: @Sendable (Int) -> String = { index in world.noteFacts(index).title?.lowercased() ?? "" }
                if lowered.hasSuffix("*") {
                    let prefix = String(lowered.dropLast())
                    return { index in title(index).hasPrefix(prefix) }
                }
                return { index in title(index).contains(lowered) }
            },
            "contact_id": V2Rule.id("contact_id") { world, index in world.noteFacts(index).contactIndex + 1 },
            "assigned_to_user_id": V2Rule.id("assigned_to_user_id") { world, index in
                world.userIdentity(world.noteFacts(index).userIndex).id
            },
            "since_time": V2Rule.time("since_time", since: true) { world, index in world.noteFacts(index).updated * 1000 },
            "until_time": V2Rule.time("until_time", since: false) { world, index in world.noteFacts(index).updated * 1000 },
        ],
        orders: [
            "id": { _, index in .number(index) },
            "create_time": { world, index in .number(world.noteFacts(index).created) },
            "update_time": { world, index in .number(world.noteFacts(index).updated) },
        ],
        servesByID: false
    ) { world, index, fields, w in world.writeV2Note(index, fields: fields, into: &w) }

    static let leadSources = V2ListResource(
        path: "leadSources", key: "lead_sources", noun: "Lead source",
        rows: { _ in Array(0..<SandboxWorld.leadSourceCount) },
        filters: [
            "name": V2Rule.text { world, index in [world.leadSourceFacts(index).name] },
            "status": V2Rule.oneOf("status", ["ACTIVE", "INACTIVE"]) { world, index in
                world.leadSourceFacts(index).active ? "ACTIVE" : "INACTIVE"
            },
            "lead_source_category_id": V2Rule.id("lead_source_category_id") { world, index in
                world.leadSourceFacts(index).categoryID
            },
            "vendor": V2Rule.text { world, index in [world.leadSourceFacts(index).vendor] },
            "medium": V2Rule.text { world, index in [world.leadSourceFacts(index).medium] },
            "start_time": V2Rule.time("start_time", since: true) { world, index in world.leadSourceFacts(index).start * 1000 },
            "end_time": V2Rule.time("end_time", since: false) { world, index in
                world.leadSourceFacts(index).end.map { $0 * 1000 }
            },
        ],
        orders: [
            "name": { world, index in text(world.leadSourceFacts(index).name) },
            "status": { world, index in .number(world.leadSourceFacts(index).active ? 0 : 1) },
            "vendor": { world, index in text(world.leadSourceFacts(index).vendor) },
            "medium": { world, index in text(world.leadSourceFacts(index).medium) },
            "start_time": { world, index in .number(world.leadSourceFacts(index).start) },
            "end_time": { world, index in number(world.leadSourceFacts(index).end) },
            "create_time": { world, index in .number(world.leadSourceFacts(index).created) },
            "update_time": { world, index in .number(world.leadSourceFacts(index).updated) },
        ]
    ) { world, index, fields, w in world.writeV2LeadSource(index, fields: fields, into: &w) }
}

extension SandboxWorld {
    /// v1 users: every ninth is `Inactive` (see ``writeUser(_:into:)``).
    static func userIsInactive(_ index: Int) -> Bool { index % 9 == 8 }
    /// v1 users: every seventh is a partner.
    static func userIsPartner(_ index: Int) -> Bool { index % 7 == 6 }
}
