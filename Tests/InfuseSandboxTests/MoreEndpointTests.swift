import Foundation
import InfuseSandbox
import Testing

/// The v1 GETs beyond the core resources: affiliate sub-lists, product sync and plans, settings,
/// locale options, signatures, order payments, tagged companies, task search and hooks by key.
@Suite("Sandbox additional v1 endpoints")
struct MoreEndpointTests {
    /// (path, list key) of the paged lists added.
    static let pagedLists: [(String, String)] = [
        ("/v1/affiliates/commissions", "commissions"), ("/v1/affiliates/programs", "programs"),
        ("/v1/affiliates/redirectlinks", "redirects"), ("/v1/affiliates/1/clawbacks", "clawbacks"),
        ("/v1/affiliates/1/payments", "payments"), ("/v1/products/sync", "product_statuses"),
        ("/v1/tags/1/companies", "companies"), ("/v1/tasks/search", "tasks"),
    ]

    @Test func pagedListsAnswerWithTheirKeyCountAndLinks() async throws {
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            for (path, key) in Self.pagedLists {
                let result = try await h.api(path)
                #expect(result.status == 200, "\(path)")
                let object = try result.object()
                let rows = try #require(object[key] as? [[String: Any]], "\(path) lacks \(key)")
                #expect(object["count"] as? Int == rows.count, "\(path) count")
                #expect(object["next"] is String && object["previous"] is String, "\(path) links")
            }
        }
    }

    @Test func largeAffiliateListsPage() async throws {
        try await SandboxHarness.with { h in
            for (path, key) in [("/v1/affiliates/commissions", "commissions"), ("/v1/affiliates/redirectlinks", "redirects"),
                                ("/v1/products/sync", "product_statuses")] {
                let all = try await h.api(path).object()
                let total = try #require(all["count"] as? Int)
                #expect(total > 3, "\(path)")
                let page = try await h.api(path + "?limit=2&offset=1").object()
                let rows = try #require(page[key] as? [Any])
                #expect(rows.count == 2, "\(path)")
                #expect(page["count"] as? Int == total, "\(path)")
                #expect((page["next"] as? String)?.contains("limit=2&offset=3") == true, "\(path)")
                let allRows = try #require(all[key] as? [Any])
                #expect(Self.canonical(rows) == Self.canonical(Array(allRows[1...2])), "\(path) page content")
            }
        }
    }

    @Test func commissionsFilterByAffiliateAndDate() async throws {
        try await SandboxHarness.with { h in
            let all = try await h.api("/v1/affiliates/commissions").object()
            let total = try #require(all["count"] as? Int)
            let mine = try await h.api("/v1/affiliates/commissions?affiliateId=2").object()
            let rows = try #require(mine["commissions"] as? [[String: Any]])
            #expect(!rows.isEmpty && rows.count < total)
            #expect(mine["count"] as? Int == rows.count)
            #expect(rows.allSatisfy { $0["sales_affiliate_id"] as? Int == 2 })
            let since = "2021-01-01T00:00:00.000Z"
            let dated = try await h.api("/v1/affiliates/commissions?since=\(since)").object()
            let datedRows = try #require(dated["commissions"] as? [[String: Any]])
            #expect(datedRows.count < total)
            #expect(datedRows.allSatisfy { ($0["date_earned"] as? String ?? "") >= "2021-01-01" })
            #expect(try await h.api("/v1/affiliates/commissions?affiliateId=x").status == 400)
        }
    }

    @Test func programsAndRedirectsFilterByAffiliate() async throws {
        try await SandboxHarness.with { h in
            for (path, key) in [("/v1/affiliates/programs", "programs"), ("/v1/affiliates/redirectlinks", "redirects")] {
                let total = try #require(try await h.api(path).object()["count"] as? Int)
                let page = try await h.api(path + "?affiliate_id=3").object()
                let rows = try #require(page[key] as? [[String: Any]])
                #expect(!rows.isEmpty && rows.count < total, "\(path)")
                #expect(page["count"] as? Int == rows.count)
                #expect(rows.allSatisfy { $0["affiliate_id"] as? Int == 3 }, "\(path)")
                let unknown = try await h.api(path + "?affiliate_id=999999").object()
                #expect(unknown["count"] as? Int == 0, "\(path)")
            }
        }
    }

    @Test func summariesAreUnpagedFilteredAndOrdered() async throws {
        try await SandboxHarness.with { h in
            let all = try await h.api("/v1/affiliates/summaries").object()
            let rows = try #require(all["summaries"] as? [[String: Any]])
            #expect(all["count"] as? Int == rows.count)
            #expect(rows.count == 5)
            #expect(all["next"] == nil)
            #expect(rows.compactMap { $0["affiliate_id"] as? Int } == [1, 2, 3, 4, 5])
            for row in rows {
                let earned = try #require(row["amount_earned"] as? Double)
                let clawbacks = try #require(row["clawbacks"] as? Double)
                #expect(earned >= clawbacks && clawbacks >= 0)
                #expect(row["balance"] is Double)
            }
            let some = try await h.api("/v1/affiliates/summaries?affiliate_ids=4,2").object()
            #expect((some["summaries"] as? [[String: Any]])?.compactMap { $0["affiliate_id"] as? Int } == [2, 4])
            #expect(some["count"] as? Int == 2)
            let ordered = try await h.api("/v1/affiliates/summaries?order=amount_earned&order_direction=DESCENDING").object()
            let earned = (ordered["summaries"] as? [[String: Any]])?.compactMap { $0["amount_earned"] as? Double } ?? []
            #expect(earned.count == 5 && earned == earned.sorted(by: >))
            #expect(try await h.api("/v1/affiliates/summaries?order=shoe_size").status == 400)
        }
    }

    @Test func clawbacksAndPaymentsBelongToTheAffiliate() async throws {
        try await SandboxHarness.with { h in
            var clawbackTotal = 0
            var paymentTotal = 0
            for id in 1...5 {
                let clawbacks = try await h.api("/v1/affiliates/\(id)/clawbacks").object()
                let rows = try #require(clawbacks["clawbacks"] as? [[String: Any]])
                #expect(rows.allSatisfy { $0["sale_affiliate_id"] as? Int == id })
                clawbackTotal += rows.count
                let payments = try await h.api("/v1/affiliates/\(id)/payments").object()
                let paid = try #require(payments["payments"] as? [[String: Any]])
                #expect(paid.allSatisfy { $0["amount"] is Double && $0["date"] is String })
                paymentTotal += paid.count
            }
            #expect(clawbackTotal > 0 && paymentTotal > 0)
            #expect(try await h.api("/v1/affiliates/999/payments").status == 404)
            #expect(try await h.api("/v1/affiliates/1/clawbacks?until=bad").status == 400)
        }
    }

    @Test func productSyncHonoursTheSyncToken() async throws {
        try await SandboxHarness.with { h in
            let products = try await h.api("/v1/products").object()
            let token = try #require(products["sync_token"] as? String)
            let total = try #require(products["count"] as? Int)
            let full = try await h.api("/v1/products/sync").object()
            #expect(full["count"] as? Int == total)
            #expect(full["sync_token"] as? String == token)
            let first = try #require((full["product_statuses"] as? [[String: Any]])?.first)
            #expect(first["status"] as? String == "CREATED")
            #expect((first["product"] as? [String: Any])?["id"] as? Int == 1)
            let caughtUp = try await h.api("/v1/products/sync?sync_token=\(token)").object()
            #expect(caughtUp["count"] as? Int == 0)
            #expect((caughtUp["product_statuses"] as? [Any])?.isEmpty == true)
            #expect(try await h.api("/v1/products/sync?sync_token=garbage").status == 400)
        }
    }

    @Test func productPlanIsServedForProductsThatHaveOne() async throws {
        try await SandboxHarness.with { h in
            let products = try #require(try await h.api("/v1/products").object()["products"] as? [[String: Any]])
            let withPlan = try #require(products.first { !(($0["subscription_plans"] as? [Any]) ?? []).isEmpty })
            let id = try #require(withPlan["id"] as? Int)
            let plan = try await h.api("/v1/products/\(id)/subscriptions/\(id)")
            #expect(plan.status == 200)
            let object = try plan.object()
            #expect(object["id"] as? Int == id)
            #expect(object["cycle_type"] as? String == "MONTH")
            #expect(object["plan_price"] as? Double == withPlan["product_price"] as? Double)
            #expect(try await h.api("/v1/products/\(id)/subscriptions/\(id + 1)").status == 404)
        }
    }

    @Test func settingsAndLocaleOptions() async throws {
        try await SandboxHarness.with { h in
            let configuration = try await h.api("/v1/setting/application/configuration").object()
            for module in ["affiliate", "application", "appointment", "contact", "ecommerce", "email", "forms",
                           "fulfillment", "invoice", "note", "opportunity", "task", "template"] {
                #expect(configuration[module] is [String: Any], "\(module)")
            }
            #expect(try await h.api("/v1/setting/application/enabled").object()["value"] as? String == "true")
            let types = try #require(try await h.api("/v1/setting/contact/optionTypes").object()["value"] as? String)
            #expect(types.split(separator: ",").contains("Lead"))
            let contactModule = configuration["contact"] as? [String: Any]
            #expect(contactModule?["contact_types"] as? String == types)

            let options = try await h.api("/v1/locales/defaultOptions").object()
            for key in ["contact_types", "fax_types", "phone_types", "suffix_types", "title_types"] {
                #expect((options[key] as? [String])?.isEmpty == false, "\(key)")
            }
            let provinces = try await h.api("/v1/locales/countries/USA/provinces").object()
            #expect((provinces["provinces"] as? [String: String])?["AZ"] == "Arizona")
            let none = try await h.api("/v1/locales/countries/IRL/provinces").object()
            #expect((none["provinces"] as? [String: String])?.isEmpty == true)
            #expect(try await h.api("/v1/locales/countries/XYZ/provinces").status == 404)
        }
    }

    @Test func signatureOrderPaymentsAndHooks() async throws {
        try await SandboxHarness.with { h in
            let signature = try await h.api("/v1/users/1/signature")
            #expect(signature.status == 200)
            let html = try #require(try signature.json() as? String)
            #expect(html.hasPrefix("<p>") && html.contains("@sandbox.example.com"))
            #expect(try await h.api("/v1/users/9999/signature").status == 404)

            var paidOrders = 0
            for id in 1...10 {
                let order = try await h.api("/v1/orders/\(id)").object()
                let payments = try #require(try await h.api("/v1/orders/\(id)/payments").json() as? [[String: Any]])
                let paid = try #require(order["total_paid"] as? Double)
                #expect(payments.count == (paid > 0 ? 1 : 0), "order \(id)")
                if let payment = payments.first {
                    paidOrders += 1
                    #expect(payment["amount"] as? Double == paid)
                    #expect(payment["invoice_id"] as? Int == id)
                }
            }
            #expect(paidOrders > 0)
            #expect(try await h.api("/v1/orders/999999/payments").status == 404)
            let hook = try await h.api("/v1/hooks/abc")
            #expect(hook.status == 404)
            #expect((try hook.object()["message"] as? String)?.contains("Hook") == true)
        }
    }

    @Test func taggedCompaniesAndTaskSearch() async throws {
        try await SandboxHarness.with { h in
            let page = try await h.api("/v1/tags/2/companies").object()
            let rows = try #require(page["companies"] as? [[String: Any]])
            #expect(!rows.isEmpty)
            for row in rows {
                let company = try #require(row["company"] as? [String: Any])
                let id = try #require(company["id"] as? Int)
                let full = try await h.api("/v1/companies/\(id)").object()
                #expect(full["company_name"] as? String == company["company_name"] as? String)
                #expect(full["email_address"] as? String == company["email"] as? String)
                #expect(row["date_applied"] is String)
            }
            #expect(try await h.api("/v1/tags/9999/companies").status == 404)
            let search = try await h.api("/v1/tasks/search?completed=true").object()
            let list = try await h.api("/v1/tasks?completed=true").object()
            #expect(search["count"] as? Int == list["count"] as? Int)
        }
    }

    /// Rows re-serialised with sorted keys, for comparing pages.
    static func canonical(_ rows: [Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
