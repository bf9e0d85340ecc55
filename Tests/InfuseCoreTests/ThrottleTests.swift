import Foundation
import Testing

@testable import InfuseCore

/// Header parsing and pacing of the `Throttle` actor, on a virtual clock (exact, no waiting).
@Suite("Throttle")
struct ThrottleTests {
    @Test("scalar product headers parse into one minute window")
    func scalarHeaders() {
        let windows = ThrottleWindow.parse(prefix: "x-keap-product-throttle", headers: [
            "x-keap-product-throttle-limit": "1500", "x-keap-product-throttle-available": "1499",
            "x-keap-product-throttle-time-unit": "minute", "x-keap-product-throttle-interval": "1",
        ])
        #expect(windows == [ThrottleWindow(limit: 1500, available: 1499, seconds: 60)])
    }

    @Test("pipe-form tenant headers parse into two windows")
    func pipeHeaders() {
        let windows = ThrottleWindow.parse(prefix: "x-keap-tenant-throttle", headers: [
            "x-keap-tenant-throttle-limit": "10000|250000", "x-keap-tenant-throttle-available": "9999 | 249999",
            "x-keap-tenant-throttle-time-unit": "minute|day",
        ])
        #expect(windows == [
            ThrottleWindow(limit: 10000, available: 9999, seconds: 60),
            ThrottleWindow(limit: 250000, available: 249999, seconds: 86_400),
        ])
        #expect(ThrottleWindow.parse(prefix: "x-keap-tenant-throttle", headers: [:]).isEmpty)
        #expect(ThrottleWindow.parse(prefix: "x-keap-product-throttle", headers: ["x-keap-product-throttle-available": "n/a"]).isEmpty)
    }

    @Test("starts are spread evenly within the spike budget (virtual clock: exact)")
    func spikeBudget() async throws {
        let clock = VirtualPacingClock()
        let throttle = Throttle(spikeLimitPerSecond: 4, clock: clock)
        var starts: [Duration] = []
        for _ in 0..<9 {
            try await throttle.acquire()
            starts.append(clock.now)
            await throttle.complete(headers: nil, status: 200)
        }
        // The spike window / 4 apart from the first start, and never 5 starts in one window.
        let gap = Throttle.spikeWindow / 4
        #expect(starts == (0..<9).map { gap * $0 })
        for index in 4..<starts.count {
            #expect(starts[index] - starts[index - 4] >= Throttle.spikeWindow, "start \(index)")
        }
    }

    @Test("a 429 the headers do not explain halves the spike budget, good answers restore it")
    func adaptsSpikeBudget() async throws {
        let throttle = Throttle(spikeLimitPerSecond: 40)
        try await throttle.acquire()
        await throttle.complete(headers: ["x-keap-product-throttle-available": "100", "x-keap-product-throttle-limit": "120"], status: 429)
        #expect(await throttle.spikeLimit == 20)
        #expect(await throttle.throttledResponses == 1)
        for _ in 0..<20 {
            try await throttle.acquire()
            await throttle.complete(headers: nil, status: 200)
        }
        #expect(await throttle.spikeLimit == 21)
        // Explained by an exhausted window: the spike budget stays.
        try await throttle.acquire()
        await throttle.complete(headers: ["x-keap-product-throttle-available": "0", "x-keap-product-throttle-limit": "120"], status: 429)
        #expect(await throttle.spikeLimit == 21)
    }

    @Test("a low available budget is spread over the rest of the window (virtual clock)")
    func spreadsLowBudget() async throws {
        let clock = VirtualPacingClock()
        let throttle = Throttle(spikeLimitPerSecond: 100, clock: clock)
        // 3 s window with 4 requests left (below the low-water mark of 8): 3 s / 4 = 0.75 s apart.
        let headers = ["x-keap-product-throttle-available": "4", "x-keap-product-throttle-limit": "50",
                       "x-keap-product-throttle-time-unit": "second", "x-keap-product-throttle-interval": "3"]
        try await throttle.acquire()
        await throttle.complete(headers: headers, status: 200)
        let first = clock.now
        try await throttle.acquire()
        let second = clock.now
        await throttle.complete(headers: headers, status: 200)
        try await throttle.acquire()
        let third = clock.now
        await throttle.complete(headers: headers, status: 200)
        #expect(second - first == .milliseconds(750))
        // Then what is left of the window (2.25 s) over the 4 still available.
        #expect(third - second == .milliseconds(2_250) / 4)
    }

    @Test("an exhausted window waits for the window to end (virtual clock)")
    func waitsForWindow() async throws {
        let clock = VirtualPacingClock()
        let throttle = Throttle(spikeLimitPerSecond: 100, clock: clock)
        try await throttle.acquire()
        clock.advance(by: .milliseconds(100))
        await throttle.complete(headers: ["x-keap-product-throttle-available": "0", "x-keap-product-throttle-limit": "10",
                                          "x-keap-product-throttle-time-unit": "second"], status: 200)
        try await throttle.acquire()
        await throttle.complete(headers: nil, status: 200)
        // The window began when its headers arrived (0.1 s) and lasts 1 s; then a 250 ms margin.
        #expect(clock.now == .milliseconds(1_350))
    }

    @Test("acquiring is cancellable")
    func cancellable() async throws {
        let throttle = Throttle(spikeLimitPerSecond: 1)
        try await throttle.acquire()
        await throttle.complete(headers: nil, status: 200)
        let waiting = Task { try await throttle.acquire() }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }
}
