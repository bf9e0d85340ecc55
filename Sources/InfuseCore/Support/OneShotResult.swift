import Foundation

/// A result delivered once, by the first of several racers, to any number of waiters.
///
/// Later deliveries are ignored (`complete` returns false), so a timeout, a cancellation and the
/// real answer can all try to finish the same wait safely.
public final class OneShotResult<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Value, any Error>?
    private var waiters: [CheckedContinuation<Value, any Error>] = []

    public init() {}

    /// Records the first result and wakes the waiters; returns false when one was already recorded.
    @discardableResult
    public func complete(_ value: Result<Value, any Error>) -> Bool {
        lock.lock()
        guard result == nil else {
            lock.unlock()
            return false
        }
        result = value
        let pending = waiters
        waiters = []
        lock.unlock()
        for waiter in pending { waiter.resume(with: value) }
        return true
    }

    /// Waits for the result (returns at once when it is already there).
    public func value() async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            lock.lock()
            if let result {
                lock.unlock()
                continuation.resume(with: result)
            } else {
                waiters.append(continuation)
                lock.unlock()
            }
        }
    }
}
