@testable import InfuseCore

/// Deterministic Keap-shaped contact pages for schema and flattening tests.
enum SchemaTestFixtures {
    /// One contact as JSON text. `id` comes after the child arrays, as in Keap's real responses.
    static func contact(_ i: Int) -> String {
        let company = i % 5 == 0 ? #"{"id":\#(12 + i % 3),"company_name":"Acme \#(i % 3)"}"# : "null"
        var emails = [#"{"email":"c\#(i)@example.com","field":"EMAIL1"}"#]
        if i % 2 == 0 { emails.append(#"{"email":"alt\#(i)@example.org","field":"EMAIL2"}"#) }
        let phones = i % 3 == 0 ? #"[{"number":"(480) 227-4399","extension":"","field":"PHONE1","type":"MOBILE"}]"# : "[]"
        let addresses = i % 4 == 0
            ? #"[{"line1":"\#(i) Main St","line2":"","locality":"Phoenix","region":"AZ","postal_code":"85001","zip_code":"85001","zip_four":"","country_code":"USA","field":"BILLING"}]"#
            : "[]"
        let tags = (0..<(i % 3)).map { String(100 + $0 * 7 + i % 5) }.joined(separator: ",")
        let score = i % 3 == 0 ? "null" : "\"\(i % 100)\""
        return """
        {"email_addresses":[\(emails.joined(separator: ","))],"email_opted_in":\(i % 2 == 0),"addresses":\(addresses),\
        "last_updated":"2022-09-29T00:42:42.000+0000","tag_ids":[\(tags)],"owner_id":\(i % 4 == 0 ? "null" : "7"),\
        "date_created":"2022-09-\(10 + i % 18)T00:42:39.000+0000","middle_name":null,"given_name":"Given\(i)",\
        "ScoreValue":\(score),"email_status":"NonMarketable","phone_numbers":\(phones),\
        "last_updated_utc_millis":\(1664412162239 + i),"company":\(company),"id":\(1000 + i),\
        "family_name":"Family \\"\(i)\\" O\\u2019Neil","lead_source_id":null,\
        "custom_fields":[{"id":182,"content":"Some content \(i)"},{"id":184,"content":\(i % 10 == 0 ? "null" : String(i))}]}
        """
    }

    /// A v1 list page of contacts `first..<first+count`.
    static func contactsPage(first: Int, count: Int, total: Int) -> [UInt8] {
        let records = (first..<(first + count)).map(contact).joined(separator: ",")
        let text = #"{"contacts":[\#(records)],"count":\#(total),"next":"https://api.infusionsoft.com/crm/rest/v1/contacts/?limit=\#(count)&offset=\#(first + count)","previous":null}"#
        return Array(text.utf8)
    }

    /// Infers a tree from JSON text pages.
    static func infer(_ pages: [String], options: SchemaInferenceOptions = SchemaInferenceOptions()) throws -> SchemaTree {
        let inferrer = SchemaInferrer(options: options)
        for page in pages { try inferrer.add(page: Array(page.utf8)) }
        return try inferrer.tree()
    }

    /// `name:type` for each column, for compact expectations (`?` marks nullable).
    static func signature(_ node: SchemaNode?) -> [String] {
        node?.columns.map { "\($0.name):\($0.type.rawValue)\($0.nullable ? "?" : "")" } ?? ["<missing>"]
    }
}

/// Collects flattened rows as owned values, per table.
struct SchemaCollectingSink: RowSink {
    var rows: [[[SQLValue]]]

    init(tables: Int) { rows = Array(repeating: [], count: tables) }

    mutating func appendRow(table: Int, values: UnsafeBufferPointer<FlatValue>) throws {
        rows[table].append(values.map(\.sqlValue))
    }
}
