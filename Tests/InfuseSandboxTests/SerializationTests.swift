import Foundation
@testable import InfuseSandbox
import Testing

@Suite("Sandbox serialization helpers")
struct SerializationTests {
    @Test func jsonWriterEscapesAndRoundTrips() throws {
        let tricky = "Zoë \"quoted\" back\\slash\nnew\ttab \u{01} ctrl 東京 🚀 O'Brien </script>"
        var w = JSONWriter()
        w.beginObject()
        w.field("text", tricky)
        w.field("missing", nil as String?)
        w.field("n", -42)
        w.field("big", Int.max)
        w.field("price", cents: 1905)
        w.field("negative", cents: -7)
        w.key("list")
        w.beginArray()
        w.int(0)
        w.bool(true)
        w.null()
        w.beginObject()
        w.endObject()
        w.endArray()
        w.endObject()
        let text = String(decoding: w.bytes, as: UTF8.self)
        #expect(text.contains(#"\u0001"#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any])
        #expect(object["text"] as? String == tricky)
        #expect(object["missing"] is NSNull)
        #expect(object["n"] as? Int == -42)
        #expect(object["big"] as? Int == Int.max)
        #expect((object["price"] as? NSNumber)?.doubleValue == 19.05)
        #expect((object["negative"] as? NSNumber)?.doubleValue == -0.07)
        #expect((object["list"] as? [Any])?.count == 4)
    }

    @Test func timestampsMatchKeapFormat() {
        #expect(CivilDate.timestampString(0) == "1970-01-01T00:00:00.000+0000")
        #expect(CivilDate.timestampString(1_664_412_162) == "2022-09-29T00:42:42.000+0000")
        #expect(CivilDate.timestampString(951_782_400) == "2000-02-29T00:00:00.000+0000")
        #expect(CivilDate.timestampString(-1) == "1969-12-31T23:59:59.000+0000")
        var w = JSONWriter()
        w.date(1_709_164_800)
        #expect(String(decoding: w.bytes, as: UTF8.self) == "\"2024-02-29\"")
    }

    @Test func throttleWindowsResetWithTime() {
        var throttle = ThrottleState()
        #expect(throttle.admit(now: 1000, perMinute: 2, perSecond: 10) == .allowed)
        #expect(throttle.admit(now: 1000.1, perMinute: 2, perSecond: 10) == .allowed)
        #expect(throttle.admit(now: 1000.2, perMinute: 2, perSecond: 10) == .quotaViolation)
        #expect(throttle.admit(now: 1061, perMinute: 2, perSecond: 10) == .allowed)
        var spiky = ThrottleState()
        #expect(spiky.admit(now: 5, perMinute: 100, perSecond: 1) == .allowed)
        #expect(spiky.admit(now: 5.5, perMinute: 100, perSecond: 1) == .spikeArrest)
        #expect(spiky.admit(now: 6.1, perMinute: 100, perSecond: 1) == .allowed)
        #expect(spiky.dayUsed == 2)
    }

    @Test func pageRequestParsesAndClamps() throws {
        let page = try PageRequest(rawQuery: "limit=2000&offset=10&since=2022-01-01&order_direction=DESCENDING")
        #expect(page.limit == 1000)
        #expect(page.offset == 10)
        #expect(page.descending)
        #expect(page.positions(total: 15) == 10..<15)
        #expect(page.recordIndex(position: 10, total: 15) == 4)
        #expect(page.link(base: "http://h/crm/rest/v1/tags", limit: 5, offset: 15)
                == "http://h/crm/rest/v1/tags/?limit=5&offset=15&since=2022-01-01&order_direction=DESCENDING")
        #expect(throws: PageRequest.Problem.self) { try PageRequest(rawQuery: "limit=1.5") }
    }

    @Test func tagMembershipCheckAgreesWithTagList() {
        let world = SandboxWorld(seed: 99, records: 2_000)
        for contact in 0..<2_000 {
            let tags = Set(world.contactTagIDs(contact))
            for tagID in 1...world.sizes.tags where (tagID % 7 == 0 || tags.contains(tagID)) {
                #expect(world.contactHasTag(contact, tagID: tagID) == tags.contains(tagID))
            }
        }
    }
}
