/// Affiliate programs, redirect links, commissions, clawbacks, payments and summaries (v1 spec
/// `AffiliateProgram`, `Redirect`, `AffiliateCommission`, `RestAffiliateClawback`, `AffiliatePayment`,
/// `AffiliateSummary`; KEAP-API.md §6).
///
/// Programs, redirects and commissions belong to affiliate `index % affiliates`, so one
/// affiliate's rows are `a, a + affiliates, …` and need no scan. Clawbacks and payments are
/// per affiliate (a handful each).
extension SandboxWorld {
    /// One program per affiliate.
    var affiliatePrograms: Int { sizes.affiliates }
    /// Two redirect links per affiliate.
    var affiliateRedirects: Int { sizes.affiliates * 2 }
    /// One commission per five orders.
    var affiliateCommissions: Int { max(sizes.orders / 5, 5) }

    /// The affiliate (index) that owns row `index` of a per-affiliate list.
    func owningAffiliate(_ index: Int) -> Int {
        index % sizes.affiliates
    }

    /// The rows of a `count`-row per-affiliate list that belong to `affiliate`.
    func rowCount(of affiliate: Int, in count: Int) -> Int {
        affiliate < count ? (count - 1 - affiliate) / sizes.affiliates + 1 : 0
    }

    /// The contact behind affiliate `index`, drawn exactly as ``writeAffiliate`` draws it.
    func affiliateContactIndex(_ index: Int) -> Int {
        var rng = random(.affiliate, index)
        return randomContactIndex(&rng)
    }

    func writeAffiliateProgram(_ index: Int, into w: inout JSONWriter) {
        var rng = random(.affiliateActivity, index &* 4)
        w.beginObject()
        w.field("id", index + 1)
        w.field("affiliate_id", owningAffiliate(index) + 1)
        w.field("name", "\(rng.pick(["Partner", "Referral", "Ambassador", "Revendeur"])) Program \(index + 1)")
        w.field("notes", rng.chance(0.4) ? rng.pick(SamplePools.noteBodies) : nil)
        w.field("priority", rng.int(in: 1...5))
        w.endObject()
    }

    func writeAffiliateRedirect(_ index: Int, into w: inout JSONWriter) {
        var rng = random(.affiliateActivity, index &* 4 &+ 1)
        let affiliate = owningAffiliate(index)
        w.beginObject()
        w.field("id", index + 1)
        w.field("affiliate_id", affiliate + 1)
        w.field("local_url_code", "go\(index + 1)")
        w.field("name", rng.pick(["Home page", "Pricing", "Webinar sign-up", "Página de ventas"]))
        w.key("program_ids")
        w.beginArray()
        w.int(affiliate + 1)
        w.endArray()
        w.field("redirect_url", "https://sandbox.example.com/landing/\(rng.int(in: 1...50))?ref=AFF\(1000 + affiliate)")
        w.endObject()
    }

    /// The facts of commission `index`: it pays its affiliate a share of one order.
    struct CommissionFacts {
        let affiliateIndex: Int
        let orderIndex: Int
        let amount: Int
        let earned: Int
    }

    func commissionFacts(_ index: Int) -> CommissionFacts {
        var rng = random(.affiliateActivity, index &* 4 &+ 2)
        let order = (index * 5 + 2) % sizes.orders
        let facts = orderFacts(order)
        let amount = facts.total * rng.int(in: 5...30) / 100
        return CommissionFacts(affiliateIndex: owningAffiliate(index), orderIndex: order, amount: amount,
                               earned: facts.created + 3_600)
    }

    func writeAffiliateCommission(_ index: Int, into w: inout JSONWriter) {
        let facts = commissionFacts(index)
        let order = orderFacts(facts.orderIndex)
        let customer = contactIdentity(order.contactIndex)
        let seller = contactIdentity(affiliateContactIndex(facts.affiliateIndex))
        w.beginObject()
        w.field("amount_earned", cents: facts.amount)
        w.field("contact_first_name", customer.givenName)
        w.field("contact_id", customer.id)
        w.field("contact_last_name", customer.familyName)
        w.field("date_earned", timestamp: facts.earned)
        w.field("invoice_id", facts.orderIndex + 1)
        w.field("product_name", order.items.first.map { productName($0.product) })
        w.field("sales_affiliate_id", facts.affiliateIndex + 1)
        w.field("sold_by_first_name", seller.givenName)
        w.field("sold_by_last_name", seller.familyName)
        w.endObject()
    }

