import Hummingbird

/// Top-level v1 lists with their per-endpoint filters (``ListFilterCatalog``) and, for contacts,
/// the `since`/`until` window and `order`.
extension RestRouter {
    /// A catalogued list such as `/v1/orders?contact_id=7`; `count` is the number of matches.
    func filteredList(_ request: Request, resource: String, query: [String: String], optional: OptionalProperties,
                      linkBase: String) -> Result {
        guard let list = ResourceCatalog.lists[resource] else { return notFound(linkBase) }
        let token = list.hasSyncToken ? syncToken(total: list.total(world.sizes)) : nil
        switch FilterSelection.apply(ListFilterCatalog.filters[resource] ?? [], query: query, world: world) {
        case .invalid(let message):
            return badRequest(message)
        case .all:
            if let changeable = ChangeableResource(rawValue: resource), let rows = world.changedMembership(changeable) {
                return paged(request, key: list.key, total: rows.count, linkBase: linkBase, syncToken: token) { position, w in
                    list.item(world, rows[position], optional, &w)
                }
            }
            return paged(request, key: list.key, total: list.total(world.sizes), linkBase: linkBase,
                         syncToken: token) { index, w in
                list.item(world, index, optional, &w)
            }
        case .rows(var rows):
            if let changeable = ChangeableResource(rawValue: resource) {
                rows = rows.filter { world.isLive(changeable, $0) }
            }
            return paged(request, key: list.key, total: rows.count, linkBase: linkBase, syncToken: token) { position, w in
                list.item(world, rows[position], optional, &w)
            }
        }
    }

    /// `/v1/contacts` with `email`, `given_name`, `family_name`, `since`/`until` (on last_updated)
    /// and `order` + `order_direction`.
    func contactList(_ request: Request, query: [String: String], optional: OptionalProperties,
                     linkBase: String) -> Result {
        var order = ContactOrder.id
        if let text = query["order"], !text.isEmpty {
            guard let parsed = ContactOrder(query: text) else {
                return badRequest("Invalid value for order: \(text)")
            }
            order = parsed
        }
        let window: UpdatedWindow?
        do {
            window = try UpdatedWindow(query: query)
        } catch {
            guard case .invalid(let message) = error else { return badRequest("Invalid date window") }
            return badRequest(message)
        }
        var rows: [Int]?
        switch FilterSelection.apply(ListFilterCatalog.filters["contacts"] ?? [], query: query, world: world) {
        case .invalid(let message): return badRequest(message)
        case .all: rows = nil
        case .rows(let selected): rows = selected.filter { world.isLive(.contacts, $0) }
        }
        if let window {
            let candidates = rows ?? world.liveIndexes(.contacts)
            rows = candidates.filter { window.contains(world.contactLastUpdated($0)) }
        }
        if !world.changes.ledger(of: .contacts).isEmpty {
            // Changed records move in the orderings, so sort afresh instead of using the cache.
            let selected = order.sorted(rows ?? world.liveIndexes(.contacts), world: world)
            return paged(request, key: "contacts", total: selected.count, linkBase: linkBase) { position, w in
                world.writeContact(selected[position], full: false, optional: optional, into: &w)
            }
        }
        let ordering = order.ordering(world)
        if var selected = rows {
            if let ordering {
                selected.sort { ordering.rank[$0] < ordering.rank[$1] }
            }
            return paged(request, key: "contacts", total: selected.count, linkBase: linkBase) { position, w in
                world.writeContact(selected[position], full: false, optional: optional, into: &w)
            }
        }
        return paged(request, key: "contacts", total: world.sizes.contacts, linkBase: linkBase) { position, w in
            world.writeContact(ordering?.sorted[position] ?? position, full: false, optional: optional, into: &w)
        }
    }

    /// The sync token of a list with `total` records, e.g. `sandbox-42-50` (§3). The sandbox never
    /// changes, so the token only records how many records the client has seen.
    func syncToken(total: Int) -> String {
        "sandbox-\(world.seed)-\(total)"
    }
}
