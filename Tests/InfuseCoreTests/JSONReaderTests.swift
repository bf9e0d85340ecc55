import Testing
@testable import InfuseCore

@Suite("JSON reader")
struct JSONReaderTests {
    /// Parses one value and returns the tape's kinds, or the error.
    func parse(_ text: String, maxDepth: Int = 512) -> Result<[JSONKind], JSONReadError> {
        parse(Array(text.utf8), maxDepth: maxDepth)
    }

    func parse(_ bytes: [UInt8], maxDepth: Int = 512) -> Result<[JSONKind], JSONReadError> {
        let tape = JSONTape()
        var stack: [Int] = []
        return bytes.withUnsafeBufferPointer { buffer in
            let parser = JSONParser(base: buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: buffer.count, maxDepth: maxDepth)
            do throws(JSONReadError) {
                let end = try parser.parseValue(at: 0, depth: 0, into: tape, stack: &stack)
                if parser.skipWhitespace(end) != buffer.count { return .failure(parser.malformed("trailing", at: end)) }
                return .success((0..<tape.count).map { tape[$0].kind })
            } catch {
                return .failure(error)
            }
        }
    }

    func message(_ text: String) -> String? {
        if case .failure(let error) = parse(text) { return error.userMessage }
        return nil
    }

    @Test func acceptsValidDocuments() throws {
        #expect(try parse(#"{"a":[1,-2.5e3,true,false,null,"x\n\u00e9\ud83d\ude00"],"b":{}}"#).get()
            == [.object, .string, .array, .integer, .decimal, .trueValue, .falseValue, .null, .string, .string, .object])
        #expect(try parse(" [ ] ").get() == [.array])
        #expect(try parse("-0").get() == [.integer])
        #expect(try parse("9223372036854775807").get() == [.integer])
        #expect(try parse("-9223372036854775808").get() == [.integer])
        #expect(try parse("9223372036854775808").get() == [.bigNumber])
        #expect(try parse("1e400").get() == [.bigNumber])
        #expect(try parse("0.5e-400").get() == [.decimal])
    }

    @Test func rejectsMalformedWithPosition() {
        #expect(message("{\"a\" 1}") == "malformed JSON at line 1, column 6: expected ':', found '1'")
        #expect(message("{\n  \"a\": 1,\n  \"b\" 2}") == "malformed JSON at line 3, column 7: expected ':', found '2'")
        #expect(message("[1,]")?.contains("expected a value") == true)
        #expect(message("{\"a\":1,}")?.contains("expected a string key") == true)
        #expect(message("[01]")?.contains("leading zeros") == true)
        #expect(message("[1.]")?.contains("digit") == true)
        #expect(message("[tru]")?.contains("invalid literal") == true)
        #expect(message("\"abc")?.contains("unterminated string") == true)
        #expect(message("\"a\u{01}\"")?.contains("control character") == true)
        #expect(message(#""\x""#)?.contains("invalid escape") == true)
        #expect(message(#""\ud800""#)?.contains("surrogate") == true)
        #expect(message(#""\udc00x""#)?.contains("lone low surrogate") == true)
        #expect(message("[1 2]")?.contains("expected ',' or ']'") == true)
        #expect(message("{'a':1}")?.contains("expected a string key") == true)
    }

    @Test func invalidUTF8ReportsOffset() throws {
        let bytes: [UInt8] = Array("[\"ok\",\"b".utf8) + [0xC3, 0x28] + Array("\"]".utf8)
        guard case .failure(let error) = parse(bytes) else { Issue.record("accepted invalid UTF-8"); return }
        #expect(error.kind == .invalidUTF8)
        #expect(error.byteOffset == 8)
        #expect(error.userMessage == "invalid UTF-8 at byte offset 8 (line 1, column 9)")
        for bad: [UInt8] in [[0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF]] {
            guard case .failure(let e) = parse([0x22] + bad + [0x22]) else { Issue.record("accepted \(bad)"); continue }
            #expect(e.kind == .invalidUTF8)
        }
        #expect(try parse([0x22, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0x22]).get() == [.string])
    }

    @Test func depthLimit() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        guard case .failure(let error) = parse(deep) else { Issue.record("accepted 10,000 levels"); return }
        #expect(error.kind == .tooDeep(limit: 512))
        #expect(error.userMessage == "JSON nested deeper than 512 levels at line 1, column 513")
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect((try? parse(ok).get())?.count == 512)
        let objects = String(repeating: #"{"a":"#, count: 600) + "1" + String(repeating: "}", count: 600)
        #expect(message(objects)?.contains("nested deeper than 512") == true)
    }

    @Test func decodesStringsAndNumbers() {
        let text = #"a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\u20ac\ud83d\ude00"#
        let bytes = Array(text.utf8)
        let decoded = bytes.withUnsafeBufferPointer { JSONStringDecoder.string($0.baseAddress!, count: $0.count, escaped: true) }
        #expect(decoded == "a\"b\\c/d\u{8}\u{C}\n\r\tAé€😀")
        func double(_ s: String) -> Double { Array(s.utf8).withUnsafeBufferPointer { JSONNumbers.parseDouble($0.baseAddress!, count: $0.count) } }
        #expect(double("250.5") == 250.5)
        #expect(double("-1.25e2") == -125)
        #expect(double("0.1") == 0.1)
        #expect(double("1.7976931348623157e308") == 1.7976931348623157e308)
        #expect(double("123456789012345678.5") == 123456789012345678.5)
        #expect(Array("-42".utf8).withUnsafeBufferPointer { JSONNumbers.parseInt64($0.baseAddress!, count: $0.count) } == -42)
    }

    @Test func pageScan() throws {
        let page = Array(#"{"count": 1234, "contacts": [{"id":1}, {"id":2,"x":[1,2]} ,"s"], "next": null}"#.utf8)
        let scan = try JSONPageScan.scan(page)
        #expect(scan.count == 1234)
        #expect(scan.listKey == "contacts")
        #expect(scan.records.map { String(decoding: page[$0], as: UTF8.self) } == [#"{"id":1}"#, #"{"id":2,"x":[1,2]}"#, #""s""#])
        let bare = Array("[1, {\"a\":2}]".utf8)
        let bareScan = try JSONPageScan.scan(bare)
        #expect(bareScan.records.count == 2 && bareScan.count == nil && bareScan.listKey == nil)
        let twoLists = Array(#"{"tags":[1],"contacts":[{},{},{}]}"#.utf8)
        #expect(try JSONPageScan.scan(twoLists, locate: .listKey("contacts")).records.count == 3)
        #expect(try JSONPageScan.scan(twoLists).listKey == "tags")
        #expect(throws: JSONReadError.self) { try JSONPageScan.scan(Array(#"{"contacts":[1,}"#.utf8)) }
    }
}
