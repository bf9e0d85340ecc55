/// The filters each v1 list accepts (KEAP-API.md §6 "Other query params"), keyed by resource.
/// Parameters not listed here are accepted and ignored, as before.
enum ListFilterCatalog {
    static let filters: [String: [ListFilter]] = [
        "contacts": [
            ListFilter(parameter: "email") { world, value in
                .rows(world.contactIndex(withEmail: value).map { [$0] } ?? [])
            },
            .grouped("given_name", cacheKey: "contacts.given_name", total: { $0.contacts },
                     parse: { _, value in poolIndex(SamplePools.givenNames, value) },
                     key: { world, index in world.contactNamePoolIndexes(index).given }),
            .grouped("family_name", cacheKey: "contacts.family_name", total: { $0.contacts },
                     parse: { _, value in poolIndex(SamplePools.familyNames, value) },
                     key: { world, index in world.contactNamePoolIndexes(index).family }),
        ],
        "orders": [
            .contactID(cacheKey: "orders.contact_id", total: { $0.orders }) { world, index in
                world.orderFacts(index).contactIndex
            },
            .grouped("product_id", cacheKey: "orders.product_id", total: { $0.orders },
                     parse: { _, value in ListFilter.parseID(value) },
                     key: { world, index in world.orderFacts(index).items.first.map { $0.product + 1 } }),
        ],
        "transactions": [
            .contactID(cacheKey: "transactions.contact_id", total: { $0.transactions }) { world, index in
                world.orderFacts(index).contactIndex
            },
        ],
        "tasks": taskFilters,
        "notes": [
            .contactID(cacheKey: "notes.contact_id", total: { $0.notes }) { world, index in
                world.noteFacts(index).contactIndex
            },
            .grouped("user_id", cacheKey: "notes.user_id", total: { $0.notes },
                     parse: { _, value in ListFilter.parseID(value) },
                     key: { world, index in world.noteFacts(index).userIndex + 1 }),
        ],
        "emails": [
            .contactID(cacheKey: "emails.contact_id", total: { $0.emails }) { world, index in
                world.emailContactIndex(index)
            },
        ],
        "subscriptions": [
            .contactID(cacheKey: "subscriptions.contact_id", total: { $0.subscriptions }) { world, index in
                world.subscriptionFacts(index).contactIndex
            },
        ],
        "files": [
            .contactID(cacheKey: "files.contact_id", total: { $0.files }) { world, index in
                world.fileFacts(index).contactIndex
            },
        ],
        "appointments": [
            .contactID(cacheKey: "appointments.contact_id", total: { $0.appointments }) { world, index in
                world.appointmentFacts(index).contactIndex
            },
        ],
        "products": [
            .flag("active", cacheKey: "products.active", total: { $0.products }) { world, index in
                world.productFacts(index).status == 1
            },
        ],
        "tags": [
            .scan("name", total: { $0.tags }) { world, index, value in
                world.tagFacts(index).name.lowercased() == value.lowercased()
            },
            .grouped("category", cacheKey: "tags.category", total: { $0.tags },
                     parse: { _, value in ListFilter.parseID(value) },
                     key: { world, index in world.tagFacts(index).category?.id }),
        ],
    ]

    /// `/v1/tasks` and `/v1/tasks/search`.
    static let taskFilters: [ListFilter] = [
        .contactID(cacheKey: "tasks.contact_id", total: { $0.tasks }) { world, index in
            world.taskFacts(index).contactIndex
        },
        .flag("completed", cacheKey: "tasks.completed", total: { $0.tasks }) { world, index in
            world.taskFacts(index).completed
        },
    ]

    /// The pool position of a display name, matched case-insensitively; -1 (matches no record)
    /// when the name is not in the pool.
    static func poolIndex(_ pool: [(String, String)], _ value: String) -> Int {
        let wanted = value.lowercased()
        return pool.firstIndex { $0.0.lowercased() == wanted } ?? -1
    }
}
