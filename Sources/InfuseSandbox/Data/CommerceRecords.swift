/// Products, orders, transactions, subscriptions and merchants (v1 spec `RestProductV1`,
/// `EcommerceReportingOrder`, `EcommerceReportingTransaction`, `RestSubscriptionV1`; KEAP-API.md §7b).
extension SandboxWorld {
    /// Price of product `index` in cents.
    func productPrice(_ index: Int) -> Int {
        var rng = random(.product, index)
        _ = rng.next()
        return 500 + rng.int(50_000) / 100 * 100 + 99
    }

    func productName(_ index: Int) -> String {
        var rng = random(.product, index)
        return "\(SamplePools.productNames[Int(rng.next() % UInt64(SamplePools.productNames.count))]) #\(index + 1)"
    }

    /// The facts of product `index`, drawn exactly as ``writeProduct`` draws them.
    struct ProductFacts {
        let hasPlan: Bool
        let description: String?
        let shortDescription: String
        /// 1 = active, 0 = inactive.
        let status: Int
        let subscriptionOnly: Bool
    }

    func productFacts(_ index: Int) -> ProductFacts {
        var rng = random(.product, index)
        _ = rng.next()
        _ = rng.next()
        let hasPlan = rng.chance(0.3)
        let description: String? = rng.chance(0.5) ? rng.pick(SamplePools.noteBodies) : nil
        let short = rng.chance(0.5) ? "Short description ✨" : ""
        let status = rng.chance(0.85) ? 1 : 0
        let subscriptionOnly = hasPlan && rng.chance(0.5)
        return ProductFacts(hasPlan: hasPlan, description: description, shortDescription: short, status: status,
                            subscriptionOnly: subscriptionOnly)
    }

    func writeProduct(_ index: Int, into w: inout JSONWriter) {
        let facts = productFacts(index)
        w.beginObject()
        w.field("id", index + 1)
        w.field("product_name", productName(index))
        w.field("sku", "SKU-\(10_000 + index)")
        w.field("product_price", cents: productPrice(index))
        w.field("product_desc", facts.description)
        w.field("product_short_desc", facts.shortDescription)
        w.field("status", facts.status)
        w.field("subscription_only", facts.subscriptionOnly)
        w.field("url", nil as String?)
        w.emptyArrayField("product_options")
        w.key("subscription_plans")
        w.beginArray()
        if facts.hasPlan {
            writeSubscriptionPlan(productIndex: index, into: &w)
        }
        w.endArray()
        w.endObject()
    }

    /// The one monthly plan of a product that has a plan (plan id = product id).
    func writeSubscriptionPlan(productIndex index: Int, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", index + 1)
        w.field("active", true)
        w.field("cycle", 2)
        w.field("frequency", 1)
        w.field("number_of_cycles", 0)
        w.field("plan_price", cents: productPrice(index))
        w.field("subscription_plan_name", "Monthly")
        w.field("subscription_plan_index", 0)
        w.field("url", nil as String?)
        w.endObject()
    }

    /// The money facts of order `index`, shared by the order and the transaction that pays it.
    struct OrderFacts {
        var contactIndex: Int
        var created: Int
        var updated: Int
        var items: [(product: Int, quantity: Int, price: Int)]
        var total: Int
        var paid: Int
        var status: String
        /// Updates made by `POST /_sandbox/changes` (each retitles the order).
        var revision = 0
    }

