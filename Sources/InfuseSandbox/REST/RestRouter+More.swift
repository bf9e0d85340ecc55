import Foundation
import Hummingbird

/// The v1 GETs beyond the core resources (KEAP-API.md §6): affiliate sub-lists, product sync and
/// plans, settings, locale options, user signatures, order payments, tagged companies,
/// task search and hooks by key.
extension RestRouter {
    /// Answers `request` when its path is one of these endpoints; nil otherwise.
    func routeMore(_ request: Request, resource: String, rest: [String], query: [String: String], linkBase: String,
                   path: String) -> Result? {
        switch (resource, rest.count) {
        case ("affiliates", 1) where ["commissions", "programs", "redirectlinks", "summaries"].contains(rest[0]):
            return affiliateList(request, name: rest[0], query: query, linkBase: linkBase)
        case ("affiliates", 2) where rest[1] == "clawbacks" || rest[1] == "payments":
            return affiliateActivity(request, idText: rest[0], name: rest[1], query: query, linkBase: linkBase,
                                     path: path)
        case ("products", 1) where rest[0] == "sync":
            return productSync(request, query: query, linkBase: linkBase)
        case ("products", 3) where rest[1] == "subscriptions":
            guard let product = recordIndex(rest[0], total: world.sizes.products) else {
                return notFound(path, noun: "Product", id: rest[0])
            }
            guard world.productFacts(product).hasPlan, rest[2] == String(product + 1) else {
                return notFound(path, noun: "Subscription plan", id: rest[2])
            }
            return object { world.writeProductSubscription(productIndex: product, into: &$0) }
        case ("setting", 2) where rest == ["application", "configuration"]:
            return object { world.writeApplicationConfiguration(into: &$0) }
        case ("setting", 2) where rest == ["application", "enabled"]:
            return object { world.writeSetting("true", into: &$0) }
        case ("setting", 2) where rest == ["contact", "optionTypes"]:
            return object { world.writeSetting(world.contactOptionTypes, into: &$0) }
        case ("locales", 1) where rest[0] == "defaultOptions":
            return object { world.writeDefaultOptions(into: &$0) }
        case ("locales", 3) where rest[0] == "countries" && rest[2] == "provinces":
            var w = JSONWriter(capacity: 512)
            guard world.writeProvinces(countryCode: rest[1], into: &w) else {
                return notFound(path, noun: "Country", id: rest[1])
            }
            return Result(status: .ok, body: w.bytes)
        case ("users", 2) where rest[1] == "signature":
            guard let user = recordIndex(rest[0], total: world.sizes.users) else {
                return notFound(path, noun: "User", id: rest[0])
            }
            return object { world.writeUserSignature(user, into: &$0) }
        case ("orders", 2) where rest[1] == "payments":
            guard let order = recordIndex(rest[0], total: world.sizes.orders) else {
                return notFound(path, noun: "Order", id: rest[0])
            }
            return object { world.writeOrderPayments(order, into: &$0) }
        case ("tags", 2) where rest[1] == "companies":
            guard let tag = recordIndex(rest[0], total: world.sizes.tags) else {
                return notFound(path, noun: "Tag", id: rest[0])
            }
            let companies = (0..<world.sizes.companies).filter { world.companyHasTag($0, tagID: tag + 1) }
            return paged(request, key: "companies", total: companies.count, linkBase: linkBase) { position, w in
                world.writeTaggedCompany(companyIndex: companies[position], tagID: tag + 1, into: &w)
            }
        case ("tasks", 1) where rest[0] == "search":
            return filteredList(request, resource: "tasks", query: query, optional: OptionalProperties(nil),
                                linkBase: linkBase)
        case ("hooks", 1) where rest[0] != "event_keys":
            // The sandbox has no REST hook subscriptions (`/v1/hooks` is empty).
            return notFound(path, noun: "Hook", id: rest[0])
        default:
            return nil
        }
    }

    /// `/v1/affiliates/{commissions,programs,redirectlinks,summaries}`.
    private func affiliateList(_ request: Request, name: String, query: [String: String], linkBase: String) -> Result {
        if name == "summaries" { return affiliateSummaries(query: query) }
        let parameter = name == "commissions" ? "affiliateId" : "affiliate_id"
        var affiliate: Int?
        if let text = query[parameter], !text.isEmpty {
            guard let id = ListFilter.parseID(text) else { return badRequest("Invalid value for \(parameter): \(text)") }
            // An unknown affiliate owns no rows.
            affiliate = id >= 1 && id <= world.sizes.affiliates ? id - 1 : -1
        }
        let (key, total): (StaticString, Int)
        let write: (SandboxWorld, Int, inout JSONWriter) -> Void
        switch name {
        case "commissions":
            (key, total) = ("commissions", world.affiliateCommissions)
            write = { $0.writeAffiliateCommission($1, into: &$2) }
        case "programs":
            (key, total) = ("programs", world.affiliatePrograms)
            write = { $0.writeAffiliateProgram($1, into: &$2) }
        default:
            (key, total) = ("redirects", world.affiliateRedirects)
            write = { $0.writeAffiliateRedirect($1, into: &$2) }
        }
        let stride = world.sizes.affiliates
        var rows: [Int]?
        if let affiliate {
            rows = affiliate < 0 ? [] : Array(Swift.stride(from: affiliate, to: total, by: stride))
        }
        if name == "commissions" {
            let window: UpdatedWindow?
            do {
                window = try UpdatedWindow(query: query)
            } catch {
                guard case .invalid(let message) = error else { return badRequest("Invalid date window") }
                return badRequest(message)
            }
            if let window {
                rows = (rows ?? Array(0..<total)).filter { window.contains(world.commissionFacts($0).earned) }
            }
        }
        guard let rows else {
            return paged(request, key: key, total: total, linkBase: linkBase) { index, w in write(world, index, &w) }
        }
        return paged(request, key: key, total: rows.count, linkBase: linkBase) { position, w in
            write(world, rows[position], &w)
        }
    }

