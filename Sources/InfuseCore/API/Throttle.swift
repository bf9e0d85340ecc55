/// Paces the requests of one account so Infuse does not cause 429s itself.
///
/// Two rules decide when the next request may start:
/// - **Spike budget**: at most `spikeLimit` request starts in any 1.1 s, and starts at least
///   1.1 s / `spikeLimit` apart (Keap's unmetered spike arrest sends no headers and, like Apigee's
///   SpikeArrest, punishes bursts; 25/s by default; the margin absorbs network jitter). A 429 that the header budgets do not explain halves
///   the budget (down to 1/s); 20 answers in a row without a 429 give one back, up to the
///   configured value.
/// - **Header budgets**: the `x-keap-product-throttle-*` and `x-keap-tenant-throttle-*` windows
///   (scalar or pipe form). When what is available, less requests still in flight, falls to the
///   low-water mark (a tenth of the limit, at least 8), the rest is spread evenly over what remains
///   of the window; when nothing is left, requests wait for the window to end.
///
/// Every `acquire()` must be followed by exactly one `complete(headers:status:)`.
public actor Throttle {
    /// The spike budget this throttle started with (requests per second).
    public let configuredSpikeLimit: Int
    /// The current spike budget, lowered after unexplained 429s.
    public private(set) var spikeLimit: Int
    /// How many 429 answers this throttle has seen.
    public private(set) var throttledResponses = 0
    /// The windows from the most recent response that carried throttle headers.
    public var windows: [ThrottleWindow] { states.keys.sorted().compactMap { states[$0]?.window } }

    private struct WindowState {
        var window: ThrottleWindow
        var windowStart: Duration
    }

    private let clock: any PacingClock
    /// The spike window: at most `spikeLimit` starts in any such span.
    static let spikeWindow: Duration = .milliseconds(1_100)
    private var spikeWindow: Duration { Self.spikeWindow }
    private var starts: [Duration] = []
    private var states: [String: WindowState] = [:]
    private var inFlight = 0
    private var answersWithout429 = 0

    /// A throttle that starts at `spikeLimitPerSecond` requests per second (at least 1), paced on
    /// `clock` (the system's by default; tests pass a ``VirtualPacingClock``).
    public init(spikeLimitPerSecond: Int = 25, clock: any PacingClock = SystemPacingClock()) {
        configuredSpikeLimit = max(1, spikeLimitPerSecond)
        spikeLimit = max(1, spikeLimitPerSecond)
        self.clock = clock
    }

    /// Waits until the next request may start. Throws `CancellationError` when cancelled.
    public func acquire() async throws {
        let start = reserveStart()
        inFlight += 1
        do {
            try await clock.sleep(until: start)
        } catch {
            inFlight = max(0, inFlight - 1)
            throw error
        }
    }

    /// Records the answer to an acquired request: its throttle headers (lower-cased names; nil when
    /// the request failed without an answer) and its status.
    public func complete(headers: [String: String]?, status: Int?) {
        inFlight = max(0, inFlight - 1)
        let now = clock.now
        if let headers {
            let parsed = ThrottleWindow.parse(prefix: "x-keap-product-throttle", headers: headers).enumerated()
                .map { ("product-\($0.offset)", $0.element) }
                + ThrottleWindow.parse(prefix: "x-keap-tenant-throttle", headers: headers).enumerated()
                .map { ("tenant-\($0.offset)", $0.element) }
            for (key, window) in parsed {
                if var state = states[key] {
                    // A jump up means the window rolled over (small rises are answers arriving out of order).
                    if window.available > state.window.available + 4 { state.windowStart = now }
                    state.window = window
                    states[key] = state
                } else {
                    // Unknown phase: assume the window just began, the cautious guess.
                    states[key] = WindowState(window: window, windowStart: now)
                }
            }
        }
        guard let status else { return }
        if status == 429 {
            throttledResponses += 1
            answersWithout429 = 0
            let explained = states.values.contains { $0.window.available <= 0 }
            if !explained { spikeLimit = max(1, spikeLimit / 2) }
        } else {
            answersWithout429 += 1
            if answersWithout429 >= 20, spikeLimit < configuredSpikeLimit {
                spikeLimit += 1
                answersWithout429 = 0
            }
        }
    }

    /// Picks and books the earliest start that keeps within the spike budget and header budgets.
    private func reserveStart() -> Duration {
        let now = clock.now
        starts.removeAll { $0 + spikeWindow <= now }
        var start = now
        if starts.count >= spikeLimit {
            start = max(start, starts[starts.count - spikeLimit] + spikeWindow)
        }
        if let last = starts.last {
            start = max(start, last + spikeWindow / spikeLimit)
        }
        for state in states.values where state.window.seconds <= 3_600 {
            let window = state.window
            let lowWater = max(8, window.limit / 10)
            let effective = window.available - inFlight
            guard effective <= lowWater else { continue }
            let end = state.windowStart + .seconds(window.seconds)
            if effective <= 0 {
                if end > now {
                    start = max(start, end + .milliseconds(250))
                } else {
                    // The window should have rolled over already: probe at the window's average rate.
                    start = max(start, (starts.last ?? now) + .seconds(window.seconds / Double(max(window.limit, 1))))
                }
                continue
            }
            let remaining = max(end - now, .seconds(1))
            if let last = starts.last {
                start = max(start, last + remaining / effective)
            }
        }
        let position = starts.firstIndex { $0 > start } ?? starts.endIndex
        starts.insert(start, at: position)
        return start
    }
}