    func orderFacts(_ index: Int) -> OrderFacts {
        var rng = random(.order, index)
        let contactIndex = randomContactIndex(&rng)
        let seededTimes = createdAndUpdated(&rng)
        let times = stamped(.orders, index, created: seededTimes.created, updated: seededTimes.updated)
        let (created, updated) = (times.created, times.updated)
        var items: [(Int, Int, Int)] = []
        for _ in 0..<rng.int(in: 1...3) {
            let product = rng.int(sizes.products)
            items.append((product, rng.int(in: 1...4), productPrice(product)))
        }
        let total = items.reduce(0) { $0 + $1.1 * $1.2 }
        let roll = rng.int(10)
        let paid = roll < 7 ? total : (roll < 9 ? 0 : total / 2)
        let status = paid == total ? "PAID" : (paid == 0 ? "UNPAID" : "PARTIALLY_PAID")
        return OrderFacts(contactIndex: contactIndex, created: created, updated: updated, items: items,
                          total: total, paid: paid, status: status, revision: times.revision)
    }

    /// `Order #<id> — <given> <family>`, retitled by each update.
    func orderTitle(_ index: Int, facts: OrderFacts) -> String {
        let person = contactIdentity(facts.contactIndex)
        return revisedText("Order #\(index + 1) — \(person.givenName) \(person.familyName)", facts.revision)
    }

