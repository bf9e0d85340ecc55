import Foundation
import InfuseSandbox
import Testing

/// Per-endpoint list filters: each narrows the rows (and `count`), every row matches, and the
/// answer is the same on every request.
@Suite("Sandbox v1 list filters")
struct ListFilterTests {
    /// (list path, list key, how a row names its contact).
    static let contactLists: [(String, String, @Sendable ([String: Any]) -> Int?)] = [
        ("/v1/orders", "orders", { Int($0["contact_id"] as? String ?? "") }),
        ("/v1/transactions", "transactions", { $0["contact_id"] as? Int }),
        ("/v1/tasks", "tasks", { ($0["contact"] as? [String: Any])?["id"] as? Int }),
        ("/v1/notes", "notes", { $0["contact_id"] as? Int }),
        ("/v1/emails", "emails", { $0["contact_id"] as? Int }),
        ("/v1/subscriptions", "subscriptions", { $0["contact_id"] as? Int }),
        ("/v1/files", "files", { $0["contact_id"] as? Int }),
        ("/v1/appointments", "appointments", { $0["contact_id"] as? Int }),
    ]

    /// Fetches `path` and returns (rows, count).
    static func rows(_ h: SandboxHarness, _ path: String, _ key: String) async throws -> ([[String: Any]], Int) {
        let result = try await h.api(path)
        #expect(result.status == 200, "\(path): \(result.text.prefix(200))")
        let object = try result.object()
        let rows = try #require(object[key] as? [[String: Any]], "\(path)")
        let count = try #require(object["count"] as? Int, "\(path)")
        return (rows, count)
    }

