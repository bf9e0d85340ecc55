import Foundation

/// The clock pacing code reads and sleeps on, as durations since a fixed origin. The system's
/// is ``SystemPacingClock``; tests pass a ``VirtualPacingClock`` so pacing is checked exactly and
/// without waiting.
public protocol PacingClock: Sendable {
    /// The time since the clock's origin.
    var now: Duration { get }
    /// Returns at `deadline` (at once when it has passed). Throws `CancellationError` when cancelled.
    func sleep(until deadline: Duration) async throws
}

/// The monotonic system clock (`ContinuousClock`).
public struct SystemPacingClock: PacingClock {
    private let origin = ContinuousClock.now

    /// A clock whose origin is now.
    public init() {}

    /// See ``PacingClock/now``.
    public var now: Duration { ContinuousClock.now - origin }

    /// See ``PacingClock/sleep(until:)``.
    public func sleep(until deadline: Duration) async throws {
        try await ContinuousClock().sleep(until: origin + deadline, tolerance: .milliseconds(5))
    }
}

/// A clock that only moves when told: sleeping until a deadline moves it there at once (after a
/// cancellation check), and ``advance(by:)`` moves it forward. For deterministic pacing tests.
public final class VirtualPacingClock: PacingClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Duration = .zero

    /// A clock at zero.
    public init() {}

    /// See ``PacingClock/now``.
    public var now: Duration { lock.withLock { current } }

    /// Moves the clock forward.
    public func advance(by duration: Duration) {
        lock.withLock { current += duration }
    }

    /// Moves the clock to `deadline` if it is later than now.
    public func sleep(until deadline: Duration) async throws {
        try Task.checkCancellation()
        lock.withLock { current = max(current, deadline) }
    }
}