    /// Affiliate `affiliate`'s clawbacks (0–3): each reverses one of its commissions.
    func clawbackCount(_ affiliate: Int) -> Int {
        var rng = random(.affiliateActivity, -1 - affiliate * 2)
        return min(rng.int(4), rowCount(of: affiliate, in: affiliateCommissions))
    }

    /// The commission that clawback `number` of `affiliate` reverses.
    func clawbackCommission(affiliate: Int, number: Int) -> CommissionFacts {
        commissionFacts(affiliate + number * sizes.affiliates)
    }

    func writeAffiliateClawback(affiliate: Int, number: Int, into w: inout JSONWriter) {
        let facts = clawbackCommission(affiliate: affiliate, number: number)
        let order = orderFacts(facts.orderIndex)
        let customer = contactIdentity(order.contactIndex)
        let seller = contactIdentity(affiliateContactIndex(affiliate))
        w.beginObject()
        w.field("amount", cents: facts.amount)
        w.field("contact_id", customer.id)
        w.field("date_earned", timestamp: facts.earned)
        w.field("family_name", customer.familyName)
        w.field("given_name", customer.givenName)
        w.field("invoice_id", facts.orderIndex + 1)
        w.field("product_name", order.items.first.map { productName($0.product) })
        w.field("sale_affiliate_id", affiliate + 1)
        w.field("sold_by_family_name", seller.familyName)
        w.field("sold_by_given_name", seller.givenName)
        w.field("subscription_plan_name", nil as String?)
        w.endObject()
    }

    /// Affiliate `affiliate`'s payouts (0–6).
    func affiliatePaymentCount(_ affiliate: Int) -> Int {
        var rng = random(.affiliateActivity, -2 - affiliate * 2)
        return rng.int(7)
    }

    /// Payout `number` of `affiliate`: (amount in cents, date).
    func affiliatePayment(affiliate: Int, number: Int) -> (amount: Int, date: Int) {
        var rng = random(.affiliateActivity, -1_000_000_000 - affiliate * 8 - number)
        return (1_000 + rng.int(50_000), Self.epochBase + rng.int(Self.timeSpan))
    }

    func writeAffiliatePayment(affiliate: Int, number: Int, into w: inout JSONWriter) {
        let payment = affiliatePayment(affiliate: affiliate, number: number)
        w.beginObject()
        w.field("amount", cents: payment.amount)
        w.field("date", timestamp: payment.date)
        w.field("id", affiliate * 10 + number + 1)
        w.field("notes", number % 3 == 0 ? "Monthly payout" : nil)
        w.field("type", ["Check", "PayPal", "ACH"][number % 3])
        w.endObject()
    }

    /// Earned, clawed back and unpaid amounts (cents) of affiliate `affiliate`.
    func affiliateSummary(_ affiliate: Int) -> (earned: Int, clawbacks: Int, balance: Int) {
        var earned = 0
        var index = affiliate
        while index < affiliateCommissions {
            earned += commissionFacts(index).amount
            index += sizes.affiliates
        }
        var clawed = 0
        for number in 0..<clawbackCount(affiliate) {
            clawed += clawbackCommission(affiliate: affiliate, number: number).amount
        }
        var paid = 0
        for number in 0..<affiliatePaymentCount(affiliate) {
            paid += affiliatePayment(affiliate: affiliate, number: number).amount
        }
        return (earned, clawed, earned - clawed - paid)
    }

    func writeAffiliateSummary(_ affiliate: Int, into w: inout JSONWriter) {
        let summary = affiliateSummary(affiliate)
        w.beginObject()
        w.field("affiliate_id", affiliate + 1)
        w.field("amount_earned", cents: summary.earned)
        w.field("balance", cents: summary.balance)
        w.field("clawbacks", cents: summary.clawbacks)
        w.endObject()
    }
}
