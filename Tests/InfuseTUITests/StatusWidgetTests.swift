import Foundation
import InfuseApp
import Testing
import InfuseTUI
import InfuseTUITestSupport

@Suite("Progress, spinner, status line, frame, too-small view")
struct StatusWidgetTests {
    @Test("progress bar text matches the design")
    func progress() {
        let info = ProgressInfo(label: "Refreshing", done: 1_750, total: 2_500, page: 2, pageCount: 3, secondsLeft: 0.8)
        #expect(ProgressBar.text(info) == "Refreshing ███████░░░ 1,750/2,500 rows · page 2/3 · 0.8 s left")
        #expect(ProgressBar.bar(done: 0, total: 0, width: 4) == "░░░░")
        #expect(ProgressBar.bar(done: 9, total: 3, width: 4) == "████")
        #expect(ProgressBar.text(ProgressInfo(label: "Fetching", done: 1_000, total: nil, page: 1)) == "Fetching 1,000 rows · page 1")
        let b = ScreenHarness(width: 70, height: 1).render { b, area, theme in ProgressBar.render(info, into: &b, area: area, theme: theme) }
        #expect(b.lines()[0].hasPrefix("Refreshing ███████░░░ 1,750/2,500 rows · page 2/3 · 0.8 s left"))
        #expect(b[11, 0].style.fg == .green && b[18, 0].style.dim)
    }

    @Test("spinner cycles through its frames")
    func spinner() {
        var s = Spinner()
        var seen: [String] = []
        for _ in 0..<Spinner.frames.count { seen.append(s.frame); s.advance() }
        #expect(seen == Spinner.frames)
        #expect(s.frame == Spinner.frames[0])
        let line = ScreenHarness(width: 20, height: 1).lines { b, area, theme in s.render(text: "Waiting…", into: &b, area: area, theme: theme) }
        #expect(line == ["⠋ Waiting…".padded(toWidth: 20)])
    }

    @Test("status line styles by kind and marks errors without colour")
    func status() {
        let err = StatusMessage(.error, "Max Rows must be a whole number")
        let colour = ScreenHarness(width: 44, height: 1).render { b, area, theme in
            StatusLine.render(err, right: "3 rows", into: &b, area: area, theme: theme)
        }
        #expect(colour.lines() == [" Max Rows must be a whole number     3 rows "])
        #expect(colour[1, 0].style.fg == .red)
        let plain = ScreenHarness(width: 44, height: 1, theme: .noColor).lines { b, area, theme in
            StatusLine.render(err, into: &b, area: area, theme: theme)
        }
        #expect(plain == [" * Max Rows must be a whole number".padded(toWidth: 44)])
        #expect(Theme.fromEnvironment(["NO_COLOR": "1"]) == .noColor)
        #expect(Theme.fromEnvironment(["NO_COLOR": ""]) == .standard)
        #expect(Theme.fromEnvironment([:]) == .standard)
    }

    @Test("app frame: title bar, body, status and footer rows")
    func frame() {
        let b = ScreenHarness(width: 60, height: 8).render { b, area, theme in
            let l = AppFrame(titles: ["Infuse", "Data sources"], rightTitle: "sandbox").render(into: &b, bounds: area, theme: theme)
            b.put("body", x: l.body.x, y: l.body.y)
            StatusLine.render(StatusMessage(.success, "Saved"), into: &b, area: l.status, theme: theme)
            Footer.render([FooterItem(key: "q", text: "quit")], into: &b, area: l.footer, theme: theme)
        }
        assertSnapshot(b, named: "app_frame")
    }

    @Test("below 60×16 the too-small message is centred", arguments: [(50, 12), (59, 16), (60, 15), (20, 5)])
    func tooSmall(_ width: Int, _ height: Int) {
        #expect(TerminalTooSmall.applies(width: width, height: height))
        var b = CellBuffer(width: width, height: height)
        b.put("stale", x: 0, y: 0)
        TerminalTooSmall.render(into: &b, theme: .standard)
        #expect(!b.text.contains("stale"))
        let text = b.lines().map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        #expect(text == "terminal too small (need 60×16)")
    }

    @Test("too-small snapshot at 50×12; 60×16 is big enough")
    func tooSmallSnapshot() {
        #expect(!TerminalTooSmall.applies(width: 60, height: 16))
        let b = ScreenHarness(width: 50, height: 12).render { b, _, theme in TerminalTooSmall.render(into: &b, theme: theme) }
        assertSnapshot(b, named: "too_small_50x12")
    }
}

