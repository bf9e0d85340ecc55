import Testing

@testable import InfuseCore

/// `JSONPageScan` as the HTTP client uses it: finds a page's records and `count` by locator and
/// rejects truncated or malformed bodies.
@Suite("Page scan")
struct JSONPageScanTests {
    static func text(_ body: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: body[range], as: UTF8.self)
    }

    @Test("finds the records under the list key and the count")
    func listKey() throws {
        let body = Array(#"{"count": 3, "next": "x?limit=2&offset=2", "contacts": [{"id":1,"n":"a]}"} , {"id":2,"tags":[1,[2]]}], "previous": null}"#.utf8)
        let scan = try JSONPageScan.scan(body, locate: .listKey("contacts"))
        #expect(scan.count == 3)
        #expect(scan.records.map { Self.text(body, $0) } == [#"{"id":1,"n":"a]}"}"#, #"{"id":2,"tags":[1,[2]]}"#])
    }

    @Test("a missing list key gives no records; an empty list too")
    func missingKey() throws {
        #expect(try JSONPageScan.scan(Array(#"{"count":0}"#.utf8), locate: .listKey("tags")).records.isEmpty)
        let empty = try JSONPageScan.scan(Array(#"{"tags":[],"count":0}"#.utf8), locate: .listKey("tags"))
        #expect(empty.records.isEmpty && empty.count == 0)
    }

    @Test("bare arrays, whole documents and the automatic rule")
    func otherShapes() throws {
        let bare = Array(#" [ "a" , {"b":"\u00e9\"x"} , 3.5e-2, true, null ] "#.utf8)
        #expect(try JSONPageScan.scan(bare, locate: .wholeDocument).records.map { Self.text(bare, $0) }
            == [#""a""#, #"{"b":"\u00e9\"x"}"#, "3.5e-2", "true", "null"])
        let object = Array(#"{"id":5,"goals":[{"g":1}],"name":"ü"}"#.utf8)
        #expect(try JSONPageScan.scan(object, locate: .wholeDocument).records == [0..<object.count])
        #expect(try JSONPageScan.scan(object, locate: .automatic).records.map { Self.text(object, $0) } == [#"{"g":1}"#])
        let noList = Array(#"{"business_goals":["x"],"name":"n"}"#.utf8)
        #expect(try JSONPageScan.scan(noList, locate: .automatic).records == [0..<noList.count])
        let string = Array(#""<p>signature</p>""#.utf8)
        #expect(try JSONPageScan.scan(string, locate: .wholeDocument).records == [0..<string.count])
        let padded = Array("\u{FEFF} 42 \n".utf8)
        #expect(try JSONPageScan.scan(padded, locate: .automatic).records.map { Self.text(padded, $0) } == ["42"])
        #expect(throws: JSONReadError.self) { try JSONPageScan.scan(Array("42 x".utf8), locate: .wholeDocument) }
        // The first list, whatever it holds, when no locator is given.
        #expect(try JSONPageScan.scan(noList).records.map { Self.text(noList, $0) } == [#""x""#])
        #expect(try JSONPageScan.scan(noList).listKey == "business_goals")
    }

    @Test("every truncation of a page is rejected")
    func truncated() throws {
        let body = Array(#"{"contacts":[{"id":1,"name":"Zoë \"Z\"","n":-12.5E+3,"ok":false,"x":null}],"count":1}"#.utf8)
        _ = try JSONPageScan.scan(body, locate: .listKey("contacts"))
        for length in 0..<body.count {
            #expect(throws: JSONReadError.self, "prefix \(length)") {
                try JSONPageScan.scan(Array(body[0..<length]), locate: .listKey("contacts"))
            }
        }
    }

    @Test("malformed bodies are rejected with a position", arguments: [
        #"{"a":1,}"#, #"{"a" 1}"#, #"[1 2]"#, #"{"a":tru}"#, #"{"a":01}"#, #"{"a":-}"#, #"{"a":"\x"}"#,
        "{\"a\":\"\u{01}\"}", #"{"a":1} x"#, #"<html>502 Bad Gateway</html>"#, "", "   ",
    ])
    func malformed(_ text: String) {
        #expect(throws: JSONReadError.self) { try JSONPageScan.scan(Array(text.utf8), locate: .automatic) }
    }

    @Test("a list key expects an object, and very deep nesting is refused")
    func shapeAndDepth() {
        #expect(throws: SchemaError.self) { try JSONPageScan.scan(Array("[1]".utf8), locate: .listKey("x")) }
        #expect(throws: JSONReadError.self) { try JSONPageScan.scan(Array(#""text""#.utf8), locate: .listKey("x")) }
        let deep = Array((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8)
        #expect(throws: JSONReadError.self) { try JSONPageScan.scan(deep, locate: .wholeDocument) }
    }
}
