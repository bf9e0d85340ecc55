import Dispatch
import Foundation

/// Waits for SIGINT or SIGTERM without killing the process, so servers can stop gracefully.
enum SignalWaiter {
    /// Suspends until one of `signals` arrives; returns the signal number.
    static func wait(for signals: [Int32] = [SIGINT, SIGTERM]) async -> Int32 {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
        var received: Int32 = SIGTERM
        for await number in stream {
            received = number
            break
        }
        for source in sources { source.cancel() }
        return received
    }
}
