import Foundation
import InfuseCore
import InfuseTUI
import Testing

/// The form's Sync field: Auto resolves per endpoint (incremental where it has a change filter),
/// an explicit Incremental on an endpoint without one is refused on the field, an edited source
/// keeps its saved sync.
@Suite("Form: Sync")
struct FormSyncTests {
    static func index(_ id: String) throws -> Int { try #require(FormState.endpoints.firstIndex { $0.id == id }) }

    @Test("Auto is incremental for contacts (v1 and v2) and full for tags")
    func autoPerEndpoint() throws {
        var form = FormState(account: "Demo")
        #expect(form.sync.value == "Auto")
        form.endpoint.select(try Self.index("contacts"))
        #expect(form.draft(now: Date()).source.sync == .incremental)
        form.endpoint.select(try Self.index("v2.contacts"))
        #expect(form.draft(now: Date()).source.sync == .incremental)
        form.endpoint.select(try Self.index("tags"))
        #expect(form.draft(now: Date()).source.sync == .full)
        form.sync.select(2)
        form.endpoint.select(try Self.index("contacts"))
        #expect(form.draft(now: Date()).source.sync == .full)
    }

    @Test("Incremental on an endpoint without a change filter is an error on the Sync field")
    func incrementalRefused() throws {
        var form = FormState(account: "Demo")
        form.name.setText("Tags")
        form.endpoint.select(try Self.index("tags"))
        form.sync.select(1)
        #expect(form.validate(existingNames: [], accounts: ["Demo"], now: Date()) == nil)
        #expect(form.errors[.sync]?.first?.hasPrefix("Sync: incremental needs an endpoint with a change filter") == true)
        #expect(form.focus == .sync)
        form.sync.select(0)
        #expect(form.validate(existingNames: [], accounts: ["Demo"], now: Date())?.sync == .full)
    }

    @Test("editing a saved source shows its sync and keeps it and its reconcile interval")
    func editingKeepsSync() throws {
        let saved = DataSource(name: "Contacts", accountName: "Demo", target: .endpoint(id: "contacts"), sync: .full, reconcileInterval: 3_600)
        var form = FormState(editing: saved, account: "Demo")
        #expect(form.sync.value == "Full")
        #expect(form.draft(now: Date()).source.sync == .full)
        form.sync.select(1)
        let draft = form.draft(now: Date()).source
        #expect(draft.sync == .incremental)
        #expect(draft.reconcileInterval == 3_600)
    }
}
