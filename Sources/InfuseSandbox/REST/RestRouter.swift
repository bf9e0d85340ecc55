import Hummingbird

/// Routes an authenticated `/crm/rest/v1/...` GET to the generator that answers it
/// (KEAP-API.md §6) and builds paged envelopes (§3).
struct RestRouter {
    struct Result {
        let status: HTTPResponse.Status
        let body: [UInt8]
    }

    let world: SandboxWorld
    let rootURL: String

    func route(_ request: Request) -> Result {
        let path = request.uri.path
        let segments = path.split(separator: "/").dropFirst(2).map(String.init)  // drop "crm", "rest"
        guard segments.first == "v1", segments.count >= 2 else {
            return notFound(path)
        }
        let query = FormDecoding.decode((request.uri.query ?? "")[...])
        let optional = OptionalProperties(query["optional_properties"])
        let resource = segments[1]
        let rest = Array(segments.dropFirst(2))
        let linkBase = rootURL + path

        if let answered = routeMore(request, resource: resource, rest: rest, query: query, linkBase: linkBase,
                                    path: path) {
            return answered
        }
        switch (resource, rest.count) {
        case ("contacts", 0):
            return contactList(request, query: query, optional: optional, linkBase: linkBase)
        case (_, 0) where ResourceCatalog.lists[resource] != nil:
            return filteredList(request, resource: resource, query: query, optional: optional, linkBase: linkBase)
        case ("merchants", 0):
            return object { world.writeMerchants(into: &$0) }
        case ("hooks", 0):
            return Result(status: .ok, body: Array("[]".utf8))
        case ("hooks", 1) where rest[0] == "event_keys":
            return Result(status: .ok, body: Array(#"["contact.add","contact.edit","contact.delete","order.add","opportunity.add","invoice.payment.add"]"#.utf8))
        case ("account", 1) where rest[0] == "profile":
            return object { world.writeAccountProfile(into: &$0) }
        case ("locales", 1) where rest[0] == "countries":
            return object { world.writeCountries(into: &$0) }
        case ("oauth", 2) where rest == ["connect", "userinfo"]:
            return object { world.writeUserInfo(into: &$0) }
        case ("opportunity", 1) where rest[0] == "stage_pipeline":
            return object { writeStagePipeline(into: &$0) }
        case (_, 1) where rest[0] == "model":
            var w = JSONWriter(capacity: 2048)
            guard world.writeModel(resource, into: &w) else { return notFound(path) }
            return Result(status: .ok, body: w.bytes)
        case (_, 1):
            return byID(resource: resource, idText: rest[0], optional: optional, path: path)
        case ("contacts", 2):
            return contactSubresource(request, idText: rest[0], sub: rest[1], linkBase: linkBase, path: path)
        case ("tags", 2) where rest[1] == "contacts":
            return taggedContacts(request, idText: rest[0], linkBase: linkBase, path: path)
        case ("orders", 2) where rest[1] == "transactions":
            guard let index = recordIndex(rest[0], total: world.sizes.orders) else {
                return notFound(path, noun: "Order", id: rest[0])
            }
            return paged(request, key: "transactions", total: 1, linkBase: linkBase) { _, w in
                world.writeTransaction(index, into: &w)
            }
        default:
            return notFound(path)
        }
    }

    // MARK: Builders

    private func byID(resource: String, idText: String, optional: OptionalProperties, path: String) -> Result {
        guard let object = ResourceCatalog.objects[resource] else { return notFound(path) }
        guard let index = liveRecordIndex(idText, resource: resource, seeded: object.total(world.sizes)) else {
            return notFound(path, noun: object.noun, id: idText)
        }
        var w = JSONWriter(capacity: 4096)
        object.item(world, index, optional, &w)
        return Result(status: .ok, body: w.bytes)
    }

    private func contactSubresource(_ request: Request, idText: String, sub: String, linkBase: String,
                                    path: String) -> Result {
        guard let contact = liveRecordIndex(idText, resource: "contacts", seeded: world.sizes.contacts) else {
            return notFound(path, noun: "Contact", id: idText)
        }
        switch sub {
        case "tags":
            let tagIDs = world.contactTagIDs(contact)
            return paged(request, key: "tags", total: tagIDs.count, linkBase: linkBase) { position, w in
                world.writeAppliedTag(contactIndex: contact, tagID: tagIDs[position], into: &w)
            }
        case "emails":
            let contacts = world.sizes.contacts
            let total = contact < world.sizes.emails ? (world.sizes.emails - 1 - contact) / contacts + 1 : 0
            return paged(request, key: "emails", total: total, linkBase: linkBase) { position, w in
                world.writeEmail(contact + position * contacts, withContent: false, into: &w)
            }
        case "creditCards":
            return Result(status: .ok, body: Array("[]".utf8))
        default:
            return notFound(path)
        }
    }

    private func taggedContacts(_ request: Request, idText: String, linkBase: String, path: String) -> Result {
        guard let tagIndex = recordIndex(idText, total: world.sizes.tags) else {
            return notFound(path, noun: "Tag", id: idText)
        }
        let tagID = tagIndex + 1
        var matches: [Int] = []
        for contact in world.liveIndexes(.contacts) where world.contactHasTag(contact, tagID: tagID) {
            matches.append(contact)
        }
        return paged(request, key: "contacts", total: matches.count, linkBase: linkBase) { position, w in
            world.writeTaggedContact(contactIndex: matches[position], tagID: tagID, into: &w)
        }
    }

    private func writeStagePipeline(into w: inout JSONWriter) {
        w.beginArray()
        w.beginObject()
        w.field("pipeline_id", 1)
        w.field("pipeline_name", "Sales")
        w.key("stages")
        w.beginArray()
        for (index, name) in SamplePools.stageNames.enumerated() {
            w.beginObject()
            w.field("id", index + 1)
            w.field("name", name)
            w.field("stage_order", index + 1)
            w.field("probability", index * 20)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endArray()
    }

    /// `{<key>: [...], "count": total, "next": …, "previous": …}` (§3). `next` carries
    /// `limit=<rows returned>` like the captured responses; an offset past the end gives an empty page.
    func paged(_ request: Request, key: StaticString, total: Int, linkBase: String, syncToken: String? = nil,
               item: (Int, inout JSONWriter) -> Void) -> Result {
        let page: PageRequest
        do {
            page = try PageRequest(rawQuery: request.uri.query)
        } catch {
            guard case .invalid(let message) = error else { return badRequest("Invalid paging parameters") }
            return badRequest(message)
        }
        let positions = page.positions(total: total)
        var w = JSONWriter(capacity: 256 + positions.count * 900)
        w.beginObject()
        w.key(key)
        w.beginArray()
        for position in positions {
            item(page.recordIndex(position: position, total: total), &w)
        }
        w.endArray()
        w.field("count", total)
        w.field("next", page.link(base: linkBase, limit: positions.count, offset: page.offset + positions.count))
        w.field("previous", page.link(base: linkBase, limit: page.limit, offset: max(0, page.offset - page.limit)))
        if let syncToken {
            w.field("sync_token", syncToken)
        }
        w.endObject()
        return Result(status: .ok, body: w.bytes)
    }

    func object(_ write: (inout JSONWriter) -> Void) -> Result {
        var w = JSONWriter(capacity: 2048)
        write(&w)
        return Result(status: .ok, body: w.bytes)
    }

    /// Ids are index + 1; anything else (non-numeric, out of range) is unknown.
    func recordIndex(_ idText: String, total: Int) -> Int? {
        guard let id = Int(idText), id >= 1, id <= total else { return nil }
        return id - 1
    }

    /// The index of a record that exists now: for a changeable resource, created records count
    /// and deleted ones do not; otherwise as ``recordIndex(_:total:)``.
    func liveRecordIndex(_ idText: String, resource: String, seeded: Int) -> Int? {
        guard let changeable = ChangeableResource(rawValue: resource) else { return recordIndex(idText, total: seeded) }
        guard let id = Int(idText), world.isLive(changeable, id - 1) else { return nil }
        return id - 1
    }

    func notFound(_ path: String) -> Result {
        Result(status: .notFound, body: SandboxCore.messageBody("No resource found at \(path)"))
    }

    func notFound(_ path: String, noun: String, id: String) -> Result {
        Result(status: .notFound, body: SandboxCore.messageBody("\(noun) not found with id \(id)"))
    }

    func badRequest(_ message: String) -> Result {
        Result(status: .badRequest, body: SandboxCore.messageBody(message))
    }
}
