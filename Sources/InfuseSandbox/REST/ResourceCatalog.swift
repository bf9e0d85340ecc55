/// The v1 resources the sandbox serves (KEAP-API.md §6): paged lists and by-id objects.
struct ResourceCatalog {
    typealias ItemWriter = @Sendable (SandboxWorld, Int, OptionalProperties, inout JSONWriter) -> Void

    /// A top-level paged list such as `/v1/contacts`.
    struct ListResource: Sendable {
        /// The list's key in the response (`contacts`, `tags`, …).
        let key: StaticString
        let total: @Sendable (SandboxDataSizes) -> Int
        /// Appointments, products and tasks also carry `sync_token` (§3).
        let hasSyncToken: Bool
        let item: ItemWriter
    }

    /// A by-id object such as `/v1/contacts/{id}`; ids are record index + 1.
    struct ObjectResource: Sendable {
        let noun: String
        let total: @Sendable (SandboxDataSizes) -> Int
        let item: ItemWriter
    }

    static let lists: [String: ListResource] = [
        "contacts": .init(key: "contacts", total: { $0.contacts }, hasSyncToken: false) { world, i, optional, w in
            world.writeContact(i, full: false, optional: optional, into: &w)
        },
        "companies": .init(key: "companies", total: { $0.companies }, hasSyncToken: false) { world, i, optional, w in
            world.writeCompany(i, optional: optional, into: &w)
        },
        "opportunities": .init(key: "opportunities", total: { $0.opportunities }, hasSyncToken: false) { world, i, optional, w in
            world.writeOpportunity(i, optional: optional, into: &w)
        },
        "campaigns": .init(key: "campaigns", total: { $0.campaigns }, hasSyncToken: false) { world, i, _, w in
            world.writeCampaign(i, withStats: false, into: &w)
        },
        "products": .init(key: "products", total: { $0.products }, hasSyncToken: true) { world, i, _, w in
            world.writeProduct(i, into: &w)
        },
        "orders": .init(key: "orders", total: { $0.orders }, hasSyncToken: false) { world, i, _, w in
            world.writeOrder(i, into: &w)
        },
        "transactions": .init(key: "transactions", total: { $0.transactions }, hasSyncToken: false) { world, i, _, w in
            world.writeTransaction(i, into: &w)
        },
        "subscriptions": .init(key: "subscriptions", total: { $0.subscriptions }, hasSyncToken: false) { world, i, _, w in
            world.writeSubscription(i, into: &w)
        },
        "tags": .init(key: "tags", total: { $0.tags }, hasSyncToken: false) { world, i, _, w in
            world.writeTag(i, into: &w)
        },
        "tasks": .init(key: "tasks", total: { $0.tasks }, hasSyncToken: true) { world, i, _, w in
            world.writeTask(i, into: &w)
        },
        "notes": .init(key: "notes", total: { $0.notes }, hasSyncToken: false) { world, i, _, w in
            world.writeNote(i, into: &w)
        },
        "users": .init(key: "users", total: { $0.users }, hasSyncToken: false) { world, i, _, w in
            world.writeUser(i, into: &w)
        },
        "emails": .init(key: "emails", total: { $0.emails }, hasSyncToken: false) { world, i, _, w in
            world.writeEmail(i, withContent: false, into: &w)
        },
        "affiliates": .init(key: "affiliates", total: { $0.affiliates }, hasSyncToken: false) { world, i, _, w in
            world.writeAffiliate(i, into: &w)
        },
        "files": .init(key: "files", total: { $0.files }, hasSyncToken: false) { world, i, _, w in
            world.writeFileDescriptor(i, into: &w)
        },
        "appointments": .init(key: "appointments", total: { $0.appointments }, hasSyncToken: true) { world, i, _, w in
            world.writeAppointment(i, into: &w)
        },
    ]

    static let objects: [String: ObjectResource] = [
        "contacts": .init(noun: "Contact", total: { $0.contacts }) { world, i, optional, w in
            world.writeContact(i, full: true, optional: optional, into: &w)
        },
        "companies": .init(noun: "Company", total: { $0.companies }) { world, i, optional, w in
            world.writeCompany(i, optional: optional, into: &w)
        },
        "opportunities": .init(noun: "Opportunity", total: { $0.opportunities }) { world, i, optional, w in
            world.writeOpportunity(i, optional: optional, into: &w)
        },
        "campaigns": .init(noun: "Campaign", total: { $0.campaigns }) { world, i, _, w in
            world.writeCampaign(i, withStats: true, into: &w)
        },
        "products": .init(noun: "Product", total: { $0.products }) { world, i, _, w in
            world.writeProduct(i, into: &w)
        },
        "orders": .init(noun: "Order", total: { $0.orders }) { world, i, _, w in
            world.writeOrder(i, into: &w)
        },
        "transactions": .init(noun: "Transaction", total: { $0.transactions }) { world, i, _, w in
            world.writeTransaction(i, into: &w)
        },
        "subscriptions": .init(noun: "Subscription", total: { $0.subscriptions }) { world, i, _, w in
            world.writeSubscription(i, into: &w)
        },
        "tags": .init(noun: "Tag", total: { $0.tags }) { world, i, _, w in
            world.writeTag(i, into: &w)
        },
        "tasks": .init(noun: "Task", total: { $0.tasks }) { world, i, _, w in
            world.writeTask(i, into: &w)
        },
        "notes": .init(noun: "Note", total: { $0.notes }) { world, i, _, w in
            world.writeNote(i, into: &w)
        },
        "emails": .init(noun: "Email", total: { $0.emails }) { world, i, _, w in
            world.writeEmail(i, withContent: true, into: &w)
        },
        "affiliates": .init(noun: "Affiliate", total: { $0.affiliates }) { world, i, _, w in
            world.writeAffiliate(i, into: &w)
        },
        "files": .init(noun: "File", total: { $0.files }) { world, i, optional, w in
            world.writeFileInformation(i, includeData: optional.contains("file_data"), into: &w)
        },
        "appointments": .init(noun: "Appointment", total: { $0.appointments }) { world, i, _, w in
            world.writeAppointment(i, into: &w)
        },
    ]
}
