import Foundation

/// A wall clock the test sets by hand, for code that takes `now: @Sendable () -> Date`.
public final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// A clock at `start`.
    public init(_ start: Date = Date()) { current = start }

    /// The clock's time.
    public var now: Date { lock.withLock { current } }

    /// Sets the clock.
    public func set(_ date: Date) { lock.withLock { current = date } }

    /// Moves the clock by `seconds`.
    public func advance(_ seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

/// Lines collected from a `@Sendable` logger.
public final class LineRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    /// An empty recorder.
    public init() {}

    /// Adds a line.
    public func append(_ line: String) { lock.withLock { stored.append(line) } }

    /// Every line so far.
    public var lines: [String] { lock.withLock { stored } }
}
