/// Records reached through another record: an order's payments, a tag's companies, a product's
/// subscription plan and the product sync feed (v1 spec `InvoicePayment`, `TaggedCompany`,
/// `ProductSubscription`, `ProductStatus`; KEAP-API.md §6).
extension SandboxWorld {
    /// Writes the bare `InvoicePayment` array of order `index`: one payment when anything was paid.
    func writeOrderPayments(_ index: Int, into w: inout JSONWriter) {
        let facts = orderFacts(index)
        w.beginArray()
        if facts.paid > 0 {
            w.beginObject()
            w.field("amount", cents: facts.paid)
            w.field("id", index + 1)
            w.field("invoice_id", index + 1)
            w.field("last_updated", timestamp: facts.created + 60)
            w.field("note", facts.paid < facts.total ? "Partial payment" : "Paid in full")
            w.field("pay_date", timestamp: facts.created + 60)
            w.field("pay_status", "Approved")
            w.field("payment_id", index + 1)
            w.field("refund_invoice_payment_id", 0)
            w.field("skip_commission", false)
            w.endObject()
        }
        w.endArray()
    }

    /// Whether company `index` carries tag `tagID` (about one tag in six).
    func companyHasTag(_ index: Int, tagID: Int) -> Bool {
        DeterministicRandom.mix(seed ^ UInt64(index) &* 0xA24B_AED4_963E_E407 ^ UInt64(tagID) &* 0x9FB2_1C65_1E98_DF25) % 6 == 0
    }

    /// The company's `email_address`, drawn exactly as ``writeCompany`` draws it.
    func companyEmail(_ index: Int) -> String? {
        var rng = random(.company, index)
        _ = Self.companyName(&rng)
        _ = rng.pick(SamplePools.cities)
        if rng.chance(0.8) {
            _ = rng.int(in: 1...999)
            _ = rng.pick(SamplePools.streets)
        }
        return rng.chance(0.7) ? "info@company\(index + 1).example.com" : nil
    }

    /// Writes one `{company:{id,company_name,email}, date_applied}` item of `/v1/tags/{id}/companies`.
    func writeTaggedCompany(companyIndex: Int, tagID: Int, into w: inout JSONWriter) {
        w.beginObject()
        w.key("company")
        w.beginObject()
        w.field("company_name", companyName(companyIndex))
        w.field("email", companyEmail(companyIndex))
        w.field("id", companyIndex + 1)
        w.endObject()
        w.field("date_applied", timestamp: tagAppliedDate(contactIndex: sizes.contacts + companyIndex, tagID: tagID))
        w.endObject()
    }

    /// Writes the `ProductSubscription` of product `index` (its plan id equals the product id).
    func writeProductSubscription(productIndex index: Int, into w: inout JSONWriter) {
        w.beginObject()
        w.field("active", true)
        w.field("cycle_type", static: "MONTH")
        w.field("frequency", 1)
        w.field("id", index + 1)
        w.field("number_of_cycles", 0)
        w.field("plan_price", cents: productPrice(index))
        w.field("subscription_plan_index", 0)
        w.field("subscription_plan_name", "Monthly")
        w.field("url", nil as String?)
        w.endObject()
    }

    /// Writes one `{product:{…}, status}` item of `/v1/products/sync`.
    func writeProductStatus(_ index: Int, into w: inout JSONWriter) {
        w.beginObject()
        w.key("product")
        writeProduct(index, into: &w)
        w.field("status", static: "CREATED")
        w.endObject()
    }
}
