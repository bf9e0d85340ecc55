import InfuseApp
import Testing
import InfuseTUI

@Suite("Display width")
struct DisplayWidthTests {
    @Test("character widths", arguments: [
        ("a", 1), ("Z", 1), ("ë", 1), ("Ñ", 1), ("ú", 1), ("東", 2), ("京", 2), ("✓", 1), ("🎉", 2),
        ("健", 2), ("한", 2), ("ｱ", 1), ("Ａ", 2), ("…", 1), ("─", 1), ("•", 1), ("❤️", 2), ("👍🏽", 2),
        ("👨‍👩‍👧", 2), ("🇯🇵", 2), ("e\u{301}", 1), ("\u{301}", 0), ("\u{200D}", 0), ("\u{FE0F}", 0), ("\t", 0),
    ] as [(String, Int)])
    func characterWidth(_ text: String, _ expected: Int) {
        #expect(text.count == 1)
        #expect(Character(text).displayWidth == expected)
    }

    @Test("string widths")
    func stringWidths() {
        #expect("Zoë Ñandú 東京 ✓".displayWidth == 16)
        #expect("Zoë Ñandú 東京 ✓ 🎉".displayWidth == 19)
        #expect("Zoe\u{0308}".displayWidth == 3)       // combining diaeresis
        #expect("".displayWidth == 0)
        #expect("abc".displayWidth == 3)
    }

    @Test("truncation with … by display width")
    func truncation() {
        #expect("Zoë Ñandú".truncated(toWidth: 20) == "Zoë Ñandú")
        #expect("Zoë Ñandú".truncated(toWidth: 5) == "Zoë …")
        #expect("東京東京".truncated(toWidth: 4) == "東…")     // 東 (2) + … (1) = 3; 京 would overflow
        #expect("東京東京".truncated(toWidth: 4).displayWidth <= 4)
        #expect("abc".truncated(toWidth: 0) == "")
        #expect("東京".padded(toWidth: 6) == "東京  ")
        #expect("7".leftPadded(toWidth: 3) == "  7")
    }

    @Test("wrapping and number text")
    func wrapping() {
        #expect("one two three".wrapped(toWidth: 7) == ["one two", "three"])
        #expect("東京東京東京".wrapped(toWidth: 4) == ["東京", "東京", "東京"])
        #expect(NumberText.grouped(1_750) == "1,750")
        #expect(NumberText.grouped(1_000_000) == "1,000,000")
        #expect(NumberText.grouped(12) == "12")
        #expect(NumberText.duration(0.8) == "0.8 s")
        #expect(NumberText.duration(125) == "2 m 05 s")
    }
}