    @Test func contactIDNarrowsEveryContactList() async throws {
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            for (path, key, contactOf) in Self.contactLists {
                let (allRows, total) = try await Self.rows(h, path, key)
                let contact = try #require(allRows.compactMap(contactOf).first, "\(path) has no contact ids")
                let filtered = "\(path)?contact_id=\(contact)"
                let (rows, count) = try await Self.rows(h, filtered, key)
                #expect(count == rows.count, "\(filtered)")
                #expect(count >= 1 && count < total, "\(filtered): \(count) of \(total)")
                #expect(rows.allSatisfy { contactOf($0) == contact }, "\(filtered)")
                // Exactly the unfiltered rows that name this contact.
                #expect(count == allRows.filter { contactOf($0) == contact }.count, "\(filtered)")
                let again = try await h.api(filtered)
                #expect(try again.object()["count"] as? Int == count)
                #expect(try await h.api("\(path)?contact_id=999999").object()["count"] as? Int == 0, "\(path)")
                #expect(try await h.api("\(path)?contact_id=abc").status == 400, "\(path)")
            }
        }
    }

    @Test func contactIDCombinesWithPagingAndOtherFilters() async throws {
        try await SandboxHarness.with({ $0.records = 100 }) { h in
            let (all, total) = try await Self.rows(h, "/v1/emails?contact_id=7", "emails")
            #expect(total == 2)
            let (page, count) = try await Self.rows(h, "/v1/emails?contact_id=7&limit=1&offset=1", "emails")
            #expect(count == 2 && page.count == 1)
            #expect(page.first?["id"] as? Int == all.last?["id"] as? Int)
            let next = try #require(try await h.api("/v1/emails?contact_id=7&limit=1").object()["next"] as? String)
            #expect(next.contains("contact_id=7"))

            let (tasks, _) = try await Self.rows(h, "/v1/tasks", "tasks")
            let contact = try #require((tasks.first?["contact"] as? [String: Any])?["id"] as? Int)
            let (both, bothCount) = try await Self.rows(h, "/v1/tasks?contact_id=\(contact)&completed=false", "tasks")
            #expect(bothCount == tasks.filter {
                ($0["contact"] as? [String: Any])?["id"] as? Int == contact && $0["completed"] as? Bool == false
            }.count)
            #expect(both.allSatisfy { $0["completed"] as? Bool == false })
        }
    }

    @Test func completedSplitsTasks() async throws {
        try await SandboxHarness.with { h in
            let (_, total) = try await Self.rows(h, "/v1/tasks?limit=1", "tasks")
            let (done, doneCount) = try await Self.rows(h, "/v1/tasks?completed=true", "tasks")
            let (open, openCount) = try await Self.rows(h, "/v1/tasks?completed=FALSE", "tasks")
            #expect(doneCount > 0 && openCount > 0 && doneCount + openCount == total)
            #expect(done.allSatisfy { $0["completed"] as? Bool == true && $0["completion_date"] is String })
            #expect(open.allSatisfy { $0["completed"] as? Bool == false })
            #expect(try await h.api("/v1/tasks?completed=maybe").status == 400)
        }
    }

    @Test func activeSplitsProducts() async throws {
        try await SandboxHarness.with({ $0.records = 5_000 }) { h in
            let (_, total) = try await Self.rows(h, "/v1/products", "products")
            let (active, activeCount) = try await Self.rows(h, "/v1/products?active=true", "products")
            let (inactive, inactiveCount) = try await Self.rows(h, "/v1/products?active=false", "products")
            #expect(activeCount > 0 && inactiveCount > 0 && activeCount + inactiveCount == total)
            #expect(active.allSatisfy { $0["status"] as? Int == 1 })
            #expect(inactive.allSatisfy { $0["status"] as? Int == 0 })
            let page = try await h.api("/v1/products?active=true").object()
            #expect(page["sync_token"] as? String == (try await h.api("/v1/products").object()["sync_token"] as? String))
        }
    }

    @Test func tagsFilterByNameAndCategory() async throws {
        try await SandboxHarness.with { h in
            let (tags, total) = try await Self.rows(h, "/v1/tags", "tags")
            let (byName, nameCount) = try await Self.rows(h, "/v1/tags?name=\(Self.q("vip ⭐"))", "tags")
            #expect(nameCount == 1 && byName.first?["name"] as? String == "VIP ⭐")
            let categories = tags.compactMap { ($0["category"] as? [String: Any])?["id"] as? Int }
            let category = try #require(categories.first)
            let (inCategory, categoryCount) = try await Self.rows(h, "/v1/tags?category=\(category)", "tags")
            #expect(categoryCount > 0 && categoryCount < total)
            #expect(inCategory.allSatisfy { ($0["category"] as? [String: Any])?["id"] as? Int == category })
            #expect(categoryCount == tags.filter { ($0["category"] as? [String: Any])?["id"] as? Int == category }.count)
            #expect(try await h.api("/v1/tags?name=NoSuchTag").object()["count"] as? Int == 0)
        }
    }

    @Test func contactsFilterByEmailAndNames() async throws {
        try await SandboxHarness.with { h in
            let (contacts, total) = try await Self.rows(h, "/v1/contacts?limit=50", "contacts")
            let withSecond = try #require(contacts.first { ($0["email_addresses"] as? [Any])?.count ?? 0 >= 2 })
            let emails = (withSecond["email_addresses"] as? [[String: Any]])?.compactMap { $0["email"] as? String } ?? []
            for email in emails {
                let (rows, count) = try await Self.rows(h, "/v1/contacts?email=\(Self.q(email.uppercased()))",
                                                        "contacts")
                #expect(count == 1 && rows.first?["id"] as? Int == withSecond["id"] as? Int, "\(email)")
            }
            #expect(try await h.api("/v1/contacts?email=nobody1@example.com").object()["count"] as? Int == 0)

            let given = try #require(contacts.first?["given_name"] as? String)
            let (named, namedCount) = try await Self.rows(h, "/v1/contacts?given_name=\(Self.q(given))",
                                                          "contacts")
            #expect(namedCount > 1 && namedCount < total)
            #expect(named.allSatisfy { $0["given_name"] as? String == given })
            let family = try #require(contacts.first?["family_name"] as? String)
            let (both, bothCount) = try await Self.rows(
                h, "/v1/contacts?given_name=\(Self.q(given))&family_name=\(Self.q(family))",
                "contacts")
            #expect(bothCount >= 1 && bothCount < namedCount)
            #expect(both.allSatisfy { $0["given_name"] as? String == given && $0["family_name"] as? String == family })
            #expect(try await h.api("/v1/contacts?given_name=Nobody").object()["count"] as? Int == 0)
        }
    }

    @Test func contactsOrderByEveryField() async throws {
        try await SandboxHarness.with({ $0.spikeLimitPerSecond = 10_000 }) { h in
            let checks: [(String, ([String: Any], [String: Any]) -> Bool)] = [
                ("id", { ($0["id"] as? Int ?? 0) <= ($1["id"] as? Int ?? 0) }),
                ("date_created", { Self.stamp($0, "date_created") <= Self.stamp($1, "date_created") }),
                ("last_updated", { Self.stamp($0, "last_updated") <= Self.stamp($1, "last_updated") }),
                ("name", { !Self.names($1, familyFirst: true).lexicographicallyPrecedes(Self.names($0, familyFirst: true)) }),
                ("firstName", {
                    !Self.names($1, familyFirst: false).lexicographicallyPrecedes(Self.names($0, familyFirst: false))
                }),
                ("email", { Self.emailKey($0) <= Self.emailKey($1) }),
            ]
            for (order, inOrder) in checks {
                let (rows, count) = try await Self.rows(h, "/v1/contacts?order=\(order)", "contacts")
                #expect(count == 500 && rows.count == 500, "\(order)")
                #expect(Set(rows.compactMap { $0["id"] as? Int }).count == 500, "\(order) repeats rows")
                #expect(zip(rows, rows.dropFirst()).allSatisfy { inOrder($0, $1) }, "\(order) ascending")
                let (down, _) = try await Self.rows(h, "/v1/contacts?order=\(order)&order_direction=DESCENDING", "contacts")
                #expect(down.compactMap { $0["id"] as? Int } == rows.reversed().compactMap { $0["id"] as? Int },
                        "\(order) descending")
                let (page, _) = try await Self.rows(h, "/v1/contacts?order=\(order)&limit=10&offset=20", "contacts")
                #expect(page.compactMap { $0["id"] as? Int } == rows[20..<30].compactMap { $0["id"] as? Int },
                        "\(order) page")
            }
            // Ordering applies within a filter too.
            let (filtered, _) = try await Self.rows(h, "/v1/contacts?given_name=Zo%C3%AB&order=email", "contacts")
            #expect(zip(filtered, filtered.dropFirst()).allSatisfy { Self.emailKey($0) <= Self.emailKey($1) })
            #expect(filtered.allSatisfy { $0["given_name"] as? String == "Zoë" })
            #expect(try await h.api("/v1/contacts?order=shoe_size").status == 400)
        }
    }

    @Test func filtersAreDeterministicAcrossServers() async throws {
        var answers: [String] = []
        for _ in 0..<2 {
            try await SandboxHarness.with { h in
                let a = try await h.api("/v1/orders?contact_id=3").text
                let b = try await h.api("/v1/contacts?order=name&limit=20").text
                let c = try await h.api("/v1/tasks?completed=true&limit=20").text
                answers.append(a.replacingOccurrences(of: h.root, with: "") + b.replacingOccurrences(of: h.root, with: "")
                    + c.replacingOccurrences(of: h.root, with: ""))
            }
        }
        #expect(answers.count == 2 && answers[0] == answers[1])
    }

    /// Filters and orderings work on a large data set (the index is built once, on first use).
    @Test func filteredListsOnLargeData() async throws {
        try await SandboxHarness.with({ $0.records = 50_000 }) { h in
            for id in 1...5 {
                let page = try await h.api("/v1/orders?contact_id=\(id)&limit=10").object()
                let orders = page["orders"] as? [[String: Any]] ?? []
                #expect(page["count"] is Int)
                #expect(orders.allSatisfy { ($0["contact"] as? [String: Any])?["id"] as? Int == id })
            }
            let ordered = try await h.api("/v1/contacts?order=email&limit=5&offset=49990").object()
            #expect((ordered["contacts"] as? [Any])?.count == 5)
        }
    }

    /// Percent-encodes everything but ASCII letters and digits.
    static func q(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: asciiAlphanumerics) ?? text
    }

    static let asciiAlphanumerics = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    static func stamp(_ row: [String: Any], _ key: String) -> String {
        row[key] as? String ?? ""
    }

    static func names(_ row: [String: Any], familyFirst: Bool) -> [String] {
        let given = row["given_name"] as? String ?? ""
        let family = row["family_name"] as? String ?? ""
        return familyFirst ? [family, given] : [given, family]
    }

    /// First email, lower-cased; contacts without one sort last.
    static func emailKey(_ row: [String: Any]) -> String {
        let first = (row["email_addresses"] as? [[String: Any]])?.first?["email"] as? String
        return first?.lowercased() ?? "\u{10FFFF}"
    }
}
