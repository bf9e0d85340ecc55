/// Fixed-window request counters for the per-minute throttle, the per-second spike arrest and
/// the daily quota (KEAP-API.md §4).
struct ThrottleState {
    enum Verdict: Equatable {
        case allowed
        /// Over the per-minute throttle: `policies.ratelimit.QuotaViolation`.
        case quotaViolation
        /// Over the per-second spike limit: `policies.ratelimit.SpikeArrestViolation`.
        case spikeArrest
    }

    private(set) var minuteStart: Double = -.infinity
    private(set) var minuteUsed = 0
    private(set) var secondStart: Double = -.infinity
    private(set) var secondUsed = 0
    private(set) var day = Int.min
    private(set) var dayUsed = 0

    /// Counts one API request at `now` (epoch seconds) unless a limit is already reached.
    mutating func admit(now: Double, perMinute: Int, perSecond: Int) -> Verdict {
        roll(now: now)
        if secondUsed >= perSecond { return .spikeArrest }
        if minuteUsed >= perMinute { return .quotaViolation }
        secondUsed += 1
        minuteUsed += 1
        dayUsed += 1
        return .allowed
    }

    /// Starts new windows whose time has come.
    mutating func roll(now: Double) {
        if now - minuteStart >= 60 {
            minuteStart = now
            minuteUsed = 0
        }
        if now - secondStart >= 1 {
            secondStart = now
            secondUsed = 0
        }
        let today = Int((now / 86_400).rounded(.down))
        if today != day {
            day = today
            dayUsed = 0
        }
    }

    /// Epoch milliseconds of the next 00:00 UTC, when the daily quota resets.
    var dayExpiryMillis: Int {
        (day + 1) * 86_400_000
    }
}
