import Foundation
import InfuseCore
import Testing
@testable import InfuseTUI

/// The API Endpoints drop-down lists the v2 endpoints beside v1, each with its version.
@Suite("Endpoint drop-down: v1 and v2")
struct EndpointDropDownV2Tests {
    /// The form with the endpoint drop-down open and filtered to `filter`.
    static func openForm(filter: String) -> AppState {
        var state = DesignerFixtures.base()
        state.currentAccount = "Demo"
        var f = FormState(account: "Demo")
        f.name.setText("Weekly contacts")
        f.focus = .endpoint
        _ = f.endpoint.handle(.enter)
        for character in filter { _ = f.endpoint.handle(.char(character)) }
        state.push(.form(f))
        return state
    }

    @Test("every catalogue endpoint, v1 and v2, is an option with its version label")
    func options() throws {
        let form = FormState(account: "Demo")
        #expect(form.endpoint.options.count == EndpointCatalogue.all.count)
        for (endpoint, row) in zip(FormState.endpoints, form.endpoint.options) {
            #expect(row.first == "\(endpoint.id) — \(endpoint.summary)")
            #expect(row.last == FormState.versionLabel(endpoint))
        }
        let v2Contacts = try #require(FormState.endpoints.firstIndex { $0.id == "v2.contacts" })
        #expect(form.endpoint.options[v2Contacts].last == "v2")
        let v1Contacts = try #require(FormState.endpoints.firstIndex { $0.id == "contacts" })
        #expect(form.endpoint.options[v1Contacts].last == "v1 (v2 default)")
        let transactions = try #require(FormState.endpoints.firstIndex { $0.id == "transactions" })
        #expect(form.endpoint.options[transactions].last == "v1 deprecated")
        let appointments = try #require(FormState.endpoints.firstIndex { $0.id == "appointments" })
        #expect(form.endpoint.options[appointments].last == "v1")
    }

    @Test("per resource the default comes first: `List Contacts` lands on v2.contacts, v1's right below it")
    func defaultFirst() throws {
        guard case .form(var form) = Self.openForm(filter: "List Contacts").top else { Issue.record("no form"); return }
        _ = form.endpoint.handle(.enter)
        #expect(form.chosenEndpoint?.id == "v2.contacts")
        let ids = FormState.endpoints.map(\.id)
        let v2 = try #require(ids.firstIndex(of: "v2.contacts"))
        #expect(ids[v2 + 1] == "contacts")
        // Deprecated v1 transactions sits right after its successor, which only swagger.yml lists.
        let transactions = try #require(ids.firstIndex(of: "transactions"))
        #expect(ids[transactions - 1] == "v2.sales.transactions")
        for endpoint in FormState.endpoints where EndpointCatalogue.v2Counterpart(of: endpoint) != nil {
            let counterpart = try #require(EndpointCatalogue.v2Counterpart(of: endpoint))
            #expect(ids.firstIndex(of: counterpart.id)! < ids.firstIndex(of: endpoint.id)!, "\(endpoint.id)")
        }
    }

    @Test("the open drop-down filtered to contacts shows v1 and v2 side by side (snapshot)")
    func snapshot() {
        let buffer = DesignerSnapshotTests.render(Self.openForm(filter: "contacts"), 120, 40)
        assertSnapshot(buffer, named: "designer_5_form_endpoints_v2_120x40")
        let text = buffer.lines().joined(separator: "\n")
        #expect(text.contains("v2.contacts — List Contacts"))
        #expect(text.contains("v1 (v2 default)"))
    }

    @Test("a saved v2 source opens with its v2 endpoint chosen, and a saved v1 one with v1")
    func editing() {
        for id in ["v2.contacts", "contacts"] {
            let source = DataSource(
                name: "S \(id)", accountName: "Demo", target: .endpoint(id: id, pathParameters: [:], query: [:]))
            let form = FormState(editing: source, account: "Demo")
            #expect(form.chosenEndpoint?.id == id)
        }
    }
}
