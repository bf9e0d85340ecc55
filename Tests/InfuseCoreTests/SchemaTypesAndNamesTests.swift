import Testing
@testable import InfuseCore

@Suite("Schema inference: types and names")
struct SchemaTypesAndNamesTests {
    typealias F = SchemaTestFixtures

    func types(_ records: String) throws -> [String: ColumnType] {
        let tree = try F.infer(["[\(records)]"])
        return Dictionary(uniqueKeysWithValues: (tree.schema(at: "records")?.columns ?? []).map { ($0.name, $0.type) })
    }

    @Test func wideningRules() throws {
        let t = try types(#"""
        {"i":1,"d":1,"t":1,"b":true,"bn":true,"n":null,"dt":"2022-09-29T00:42:42.000+0000","mix":"2022-01-01","big":1,"o":{"a":1},"e":1.5},
        {"i":2,"d":2.5,"t":"x","b":false,"bn":3,"n":null,"dt":"2024-01-01T00:00:00Z","mix":"soon","big":123456789012345678901,"o":"x","e":1e2}
        """#)
        #expect(t["i"] == .integer)
        #expect(t["d"] == .decimal)
        #expect(t["t"] == .text)
        #expect(t["b"] == .boolean)
        #expect(t["bn"] == .text)
        #expect(t["n"] == .text)
        #expect(t["dt"] == .dateTime)
        #expect(t["mix"] == .text)
        #expect(t["big"] == .text)
        #expect(t["o"] == .json)
        #expect(t["e"] == .decimal)
    }

    @Test func dateDetection() {
        let yes = ["2022-09-29T00:42:42.000+0000", "2022-09-29", "2022-09-29T00:42:42Z", "2022-09-29 00:42", "2017-01-01T22:17:59.039Z",
                   "2022-09-29T00:42:42+05:30", "2022-09-29T00:42:42.087375-07"]
        let no = ["2022-13-01", "2022-09-29T25:00", "29/09/2022", "2022-09-29T00:42:42.000+00000", "2022-09-29X", "", "20220929"]
        for text in yes { #expect(Array(text.utf8).withUnsafeBufferPointer { DateTimeText.isDateTime($0.baseAddress!, count: $0.count) }, "\(text)") }
        for text in no {
            let bytes = Array(text.utf8) + [0]
            #expect(!bytes.withUnsafeBufferPointer { DateTimeText.isDateTime($0.baseAddress!, count: $0.count - 1) }, "\(text)")
        }
    }

    @Test func nullsDoNotChangeTypesAndCountNullability() throws {
        let tree = try F.infer([#"[{"a":null,"b":1},{"a":5},{"a":6,"b":null}]"#])
        let records = try #require(tree.schema(at: "records"))
        #expect(records.column("a")?.type == .integer)
        #expect(records.column("a")?.nullable == true)
        #expect(records.column("a")?.nonNullCount == 2)
        #expect(records.column("b")?.nonNullCount == 1)
    }

    @Test func snakeCaseAndSafeNames() {
        #expect(SQLNaming.snakeCase("ScoreValue") == "score_value")
        #expect(SQLNaming.snakeCase("lastUpdatedUTC") == "last_updated_utc")
        #expect(SQLNaming.snakeCase("HTTPStatus") == "http_status")
        #expect(SQLNaming.snakeCase("first-name  here") == "first_name_here")
        #expect(SQLNaming.snakeCase("Größe") == "grosse" || SQLNaming.snakeCase("Größe") == "grose")
        #expect(SQLNaming.safeName("order") == "order_")
        #expect(SQLNaming.safeName("24_hours") == "c_24_hours")
        #expect(SQLNaming.safeName("!!!") == "field")
        #expect(SQLNaming.singular("contacts") == "contact")
        #expect(SQLNaming.singular("categories") == "category")
        #expect(SQLNaming.singular("addresses") == "address")
        #expect(SQLNaming.singular("status") == "status")
    }

    @Test func uniqueColumnNames() throws {
        let tree = try F.infer([#"[{"ScoreValue":1,"score_value":2,"scoreValue":3,"a":{"b":1},"a_b":2,"select":1,"":5}]"#])
        #expect(tree.schema(at: "records")?.columns.map(\.name) == [
            "score_value", "score_value_2", "score_value_3", "a_b", "a_b_2", "select_", "field",
        ])
    }

    @Test func linkNameCollisionIsNumbered() throws {
        let tree = try F.infer([#"{"contacts":[{"id":1,"emails":[{"contact_id":9,"email":"x"}]}]}"#])
        #expect(tree.schema(at: "contacts.emails")?.columns.map(\.name) == ["contact_id", "_position", "contact_id_2", "email"])
    }

    @Test func heterogeneousFieldsBecomeJSON() throws {
        let page = #"[{"v":{"a":1},"w":[1,2]},{"v":[1],"w":"text"}]"#
        let tree = try F.infer([page])
        #expect(F.signature(tree.schema(at: "records")) == ["v:json", "w:json"])
        #expect(tree.allSchemas.map(\.path) == ["records"])
        #expect(tree.schema(at: "records")?.previewRows == [[.text(#"{"a":1}"#), .text("[1,2]")], [.text("[1]"), .text(#""text""#)]])
    }

    @Test func mixedArrayElements() throws {
        let tree = try F.infer([#"{"xs":[{"a":1},2,null,[3]]}"#])
        #expect(F.signature(tree.schema(at: "xs")) == ["a:integer?", "value:json?"])
        #expect(tree.schema(at: "xs")?.rowCount == 4)
    }
}
