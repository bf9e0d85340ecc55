import Testing

@testable import InfuseCore

/// The byte-level page scanner that finds records and `count` and rejects truncated bodies.
@Suite("Page scanner")
struct PagingScannerTests {
    static func text(_ body: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: body[range], as: UTF8.self)
    }

    @Test("finds the records under the list key and the count")
    func listKey() throws {
        let body = Array(#"{"count": 3, "next": "x?limit=2&offset=2", "contacts": [{"id":1,"n":"a]}"} , {"id":2,"tags":[1,[2]]}], "previous": null}"#.utf8)
        let scan = try PageScanner.scan(body, locate: .listKey("contacts"))
        #expect(scan.count == 3)
        #expect(scan.records.map { Self.text(body, $0) } == [#"{"id":1,"n":"a]}"}"#, #"{"id":2,"tags":[1,[2]]}"#])
    }

    @Test("a missing list key gives no records; an empty list too")
    func missingKey() throws {
        #expect(try PageScanner.scan(Array(#"{"count":0}"#.utf8), locate: .listKey("tags")).records.isEmpty)
        let empty = try PageScanner.scan(Array(#"{"tags":[],"count":0}"#.utf8), locate: .listKey("tags"))
        #expect(empty.records.isEmpty && empty.count == 0)
    }

    @Test("bare arrays, whole documents and the automatic rule")
    func otherShapes() throws {
        let bare = Array(#" [ "a" , {"b":"\u00e9\"x"} , 3.5e-2, true, null ] "#.utf8)
        #expect(try PageScanner.scan(bare, locate: .wholeDocument).records.map { Self.text(bare, $0) }
            == [#""a""#, #"{"b":"\u00e9\"x"}"#, "3.5e-2", "true", "null"])
        let object = Array(#"{"id":5,"goals":[{"g":1}],"name":"ü"}"#.utf8)
        #expect(try PageScanner.scan(object, locate: .wholeDocument).records == [0..<object.count])
        #expect(try PageScanner.scan(object, locate: .automatic).records.map { Self.text(object, $0) } == [#"{"g":1}"#])
        let noList = Array(#"{"business_goals":["x"],"name":"n"}"#.utf8)
        #expect(try PageScanner.scan(noList, locate: .automatic).records == [0..<noList.count])
        let string = Array(#""<p>signature</p>""#.utf8)
        #expect(try PageScanner.scan(string, locate: .wholeDocument).records == [0..<string.count])
    }

    @Test("every truncation of a page is rejected")
    func truncated() throws {
        let body = Array(#"{"contacts":[{"id":1,"name":"Zoë \"Z\"","n":-12.5E+3,"ok":false,"x":null}],"count":1}"#.utf8)
        _ = try PageScanner.scan(body, locate: .listKey("contacts"))
        for length in 0..<body.count {
            #expect(throws: PageScanError.self, "prefix \(length)") {
                try PageScanner.scan(Array(body[0..<length]), locate: .listKey("contacts"))
            }
        }
    }

    @Test("malformed bodies are rejected with a position", arguments: [
        #"{"a":1,}"#, #"{"a" 1}"#, #"[1 2]"#, #"{"a":tru}"#, #"{"a":01}"#, #"{"a":-}"#, #"{"a":"\x"}"#,
        "{\"a\":\"\u{01}\"}", #"{"a":1} x"#, #"<html>502 Bad Gateway</html>"#, "", "   ",
    ])
    func malformed(_ text: String) {
        #expect(throws: PageScanError.self) { try PageScanner.scan(Array(text.utf8), locate: .automatic) }
    }

    @Test("a list key expects an object, and very deep nesting is refused")
    func shapeAndDepth() {
        #expect(throws: PageScanError.self) { try PageScanner.scan(Array("[1]".utf8), locate: .listKey("x")) }
        let deep = Array((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8)
        #expect(throws: PageScanError.self) { try PageScanner.scan(deep, locate: .wholeDocument) }
    }
}