    /// `/v1/affiliates/summaries`: `{summaries, count}` with no paging links, optionally limited to
    /// `affiliate_ids` (comma list) and ordered by `order` + `order_direction`.
    private func affiliateSummaries(query: [String: String]) -> Result {
        var affiliates = Array(0..<world.sizes.affiliates)
        if let text = query["affiliate_ids"], !text.isEmpty {
            var wanted: [Int] = []
            for part in text.split(separator: ",") {
                guard let id = ListFilter.parseID(part.trimmingCharacters(in: .whitespaces)) else {
                    return badRequest("Invalid value for affiliate_ids: \(text)")
                }
                if id >= 1 && id <= world.sizes.affiliates && !wanted.contains(id - 1) { wanted.append(id - 1) }
            }
            affiliates = wanted.sorted()
        }
        var summaries = affiliates.map { (affiliate: $0, summary: world.affiliateSummary($0)) }
        let order = (query["order"] ?? "affiliate_id").lowercased()
        let key: ((affiliate: Int, summary: (earned: Int, clawbacks: Int, balance: Int))) -> Int
        switch order {
        case "", "affiliate_id": key = { $0.affiliate }
        case "amount_earned": key = { $0.summary.earned }
        case "balance": key = { $0.summary.balance }
        case "clawbacks": key = { $0.summary.clawbacks }
        default: return badRequest("Invalid value for order: \(query["order"] ?? "")")
        }
        summaries.sort { key($0) != key($1) ? key($0) < key($1) : $0.affiliate < $1.affiliate }
        if query["order_direction"]?.uppercased() == "DESCENDING" { summaries.reverse() }
        var w = JSONWriter(capacity: 128 + summaries.count * 110)
        w.beginObject()
        w.key("summaries")
        w.beginArray()
        for entry in summaries { world.writeAffiliateSummary(entry.affiliate, into: &w) }
        w.endArray()
        w.field("count", summaries.count)
        w.endObject()
        return Result(status: .ok, body: w.bytes)
    }

    /// `/v1/affiliates/{affiliateId}/clawbacks` and `/payments`, optionally within `since`/`until`.
    private func affiliateActivity(_ request: Request, idText: String, name: String, query: [String: String],
                                   linkBase: String, path: String) -> Result {
        guard let affiliate = recordIndex(idText, total: world.sizes.affiliates) else {
            return notFound(path, noun: "Affiliate", id: idText)
        }
        let clawbacks = name == "clawbacks"
        let count = clawbacks ? world.clawbackCount(affiliate) : world.affiliatePaymentCount(affiliate)
        var numbers = Array(0..<count)
        do {
            if let window = try UpdatedWindow(query: query) {
                numbers = numbers.filter { number in
                    window.contains(clawbacks
                        ? world.clawbackCommission(affiliate: affiliate, number: number).earned
                        : world.affiliatePayment(affiliate: affiliate, number: number).date)
                }
            }
        } catch {
            guard case .invalid(let message) = error else { return badRequest("Invalid date window") }
            return badRequest(message)
        }
        if clawbacks {
            return paged(request, key: "clawbacks", total: numbers.count, linkBase: linkBase) { position, w in
                world.writeAffiliateClawback(affiliate: affiliate, number: numbers[position], into: &w)
            }
        }
        return paged(request, key: "payments", total: numbers.count, linkBase: linkBase) { position, w in
            world.writeAffiliatePayment(affiliate: affiliate, number: numbers[position], into: &w)
        }
    }

    /// `/v1/products/sync`: without `sync_token` every product (status `CREATED`); with a token
    /// from `/v1/products` or an earlier sync, only the products added after it (none, as the
    /// sandbox never changes, unless the token predates the current product count).
    private func productSync(_ request: Request, query: [String: String], linkBase: String) -> Result {
        let total = world.sizes.products
        var start = 0
        if let token = query["sync_token"], !token.isEmpty {
            let prefix = "sandbox-\(world.seed)-"
            guard token.hasPrefix(prefix), let seen = Int(token.dropFirst(prefix.count)), seen >= 0 else {
                return badRequest("Invalid sync_token: \(token)")
            }
            start = min(seen, total)
        }
        return paged(request, key: "product_statuses", total: total - start, linkBase: linkBase,
                     syncToken: syncToken(total: total)) { position, w in
            world.writeProductStatus(start + position, into: &w)
        }
    }
}
