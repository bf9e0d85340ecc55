import Foundation
import Hummingbird
import NIOCore

/// The `/_sandbox/...` control routes that change or reveal the world (not Keap; for tests and
/// demos). They are never throttled and never counted as API requests.
extension SandboxCore {
    /// Routes the data control endpoints and hands the rest to ``control(_:path:)``.
    func controlRoute(_ request: Request, path: String, context: SandboxRequestContext) async -> Response {
        switch (request.method, path) {
        case (.post, "/_sandbox/changes"):
            return await changes(request)
        case (.get, "/_sandbox/export"):
            return export(request, context: context)
        default:
            return control(request, path: path)
        }
    }

    /// `POST /_sandbox/changes` with form fields `resource` (default `contacts`), `update`,
    /// `create`, `delete` → `{"updated":[ids],"created":[ids],"deleted":[ids]}`.
    private func changes(_ request: Request) async -> Response {
        var request = request
        guard let body = try? await request.collectBody(upTo: 64 * 1024) else {
            return Self.json(.badRequest, Self.messageBody("Request body too large"))
        }
        var form = FormDecoding.decode(String(buffer: body)[...])
        for (name, value) in FormDecoding.decode((request.uri.query ?? "")[...]) where form[name] == nil {
            form[name] = value
        }
        let name = form["resource"].flatMap { $0.isEmpty ? nil : $0 } ?? ChangeableResource.contacts.rawValue
        guard let resource = ChangeableResource(rawValue: name) else {
            let known = ChangeableResource.allCases.map(\.rawValue).joined(separator: ", ")
            return Self.json(.badRequest, Self.messageBody("Unknown resource \(name); one of \(known)"))
        }
        var counts: [Int] = []
        for field in ["update", "create", "delete"] {
            let text = form[field] ?? ""
            guard let count = text.isEmpty ? 0 : Int(text), (0...10_000).contains(count) else {
                return Self.json(.badRequest, Self.messageBody("Invalid value for \(field): \(text) (0...10000)"))
            }
            counts.append(count)
        }
        var addField: String?
        if let label = form["add_field"], !label.isEmpty {
            guard resource == .contacts, label.count <= 40,
                label.unicodeScalars.allSatisfy(Self.fieldLabelCharacters.contains)
            else {
                return Self.json(.badRequest, Self.messageBody("add_field adds a contact custom field: letters, digits and spaces, at most 40"))
            }
            addField = label
        }
        let report = applyChanges(resource, update: counts[0], create: counts[1], delete: counts[2], addField: addField)
        return Self.json(.ok, Self.changeReportJSON(report))
    }

    /// What an `add_field` label may hold: letters, digits and spaces.
    static let fieldLabelCharacters = CharacterSet.letters.union(.decimalDigits).union(.whitespaces)

    /// Applies one change call to the world at the sandbox's now and persists the state.
    func applyChanges(_ resource: ChangeableResource, update: Int, create: Int, delete: Int, deleteIDs: [Int] = [],
                      addField: String? = nil) -> ChangeReport {
        let nowMillis = Int((now() * 1000).rounded(.down))
        let report = world.applyChanges(resource, update: update, create: create, delete: delete, deleteIDs: deleteIDs,
                                        addField: addField, nowMillis: nowMillis)
        state.withLock { $0.statistics.changes += 1 }
        persistState()
        return report
    }

    static func changeReportJSON(_ report: ChangeReport) -> [UInt8] {
        var w = JSONWriter(capacity: 64 + 8 * (report.updated.count + report.created.count + report.deleted.count))
        w.beginObject()
        for (key, ids) in [("updated", report.updated), ("created", report.created), ("deleted", report.deleted)] {
            w.key(dynamic: key)
            w.beginArray()
            for id in ids { w.int(id) }
            w.endArray()
        }
        w.endObject()
        return w.bytes
    }

    /// `GET /_sandbox/export?resource=contacts[&optional_properties=…]`: test-only. Every live
    /// record of a v1 list resource in the v1 list shape, `{<key>: [...], "count": n}`, written
    /// straight from the world (not through the paging code). Loopback clients only.
    private func export(_ request: Request, context: SandboxRequestContext) -> Response {
        guard Self.isLoopback(context.channel.remoteAddress) else {
            return Self.json(.forbidden, Self.messageBody("The export is served to loopback clients only"))
        }
        let query = FormDecoding.decode((request.uri.query ?? "")[...])
        let name = query["resource"].flatMap { $0.isEmpty ? nil : $0 } ?? ChangeableResource.contacts.rawValue
        guard let list = ResourceCatalog.lists[name] else {
            let known = ResourceCatalog.lists.keys.sorted().joined(separator: ", ")
            return Self.json(.notFound, Self.messageBody("No list resource \(name); one of \(known)"))
        }
        let optional = OptionalProperties(query["optional_properties"])
        let rows = world.liveIndexes(list: name, seeded: list.total(world.sizes))
        var w = JSONWriter(capacity: 256 + rows.count * 900)
        w.beginObject()
        w.key(list.key)
        w.beginArray()
        for index in rows { list.item(world, index, optional, &w) }
        w.endArray()
        w.field("count", rows.count)
        w.endObject()
        return Self.json(.ok, w.bytes)
    }

    static func isLoopback(_ address: SocketAddress?) -> Bool {
        guard let ip = address?.ipAddress else { return false }
        return ip == "::1" || ip.hasPrefix("127.") || ip.hasPrefix("::ffff:127.")
    }
}
