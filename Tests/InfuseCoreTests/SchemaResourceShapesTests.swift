import Testing
@testable import InfuseCore

/// Keap v1 response shapes (KEAP-API.md §7b) with plausible values.
@Suite("Schema inference: Keap resource shapes")
struct SchemaResourceShapesTests {
    typealias F = SchemaTestFixtures

    @Test func opportunities() throws {
        let page = #"""
        {"count":2,"next":null,"previous":null,"opportunities":[
         {"id":5,"opportunity_title":"Big deal","contact":{"id":1000,"first_name":"Ann","last_name":"Lee","email":"a@x.io","company_name":"Acme","job_title":"CEO","phone_number":"555"},
          "user":{"id":3,"first_name":"Sam","last_name":"Roe"},
          "stage":{"id":9,"name":"Proposal","reasons":["price","timing"],"details":{"probability":40,"stage_order":2,"target_num_days":10,"check_list_items":[]}},
          "date_created":"2024-01-02T03:04:05.000+0000","estimated_close_date":"2024-02-01","projected_revenue_low":100,"projected_revenue_high":250.5,
          "include_in_forecast":1,"affiliate_id":0,"custom_fields":[{"id":1,"content":null}]},
         {"id":6,"opportunity_title":"Small deal","contact":{"id":1001,"first_name":"Bo","last_name":"Ng","email":null,"company_name":null,"job_title":null,"phone_number":null},
          "user":{"id":3,"first_name":"Sam","last_name":"Roe"},
          "stage":{"id":10,"name":"Won","reasons":[],"details":{"probability":100,"stage_order":5,"target_num_days":0,"check_list_items":[]}},
          "date_created":"2024-01-03T03:04:05.000+0000","estimated_close_date":null,"projected_revenue_low":50,"projected_revenue_high":75,
          "include_in_forecast":0,"affiliate_id":0,"custom_fields":[]}]}
        """#
        let tree = try F.infer([page])
        #expect(tree.allSchemas.map(\.path) == [
            "root", "opportunities", "opportunities.stage.reasons", "opportunities.stage.details.check_list_items",
            "opportunities.custom_fields",
        ])
        #expect(F.signature(tree.schema(at: "opportunities")) == [
            "id:integer", "opportunity_title:text", "contact_id:integer", "contact_first_name:text", "contact_last_name:text",
            "contact_email:text?", "contact_company_name:text?", "contact_job_title:text?", "contact_phone_number:text?",
            "user_id:integer", "user_first_name:text", "user_last_name:text", "stage_id:integer", "stage_name:text",
            "stage_details_probability:integer", "stage_details_stage_order:integer", "stage_details_target_num_days:integer",
            "date_created:dateTime", "estimated_close_date:dateTime?", "projected_revenue_low:integer",
            "projected_revenue_high:decimal", "include_in_forecast:integer", "affiliate_id:integer",
        ])
        #expect(F.signature(tree.schema(at: "opportunities.stage.reasons")) == ["opportunity_id:integer", "_position:integer", "value:text"])
        #expect(tree.schema(at: "opportunities.stage.reasons")?.rowCount == 2)
        #expect(tree.schema(at: "opportunities.stage.details.check_list_items")?.rowCount == 0)
        #expect(F.signature(tree.schema(at: "opportunities.custom_fields")) == [
            "opportunity_id:integer", "_position:integer", "id:integer", "content:text?",
        ])
        #expect(tree.schema(at: "root")?.columns.map(\.name) == ["count", "next", "previous"])
    }

    @Test func ordersWithNestedProducts() throws {
        let page = #"""
        {"count":1,"orders":[{"id":77,"title":"Order 77","status":"PAID","recurring":false,"total":19.99,"total_paid":19.99,"total_due":0,
          "order_date":"2024-03-01T10:00:00.000Z","invoice_number":1077,"source_type":"INVOICE",
          "contact":{"id":1000,"first_name":"Ann","last_name":"Lee","email":"a@x.io","company_name":"","job_title":""},
          "order_items":[{"id":1,"name":"Widget","type":"Product","quantity":2,"price":9.99,"cost":4,"discount":0,"product":{"id":501,"name":"Widget","sku":"W-1","shippable":true,"taxable":false}},
                         {"id":2,"name":"Shipping","type":"Shipping","quantity":1,"price":0.01,"cost":0,"discount":0,"product":null}],
          "shipping_information":{"first_name":"Ann","last_name":"Lee","street1":"1 Main","city":"Mesa","state":"AZ","zip":"85201","country":"US"},
          "payment_plan":{}}]}
        """#
        let tree = try F.infer([page])
        #expect(tree.allSchemas.map(\.path) == ["root", "orders", "orders.order_items"])
        let orders = try #require(tree.schema(at: "orders"))
        #expect(orders.column("total")?.type == .decimal)
        #expect(orders.column("total_due")?.type == .integer)
        #expect(orders.column("shipping_information_zip")?.type == .text)
        #expect(orders.column("payment_plan")?.type == .json)
        #expect(orders.column("order_date")?.type == .dateTime)
        #expect(F.signature(tree.schema(at: "orders.order_items")) == [
            "order_id:integer", "_position:integer", "id:integer", "name:text", "type:text", "quantity:integer",
            "price:decimal", "cost:integer", "discount:integer", "product_id:integer?", "product_name:text?",
            "product_sku:text?", "product_shippable:boolean?", "product_taxable:boolean?",
        ])
    }

    @Test func productsWithOptionValuesAndPlans() throws {
        let page = #"""
        {"count":1,"sync_token":"abc","products":[{"id":501,"product_name":"Widget","sku":"W-1","product_price":9.99,"status":1,"subscription_only":false,
          "product_options":[{"id":11,"name":"Size","label":"Size","type":"FixedList","required":true,
             "values":[{"id":1,"label":"S","sku":"W-1-S","price_adjustment":0,"is_default":true,"index":0},{"id":2,"label":"L","sku":"W-1-L","price_adjustment":1.5,"is_default":false,"index":1}]}],
          "subscription_plans":[{"id":21,"active":true,"cycle":1,"frequency":1,"number_of_cycles":0,"plan_price":5.0,"subscription_plan_name":"Monthly","subscription_plan_index":0,"url":"https://x"}]}]}
        """#
        let tree = try F.infer([page])
        #expect(tree.allSchemas.map(\.path) == [
            "root", "products", "products.product_options", "products.product_options.values", "products.subscription_plans",
        ])
        #expect(F.signature(tree.schema(at: "products.product_options.values")) == [
            "product_option_id:integer", "_position:integer", "id:integer", "label:text", "sku:text",
            "price_adjustment:decimal", "is_default:boolean", "index_:integer",
        ])
        #expect(tree.schema(at: "products.product_options.values")?.rowCount == 2)
        #expect(tree.schema(at: "products.subscription_plans")?.column("product_id")?.source.role == .parentID)
        #expect(tree.schema(at: "root")?.columns.map(\.name) == ["count", "sync_token"])
    }

    @Test func campaignsGoalsAndSequences() throws {
        let page = #"""
        {"count":1,"campaigns":[{"id":3,"name":"Welcome","locked":false,"published_date":"2023-05-05T00:00:00.000+0000",
          "goals":[{"id":30,"name":"Signup","type":"WebForm","historical_contact_counts":{"24_hours":4,"30_days":90},"next_sequence_ids":[40,41],"previous_sequence_ids":[]}],
          "sequences":[{"id":40,"name":"Nurture","active_contact_count":12,"historical_contact_count":{"24_hours":1,"30_days":30},"paths":[]}]}]}
        """#
        let tree = try F.infer([page])
        #expect(tree.allSchemas.map(\.path) == [
            "root", "campaigns", "campaigns.goals", "campaigns.goals.next_sequence_ids", "campaigns.goals.previous_sequence_ids",
            "campaigns.sequences", "campaigns.sequences.paths",
        ])
        #expect(F.signature(tree.schema(at: "campaigns.goals")) == [
            "campaign_id:integer", "_position:integer", "id:integer", "name:text", "type:text",
            "historical_contact_counts_24_hours:integer", "historical_contact_counts_30_days:integer",
        ])
        #expect(F.signature(tree.schema(at: "campaigns.goals.next_sequence_ids")) == ["goal_id:integer", "_position:integer", "value:integer"])
        #expect(tree.schema(at: "campaigns.goals.next_sequence_ids")?.rowCount == 2)
        #expect(F.signature(tree.schema(at: "campaigns.sequences.paths")) == ["sequence_id:integer", "_position:integer", "value:text?"])
    }

    @Test func merchants() throws {
        let page = #"{"default_merchant_account":2,"merchant_accounts":[{"id":1,"account_name":"Test","type":"STRIPE","is_test":true},{"id":2,"account_name":"Live","type":"STRIPE","is_test":false}]}"#
        let tree = try F.infer([page])
        #expect(F.signature(tree.schema(at: "root")) == ["default_merchant_account:integer"])
        #expect(F.signature(tree.schema(at: "merchant_accounts")) == ["id:integer", "account_name:text", "type:text", "is_test:boolean"])
        #expect(tree.schema(at: "merchant_accounts")?.rowCount == 2)
        #expect(tree.schema(at: "merchant_accounts")?.linkColumns.isEmpty == true)
    }

    @Test func bareArrayAndGeneratedKeys() throws {
        let pages = [#"[{"name":"a","items":[{"n":1},{"n":2}]},{"name":"b","items":[]}]"#, #"[{"name":"c","items":[{"n":3}]}]"#]
        let tree = try F.infer(pages, options: SchemaInferenceOptions(recordsName: "notes"))
        #expect(tree.allSchemas.map(\.path) == ["notes", "notes.items"])
        #expect(F.signature(tree.schema(at: "notes")) == ["_key:integer", "name:text"])
        #expect(F.signature(tree.schema(at: "notes.items")) == ["_parent_key:integer", "_position:integer", "n:integer"])
        #expect(tree.schema(at: "notes")?.keyColumn?.name == "_key")
        #expect(tree.schema(at: "notes.items")?.previewRows == [
            [.integer(1), .integer(0), .integer(1)], [.integer(1), .integer(1), .integer(2)], [.integer(3), .integer(0), .integer(3)],
        ])
        #expect(throws: SchemaError.self) { try F.infer([#"[{"a":1}]"#, #"{"a":[1]}"#]) }
    }
}
