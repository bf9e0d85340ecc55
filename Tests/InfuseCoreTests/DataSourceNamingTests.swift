import Testing
@testable import InfuseCore

@Suite("Data source table naming")
struct DataSourceNamingTests {
    @Test func slugsAreSnakeCaseASCII() {
        #expect(TableNaming.slug(for: "Contacts report") == "contacts_report")
        #expect(TableNaming.slug(for: "  Contacts -- Report!! ") == "contacts_report")
        #expect(TableNaming.slug(for: "OpenDeals 2024") == "open_deals_2024")
        #expect(TableNaming.slug(for: "Café Ünïcode") == "cafe_unicode")
        #expect(TableNaming.slug(for: "a__b") == "a_b")
        #expect(TableNaming.slug(for: "2024 orders") == "s_2024_orders")
        #expect(TableNaming.slug(for: "PG Crash") == "s_pg_crash")
        #expect(TableNaming.slug(for: "accounts") == "accounts_source")
        #expect(TableNaming.slug(for: "SQLite stuff") == "sqlite_stuff_source")
    }

    @Test func namesWithoutLatinLettersStillGetASafeSlug() {
        let slug = TableNaming.slug(for: "🙂🙂")
        #expect(slug.hasPrefix("source_"))
        #expect(slug == TableNaming.slug(for: "🙂🙂"), "stable")
        #expect(slug != TableNaming.slug(for: "🙃"))
    }

    @Test(arguments: ["Contacts report", "Контакты", "東京 sales", "עברית", "🙂", "x'; DROP TABLE accounts; --", "0", "_"])
    func everySlugIsASafeIdentifier(name: String) {
        let slug = TableNaming.slug(for: name)
        #expect(!slug.isEmpty)
        #expect(slug.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        #expect(slug.first?.isLetter == true)
        #expect(!slug.contains("__"))
    }

    @Test func tableAndViewNames() {
        #expect(TableNaming.tableName(source: "Contacts report", schemaPath: "contacts.email_addresses")
                == "contacts_report__contacts__email_addresses")
        #expect(TableNaming.tableName(source: "Contacts report", schemaPath: "root") == "contacts_report__root")
        #expect(TableNaming.tableName(source: "Contacts report", schemaPath: "contacts.tagIds") == "contacts_report__contacts__tag_ids")
        #expect(TableNaming.viewName(source: "Contacts report") == "contacts_report")
        #expect(TableNaming.table("contacts_report__contacts", belongsToSlug: "contacts_report"))
        #expect(!TableNaming.table("contacts_report__contacts", belongsToSlug: "contacts"))
    }
}
