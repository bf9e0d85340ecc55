import Testing

@testable import InfuseCore

/// The stopping rules of cursor paging, as plain values.
@Suite("Cursor paging: when a v2 list ends")
struct CursorStateTests {
    @Test("page sizes meet Max Rows exactly")
    func pageSizes() {
        var state = CursorState(wanted: 2501, startToken: nil, maxEmptyPagesInARow: 3)
        var sizes: [Int] = []
        var token = 0
        while true {
            let size = state.pageSize(limit: 1000)
            sizes.append(size)
            token += 1
            guard case .follow = state.advance(records: size, next: "t\(token)") else { break }
        }
        #expect(sizes == [1000, 1000, 501])
        #expect(state.received == 2501)
        #expect(CursorState(wanted: 1, startToken: nil, maxEmptyPagesInARow: 3).pageSize(limit: 100) == 1)
        #expect(CursorState(wanted: .max, startToken: nil, maxEmptyPagesInARow: 3).pageSize(limit: 25) == 25)
    }

    @Test("no token, an empty token, or Max Rows reached end the list without a warning")
    func plainEnd() {
        var a = CursorState(wanted: .max, startToken: nil, maxEmptyPagesInARow: 3)
        #expect(a.advance(records: 10, next: nil) == .end)
        var b = CursorState(wanted: .max, startToken: nil, maxEmptyPagesInARow: 3)
        #expect(b.advance(records: 10, next: "") == .end)
        var c = CursorState(wanted: 10, startToken: nil, maxEmptyPagesInARow: 3)
        #expect(c.advance(records: 10, next: "more") == .end)
    }

    @Test("a token seen before ends the list with a warning, also the one the read started from")
    func repeatedToken() {
        var state = CursorState(wanted: .max, startToken: nil, maxEmptyPagesInARow: 3)
        #expect(state.advance(records: 5, next: "a") == .follow("a"))
        #expect(state.advance(records: 5, next: "b") == .follow("b"))
        guard case .endWithWarning(let line) = state.advance(records: 5, next: "a") else {
            Issue.record("a repeated token was followed")
            return
        }
        #expect(line.contains("sent before") && line.contains("15 records"))
        var started = CursorState(wanted: .max, startToken: "s", maxEmptyPagesInARow: 3)
        if case .endWithWarning = started.advance(records: 1, next: "s") {} else { Issue.record("the start token was followed again") }
    }

    @Test("empty pages with a token are followed a bounded number of times in a row")
    func emptyPages() {
        var state = CursorState(wanted: .max, startToken: nil, maxEmptyPagesInARow: 3)
        #expect(state.advance(records: 0, next: "e1") == .follow("e1"))
        #expect(state.advance(records: 0, next: "e2") == .follow("e2"))
        guard case .endWithWarning(let line) = state.advance(records: 0, next: "e3") else {
            Issue.record("a third empty page in a row was followed")
            return
        }
        #expect(line.contains("empty pages"))
        // A page with records in between starts the count again.
        var mixed = CursorState(wanted: .max, startToken: nil, maxEmptyPagesInARow: 3)
        #expect(mixed.advance(records: 0, next: "m1") == .follow("m1"))
        #expect(mixed.advance(records: 0, next: "m2") == .follow("m2"))
        #expect(mixed.advance(records: 4, next: "m3") == .follow("m3"))
        #expect(mixed.advance(records: 0, next: "m4") == .follow("m4"))
        #expect(mixed.received == 4)
    }
}