    func writeOrder(_ index: Int, into w: inout JSONWriter) {
        let facts = orderFacts(index)
        var rng = random(.order, index &+ 3_333_333)
        let person = contactIdentity(facts.contactIndex)
        w.beginObject()
        w.field("id", index + 1)
        w.field("title", orderTitle(index, facts: facts))
        w.field("status", facts.status)
        w.field("recurring", rng.chance(0.1))
        w.field("total", cents: facts.total)
        w.field("total_paid", cents: facts.paid)
        w.field("total_due", cents: facts.total - facts.paid)
        w.field("refund_total", cents: rng.chance(0.05) ? facts.paid / 2 : 0)
        w.field("order_date", timestamp: facts.created)
        w.field("creation_date", timestamp: facts.created)
        w.field("modification_date", timestamp: facts.updated)
        w.field("order_type", rng.chance(0.8) ? "Online" : "Offline")
        w.field("source_type", rng.pick(["INVOICE", "API", "CHECKOUT_FORM", "MANUAL_PAYMENT"]))
        w.field("invoice_number", 10_000 + index)
        w.field("lead_affiliate_id", rng.chance(0.1) ? rng.int(sizes.affiliates) + 1 : 0)
        w.field("sales_affiliate_id", 0)
        w.field("allow_payment", facts.paid < facts.total)
        w.field("allow_paypal", rng.chance(0.3))
        w.field("notes", rng.chance(0.3) ? rng.pick(SamplePools.noteBodies) : nil)
        w.field("terms", nil as String?)
        w.field("contact_id", String(person.id))
        w.field("product_id", facts.items.first.map { String($0.product + 1) })
        w.key("contact")
        writeContactSummary(facts.contactIndex, includeCompany: true, includePhone: false, into: &w)
        w.key("order_items")
        w.beginArray()
        for (n, item) in facts.items.enumerated() {
            w.beginObject()
            w.field("id", (index + 1) * 10 + n)
            w.field("name", productName(item.product))
            w.field("description", nil as String?)
            w.field("type", static: "Product")
            w.field("quantity", item.quantity)
            w.field("price", cents: item.price)
            w.field("cost", cents: 0)
            w.field("discount", cents: 0)
            w.field("notes", nil as String?)
            w.key("product")
            w.beginObject()
            w.field("id", item.product + 1)
            w.field("name", productName(item.product))
            w.field("sku", "SKU-\(10_000 + item.product)")
            w.field("description", nil as String?)
            w.field("shippable", item.product % 3 == 0)
            w.field("taxable", item.product % 2 == 0)
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.key("shipping_information")
        if rng.chance(0.4), let city = Optional(rng.pick(SamplePools.cities)) {
            w.beginObject()
            w.field("id", index + 1)
            w.field("first_name", person.givenName)
            w.field("last_name", person.familyName)
            w.field("street1", "\(rng.int(in: 1...999)) \(rng.pick(SamplePools.streets))")
            w.field("city", city.locality)
            w.field("state", city.region)
            w.field("zip", city.postal)
            w.field("country", city.country)
            w.endObject()
        } else {
            w.null()
        }
        w.key("payment_plan")
        w.beginObject()
        w.endObject()
        w.endObject()
    }

    /// Transaction `index` pays order `index`.
    func writeTransaction(_ index: Int, into w: inout JSONWriter) {
        let facts = orderFacts(index)
        var rng = random(.transaction, index)
        let failed = facts.paid == 0
        w.beginObject()
        w.field("id", index + 1)
        w.field("amount", cents: failed ? facts.total : facts.paid)
        w.field("currency", "USD")
        w.field("contact_id", facts.contactIndex + 1)
        w.field("collection_method", rng.chance(0.8) ? "CREDIT_CARD" : "CASH")
        w.field("errors", failed ? "Card declined" : nil)
        w.field("gateway", "Keap Payments")
        w.field("gateway_account_name", "Sandbox Merchant")
        w.field("order_ids", String(index + 1))
        w.field("status", failed ? "Failed" : "Approved")
        w.field("test", true)
        w.field("type", static: "Sale")
        w.field("transaction_date", timestamp: facts.created + 60)
        w.field("paymentDate", timestamp: failed ? nil : facts.created + 60)
        w.key("orders")
        w.beginArray()
        writeOrder(index, into: &w)
        w.endArray()
        w.endObject()
    }

    /// The facts of subscription `index`, drawn exactly as ``writeSubscription`` draws them;
    /// `rng` continues where the facts stop.
    struct SubscriptionFacts {
        var rng: DeterministicRandom
        let start: Int
        let active: Bool
        let productIndex: Int
        let contactIndex: Int
    }

    func subscriptionFacts(_ index: Int) -> SubscriptionFacts {
        var rng = random(.subscription, index)
        let start = Self.epochBase + rng.int(Self.timeSpan) / 86_400 * 86_400
        let active = rng.chance(0.7)
        let product = rng.int(sizes.products)
        let contact = randomContactIndex(&rng)
        return SubscriptionFacts(rng: rng, start: start, active: active, productIndex: product, contactIndex: contact)
    }

    func writeSubscription(_ index: Int, into w: inout JSONWriter) {
        var facts = subscriptionFacts(index)
        let start = facts.start
        let active = facts.active
        let product = facts.productIndex
        w.beginObject()
        w.field("id", index + 1)
        w.field("contact_id", facts.contactIndex + 1)
        w.field("product_id", product + 1)
        w.field("subscription_plan_id", product + 1)
        w.field("active", active)
        w.field("allow_tax", facts.rng.chance(0.5))
        w.field("auto_charge", true)
        w.field("billing_amount", cents: productPrice(product))
        w.field("billing_cycle", facts.rng.pick(["MONTH", "YEAR", "WEEK"]))
        w.field("billing_frequency", 1)
        w.field("quantity", facts.rng.int(in: 1...3))
        w.field("credit_card_id", facts.rng.chance(0.8) ? facts.rng.int(in: 1...5000) : nil)
        w.field("payment_gateway_id", 1)
        w.field("use_default_payment_gateway", true)
        w.field("sale_affiliate_id", nil as Int?)
        w.field("start_date", date: start)
        w.field("end_date", date: active ? nil : start + facts.rng.int(365 * 86_400))
        w.field("next_bill_date", date: active ? start + 30 * 86_400 : nil)
        w.endObject()
    }

    func writeMerchants(into w: inout JSONWriter) {
        w.beginObject()
        w.field("default_merchant_account", 1)
        w.key("merchant_accounts")
        w.beginArray()
        for (id, name, type, test) in [(1, "Sandbox Merchant", "KEAP_PAYMENTS", true), (2, "PayPal Ñandú", "PAYPAL", false)] {
            w.beginObject()
            w.field("id", id)
            w.field("account_name", name)
            w.field("type", type)
            w.field("is_test", test)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
