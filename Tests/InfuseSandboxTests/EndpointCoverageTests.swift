import Foundation
import InfuseSandbox
import Testing

@Suite("Sandbox endpoint coverage")
struct EndpointCoverageTests {
    /// (path, key that must be present) for every served v1 GET.
    static let endpoints: [(String, String)] = [
        ("/v1/contacts", "contacts"), ("/v1/contacts/1", "id"), ("/v1/contacts/model", "custom_fields"),
        ("/v1/contacts/1/tags", "tags"), ("/v1/contacts/1/emails", "emails"),
        ("/v1/companies", "companies"), ("/v1/companies/1", "company_name"), ("/v1/companies/model", "custom_fields"),
        ("/v1/opportunities", "opportunities"), ("/v1/opportunities/1", "opportunity_title"),
        ("/v1/opportunities/model", "optional_properties"),
        ("/v1/campaigns", "campaigns"), ("/v1/campaigns/1", "goals"),
        ("/v1/merchants", "merchant_accounts"),
        ("/v1/products", "products"), ("/v1/products/1", "product_name"),
        ("/v1/orders", "orders"), ("/v1/orders/1", "order_items"), ("/v1/orders/1/transactions", "transactions"),
        ("/v1/orders/model", "custom_fields"),
        ("/v1/tags", "tags"), ("/v1/tags/1", "name"), ("/v1/tags/1/contacts", "contacts"),
        ("/v1/tasks", "tasks"), ("/v1/tasks/1", "title"), ("/v1/tasks/model", "custom_fields"),
        ("/v1/notes", "notes"), ("/v1/notes/1", "body"), ("/v1/notes/model", "custom_fields"),
        ("/v1/users", "users"),
        ("/v1/emails", "emails"), ("/v1/emails/1", "html_content"),
        ("/v1/affiliates", "affiliates"), ("/v1/affiliates/1", "code"), ("/v1/affiliates/model", "custom_fields"),
        ("/v1/subscriptions", "subscriptions"), ("/v1/subscriptions/model", "custom_fields"),
        ("/v1/transactions", "transactions"), ("/v1/transactions/1", "amount"),
        ("/v1/files", "files"), ("/v1/files/1", "file_descriptor"),
        ("/v1/appointments", "appointments"), ("/v1/appointments/1", "start_date"),
        ("/v1/appointments/model", "custom_fields"),
        ("/v1/account/profile", "name"), ("/v1/locales/countries", "countries"),
        ("/v1/oauth/connect/userinfo", "email"),
    ]

    @Test func everyEndpointAnswersWithValidJSONAndItsKey() async throws {
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            for (path, key) in Self.endpoints {
                let result = try await h.api(path)
                #expect(result.status == 200, "\(path)")
                let object = try result.object()
                #expect(object[key] != nil, "\(path) lacks \(key)")
                if let list = object[key] as? [Any], object["count"] != nil {
                    #expect(!list.isEmpty, "\(path) is empty")
                    #expect(object["next"] is String && object["previous"] is String, "\(path) links")
                }
            }
        }
    }

    @Test func unknownIdsAre404() async throws {
        try await SandboxHarness.with { h in
            for path in ["/v1/contacts/0", "/v1/companies/999999", "/v1/tags/abc", "/v1/orders/999999/transactions",
                         "/v1/contacts/999999/tags", "/v1/widgets/model"] {
                let result = try await h.api(path)
                #expect(result.status == 404, "\(path)")
                #expect(try result.object()["message"] is String)
            }
        }
    }

    @Test func listsWithSyncTokenCarryIt() async throws {
        try await SandboxHarness.with { h in
            for path in ["/v1/products", "/v1/tasks", "/v1/appointments"] {
                let object = try await h.api(path).object()
                #expect(object["sync_token"] is String, "\(path)")
            }
        }
    }
}
