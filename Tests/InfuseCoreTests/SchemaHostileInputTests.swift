import Testing
@testable import InfuseCore

@Suite("Schema inference: hostile input")
struct SchemaHostileInputTests {
    func inferError(_ bytes: [UInt8]) -> String? {
        do {
            let inferrer = SchemaInferrer()
            try inferrer.add(page: bytes)
            _ = try inferrer.tree()
            return nil
        } catch {
            return (error as? any UserFacingError)?.userMessage ?? "not user-facing: \(error)"
        }
    }

    @Test func topLevelScalarAndEmpty() {
        for text in ["42", "\"hello\"", "true", "null", " 1.5 "] {
            #expect(inferError(Array(text.utf8)) == "top-level JSON is a scalar; expected an object or array")
        }
        #expect(inferError([]) == "empty JSON input: expected an object or array")
        #expect(inferError(Array("  \n ".utf8)) == "empty JSON input: expected an object or array")
        #expect(inferError(Array("hello".utf8))?.hasPrefix("malformed JSON at line 1, column 1") == true)
    }

    @Test func malformedPagesAndTrailingData() {
        #expect(inferError(Array("{\"contacts\":[{\"id\":1},\n{\"id\" 2}]}".utf8)) == "malformed JSON at line 2, column 7: expected ':', found '2'")
        #expect(inferError(Array("{\"a\":1} {}".utf8))?.contains("unexpected data after the top-level value") == true)
        #expect(inferError(Array("[{\"a\":1}".utf8))?.contains("expected ',' or ']'") == true)
    }

    @Test func tenThousandLevels() {
        let deep = Array((#"{"contacts":["# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "]}").utf8)
        #expect(inferError(deep)?.hasPrefix("JSON nested deeper than 512 levels") == true)
        let deepObjects = Array((String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)).utf8)
        #expect(inferError(deepObjects)?.hasPrefix("JSON nested deeper than 512 levels") == true)
    }

    @Test func fiveMegabyteString() throws {
        let big = String(repeating: "abcdefghij", count: 500_000)
        let page = Array(#"{"notes":[{"id":1,"body":"\#(big)"}]}"#.utf8)
        let inferrer = SchemaInferrer()
        try inferrer.add(page: page)
        let tree = try inferrer.tree()
        let notes = try #require(tree.schema(at: "notes"))
        #expect(notes.column("body")?.type == .text)
        let body = try #require(notes.columns.firstIndex { $0.name == "body" })
        #expect(notes.previewRows.first?[body] == .text(big))
    }

    @Test func duplicateKeysLastWins() throws {
        let page = #"{"count":1,"count":2,"contacts":[{"id":1,"name":"first","id":2,"tags":[1],"tags":[7,8]}]}"#
        let tree = try SchemaTestFixtures.infer([page])
        #expect(tree.schema(at: "contacts")?.previewRows == [[.integer(2), .text("first")]])
        #expect(tree.schema(at: "contacts.tags")?.rowCount == 2)
        #expect(tree.schema(at: "contacts.tags")?.previewRows == [[.integer(2), .integer(0), .integer(7)], [.integer(2), .integer(1), .integer(8)]])
        #expect(tree.schema(at: "root")?.previewRows == [[.integer(2)]])
        #expect(inferError(Array(#"{"contacts":[],"contacts":[]}"#.utf8))?.contains("duplicate top-level key \"contacts\"") == true)
    }

    @Test func invalidUTF8InPage() {
        let page = Array(#"{"contacts":[{"name":""#.utf8) + [0xFF] + Array(#""}]}"#.utf8)
        #expect(inferError(page) == "invalid UTF-8 at byte offset 22 (line 1, column 23)")
        #expect(inferError([0xEF, 0xBB, 0xBF] + Array("[{\"a\":1}]".utf8)) == nil)
    }

    @Test func escapedKeysMatchPlainKeys() throws {
        let tree = try SchemaTestFixtures.infer([#"[{"na\u006de":1},{"name":2}]"#])
        #expect(SchemaTestFixtures.signature(tree.schema(at: "records")) == ["name:integer"])
    }
}
