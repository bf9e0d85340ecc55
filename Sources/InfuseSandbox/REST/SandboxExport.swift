import Hummingbird

/// `GET /_sandbox/export?resource=contacts[&optional_properties=…]` (test-only, not Keap): every
/// record of a resource in one answer, in the list's shape `{"contacts":[…],"count":N}`, written
/// by the same record writer as the list but without paging, offsets, faults, throttling or
/// authentication, so a test can compute what a refresh should have loaded without Infuse's
/// client.
extension SandboxCore {
    func export(_ request: Request) -> Response {
        let query = FormDecoding.decode((request.uri.query ?? "")[...])
        guard let resource = query["resource"], resource == "contacts" else {
            return Self.json(.badRequest, Self.messageBody("export knows resource=contacts only"))
        }
        let optional = OptionalProperties(query["optional_properties"])
        let total = world.sizes.contacts
        var w = JSONWriter(capacity: 256 + total * 900)
        w.beginObject()
        w.key("contacts")
        w.beginArray()
        for index in 0..<total {
            world.writeContact(index, full: false, optional: optional, into: &w)
        }
        w.endArray()
        w.field("count", total)
        w.endObject()
        return Self.json(.ok, w.bytes)
    }
}
