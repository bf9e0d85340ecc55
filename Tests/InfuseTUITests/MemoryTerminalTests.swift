import Testing
import InfuseTUI
import InfuseTUITestSupport

/// A tiny loop over a driver, the shape the app loop takes: read, update, draw.
@MainActor
func runCounterLoop(on driver: some TerminalDriver) -> Int {
    var count = 0
    var quit = false
    func draw() {
        var b = CellBuffer(width: driver.size.width, height: driver.size.height)
        if TerminalTooSmall.applies(width: b.width, height: b.height) {
            TerminalTooSmall.render(into: &b, theme: .standard)
        } else {
            b.put("count \(count)", x: 0, y: 0)
        }
        driver.draw(b)
    }
    draw()
    while !quit && !driver.terminationRequested {
        guard let key = driver.readKey(timeoutMs: 50) else { break }
        switch key {
        case .char("+"): count += 1
        case .char("q"): quit = true
        default: break
        }
        draw()
    }
    driver.shutdown()
    return count
}

@Suite("Terminal driver")
@MainActor
struct MemoryTerminalTests {
    @Test("the loop runs over an in-memory terminal")
    func loop() {
        let t = MemoryTerminal(width: 60, height: 16, keys: [.char("+"), .char("+"), .resize, .char("q"), .char("+")])
        #expect(runCounterLoop(on: t) == 2)
        #expect(t.isShutDown)
        #expect(t.pendingKeys == [.char("+")])
        #expect(t.frames.count == 5)
        #expect(t.lastFrame?.lines()[0].hasPrefix("count 2") == true)
    }

    @Test("a resize below the minimum shows the too-small view")
    func resize() {
        let t = MemoryTerminal(width: 60, height: 16, keys: [.resize])
        t.size = TerminalSize(width: 50, height: 12)
        _ = runCounterLoop(on: t)
        #expect(t.lastFrame?.text.contains("terminal too small (need 60×16)") == true)
    }
}
