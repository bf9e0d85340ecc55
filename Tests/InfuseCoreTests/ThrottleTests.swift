import Foundation
import Testing

@testable import InfuseCore

/// Header parsing and pacing of the `Throttle` actor (real clock, short windows).
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

    @Test("starts are spread evenly within the spike budget")
    func spikeBudget() async throws {
        let throttle = Throttle(spikeLimitPerSecond: 4)
        let clock = ContinuousClock()
        let start = clock.now
        var starts: [Duration] = []
        for _ in 0..<6 {
            try await throttle.acquire()
            starts.append(clock.now - start)
            await throttle.complete(headers: nil, status: 200)
        }
        // The spike window / 4 apart, booked from the first start (sleeps never end early).
        let gap = Throttle.spikeWindow / 4
        for index in 1..<starts.count {
            #expect(starts[index] >= gap * index - .milliseconds(20), "start \(index)")
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

    @Test("a low available budget is spread over the rest of the window")
    func spreadsLowBudget() async throws {
        let throttle = Throttle(spikeLimitPerSecond: 100)
        // 3 s window with 4 requests left (below the low-water mark of 8): about 0.75 s apart.
        let headers = ["x-keap-product-throttle-available": "4", "x-keap-product-throttle-limit": "50",
                       "x-keap-product-throttle-time-unit": "second", "x-keap-product-throttle-interval": "3"]
        try await throttle.acquire()
        await throttle.complete(headers: headers, status: 200)
        let clock = ContinuousClock()
        let start = clock.now
        try await throttle.acquire()
        await throttle.complete(headers: headers, status: 200)
        try await throttle.acquire()
        let elapsed = clock.now - start
        await throttle.complete(headers: headers, status: 200)
        #expect(elapsed >= .milliseconds(600))
        #expect(elapsed < .seconds(3))
    }

    @Test("an exhausted window waits for the window to end")
    func waitsForWindow() async throws {
        let throttle = Throttle(spikeLimitPerSecond: 100)
        try await throttle.acquire()
        await throttle.complete(headers: ["x-keap-product-throttle-available": "0", "x-keap-product-throttle-limit": "10",
                                          "x-keap-product-throttle-time-unit": "second"], status: 200)
        let clock = ContinuousClock()
        let start = clock.now
        try await throttle.acquire()
        await throttle.complete(headers: nil, status: 200)
        #expect(clock.now - start >= .milliseconds(900))
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
