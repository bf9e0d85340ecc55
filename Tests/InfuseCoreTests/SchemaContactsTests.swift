import Testing
@testable import InfuseCore

@Suite("Schema inference: contacts")
struct SchemaContactsTests {
    let pages: [[UInt8]] = [
        SchemaTestFixtures.contactsPage(first: 0, count: 40, total: 100),
        SchemaTestFixtures.contactsPage(first: 40, count: 60, total: 100),
    ]

    func tree(_ options: SchemaInferenceOptions = SchemaInferenceOptions()) throws -> SchemaTree {
        let inferrer = SchemaInferrer(options: options)
        for page in pages { try inferrer.add(page: page) }
        return try inferrer.tree()
    }

    @Test func schemaPathsAndRowCounts() throws {
        let tree = try tree()
        let counts = Dictionary(uniqueKeysWithValues: tree.allSchemas.map { ($0.path, $0.rowCount) })
        #expect(tree.allSchemas.map(\.path) == [
            "root", "contacts", "contacts.email_addresses", "contacts.addresses", "contacts.tag_ids",
            "contacts.phone_numbers", "contacts.custom_fields",
        ])
        #expect(counts["root"] == 2)
        #expect(counts["contacts"] == 100)
        #expect(counts["contacts.email_addresses"] == 150)
        #expect(counts["contacts.phone_numbers"] == 34)
        #expect(counts["contacts.addresses"] == 25)
        #expect(counts["contacts.tag_ids"] == (0..<100).map { $0 % 3 }.reduce(0, +))
        #expect(counts["contacts.custom_fields"] == 200)
        #expect(tree.schema(at: "contacts.email_addresses")?.tableName == "contacts__email_addresses")
        #expect(tree.roots.count == 1 && tree.roots[0].children.count == 1)
        #expect(tree.schema(at: "contacts")?.children.count == 5)
    }

    @Test func columnsAndTypes() throws {
        let tree = try tree()
        #expect(SchemaTestFixtures.signature(tree.schema(at: "root")) == ["count:integer", "next:text", "previous:text?"])
        #expect(SchemaTestFixtures.signature(tree.schema(at: "contacts")) == [
            "email_opted_in:boolean", "last_updated:dateTime", "owner_id:integer?", "date_created:dateTime",
            "middle_name:text?", "given_name:text", "score_value:text?", "email_status:text",
            "last_updated_utc_millis:integer", "company_id:integer?", "company_company_name:text?", "id:integer",
            "family_name:text", "lead_source_id:text?",
        ])
        #expect(SchemaTestFixtures.signature(tree.schema(at: "contacts.email_addresses")) == [
            "contact_id:integer", "_position:integer", "email:text", "field:text",
        ])
        #expect(SchemaTestFixtures.signature(tree.schema(at: "contacts.phone_numbers")) == [
            "contact_id:integer", "_position:integer", "number:text", "extension:text", "field:text", "type:text",
        ])
        #expect(SchemaTestFixtures.signature(tree.schema(at: "contacts.addresses")) == [
            "contact_id:integer", "_position:integer", "line1:text", "line2:text", "locality:text", "region:text",
            "postal_code:text", "zip_code:text", "zip_four:text", "country_code:text", "field:text",
        ])
        #expect(SchemaTestFixtures.signature(tree.schema(at: "contacts.tag_ids")) == [
            "contact_id:integer", "_position:integer", "value:integer",
        ])
        #expect(SchemaTestFixtures.signature(tree.schema(at: "contacts.custom_fields")) == [
            "contact_id:integer", "_position:integer", "id:integer", "content:text?",
        ])
        let contacts = try #require(tree.schema(at: "contacts"))
        #expect(contacts.column("company_id")?.jsonPath == "$.contacts[*].company.id")
        #expect(contacts.column("company_id")?.nonNullCount == 20)
        #expect(contacts.column("middle_name")?.nonNullCount == 0)
        #expect(contacts.keyColumn?.name == "id")
        let emails = try #require(tree.schema(at: "contacts.email_addresses"))
        #expect(emails.linkColumns.map(\.name) == ["contact_id", "_position"])
        #expect(emails.linkColumns.first?.source.role == .parentID)
        #expect(emails.parentPath == "contacts")
        #expect(emails.column("contact_id")?.jsonPath == "$.contacts[*].id")
    }

    @Test func previewKeepsFirstRowsTyped() throws {
        let tree = try tree(SchemaInferenceOptions(previewRowLimit: 3))
        let contacts = try #require(tree.schema(at: "contacts"))
        #expect(contacts.previewRows.count == 3)
        let idIndex = try #require(contacts.columns.firstIndex { $0.name == "id" })
        #expect(contacts.previewRows.map { $0[idIndex] } == [.integer(1000), .integer(1001), .integer(1002)])
        let family = try #require(contacts.columns.firstIndex { $0.name == "family_name" })
        #expect(contacts.previewRows[0][family] == .text("Family \"0\" O\u{2019}Neil"))
        let emails = try #require(tree.schema(at: "contacts.email_addresses"))
        #expect(emails.previewRows.prefix(3).map { Array($0.prefix(3)) } == [
            [.integer(1000), .integer(0), .text("c0@example.com")],
            [.integer(1000), .integer(1), .text("alt0@example.org")],
            [.integer(1001), .integer(0), .text("c1@example.com")],
        ])
        #expect(tree.schema(at: "root")?.previewRows.first == [.integer(100), .text("https://api.infusionsoft.com/crm/rest/v1/contacts/?limit=40&offset=40"), .null])
    }

    @Test func flattenerRowsMatchInferredCounts() throws {
        let tree = try tree()
        let schemas = tree.allSchemas
        let flattener = try Flattener(tree: tree, tables: schemas.map { FlattenTable(schema: $0) })
        var sink = SchemaCollectingSink(tables: schemas.count)
        for page in pages { try flattener.flatten(page: page, into: &sink) }
        for (i, schema) in schemas.enumerated() {
            #expect(sink.rows[i].count == schema.rowCount, "\(schema.path)")
            #expect(sink.rows[i].allSatisfy { $0.count == schema.columns.count })
        }
        let tagIndex = try #require(schemas.firstIndex { $0.path == "contacts.tag_ids" })
        // Contact 1002 has two tags: 100 + 2 and 107 + 2.
        #expect(sink.rows[tagIndex].filter { $0[0] == .integer(1002) } == [
            [.integer(1002), .integer(0), .integer(102)], [.integer(1002), .integer(1), .integer(109)],
        ])
        let contactsIndex = try #require(schemas.firstIndex { $0.path == "contacts" })
        let opted = try #require(schemas[contactsIndex].columns.firstIndex { $0.name == "email_opted_in" })
        #expect(sink.rows[contactsIndex][0][opted] == .integer(1))
        #expect(sink.rows[contactsIndex][1][opted] == .integer(0))
    }

    @Test func chosenColumnsAndRetypes() throws {
        let tree = try tree()
        let emails = try #require(tree.schema(at: "contacts.email_addresses"))
        let contacts = try #require(tree.schema(at: "contacts"))
        let table = FlattenTable(schemaPath: "contacts.email_addresses", columns: [
            FlattenColumn(source: try #require(emails.column("email")).source, type: .text),
            FlattenColumn(source: try #require(emails.column("contact_id")).source, type: .text),
        ])
        let idTable = FlattenTable(schemaPath: "contacts", columns: [
            FlattenColumn(source: try #require(contacts.column("last_updated_utc_millis")).source, type: .decimal),
        ])
        let flattener = try Flattener(tree: tree, tables: [table, idTable])
        var sink = SchemaCollectingSink(tables: 2)
        try flattener.flatten(page: pages[0], into: &sink)
        #expect(sink.rows[0].count == 60)
        #expect(sink.rows[0][0] == [.text("c0@example.com"), .integer(1000)])
        #expect(sink.rows[1][0] == [.double(1664412162239)])
        #expect(throws: SchemaError.self) { try Flattener(tree: tree, tables: [FlattenTable(schemaPath: "nope", columns: [])]) }
        #expect(throws: SchemaError.self) {
            try Flattener(tree: tree, tables: [FlattenTable(schemaPath: "contacts", columns: [table.columns[0]])])
        }
    }

    @Test func customFieldsPivot() throws {
        let definitions = [
            CustomFieldDefinition(id: 182, label: "Favourite Colour", fieldType: "Text"),
            CustomFieldDefinition(id: 184, label: "Lucky Number", fieldType: "WholeNumber"),
            CustomFieldDefinition(id: 190, label: "Renewal Date", fieldType: "Date"),
        ]
        let tree = try tree(SchemaInferenceOptions(customFields: CustomFieldPivot(definitions: definitions)))
        #expect(tree.schema(at: "contacts.custom_fields") == nil)
        let contacts = try #require(tree.schema(at: "contacts"))
        #expect(Array(SchemaTestFixtures.signature(contacts).suffix(3)) == [
            "custom_favourite_colour:text", "custom_lucky_number:integer?", "custom_renewal_date:dateTime?",
        ])
        #expect(contacts.column("custom_lucky_number")?.nonNullCount == 90)
        #expect(contacts.column("custom_lucky_number")?.jsonPath == "$.contacts[*].custom_fields[?(@.id==184)].content")
        let schemas = tree.allSchemas
        let flattener = try Flattener(tree: tree, tables: schemas.map { FlattenTable(schema: $0) })
        var sink = SchemaCollectingSink(tables: schemas.count)
        try flattener.flatten(page: pages[0], into: &sink)
        let lucky = try #require(contacts.columns.firstIndex { $0.name == "custom_lucky_number" })
        let colour = try #require(contacts.columns.firstIndex { $0.name == "custom_favourite_colour" })
        #expect(sink.rows[1][3][lucky] == .integer(3))
        #expect(sink.rows[1][0][lucky] == .null)
        #expect(sink.rows[1][3][colour] == .text("Some content 3"))
    }

    @Test func customFieldDefinitionsFromModel() throws {
        let model = #"{"custom_fields":[{"id":182,"label":"Favourite Colour","field_type":"Text","options":[],"record_type":"CONTACT"},{"id":184,"label":"Lucky Number","field_type":"WholeNumber"}],"optional_properties":["custom_fields"]}"#
        let definitions = try CustomFieldDefinition.definitions(fromModel: Array(model.utf8))
        #expect(definitions == [
            CustomFieldDefinition(id: 182, label: "Favourite Colour", fieldType: "Text"),
            CustomFieldDefinition(id: 184, label: "Lucky Number", fieldType: "WholeNumber"),
        ])
        #expect(definitions[1].columnType == .integer)
    }
}
