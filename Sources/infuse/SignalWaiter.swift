import Dispatch
import Foundation

/// Catches SIGINT and SIGTERM without killing the process, so servers can stop gracefully.
///
/// Create it before announcing readiness (e.g. before printing `listening on …`): from then on a
/// signal is queued for `wait()` instead of terminating the process.
final class SignalWaiter: @unchecked Sendable {
    private let stream: AsyncStream<Int32>
    private var sources: [any DispatchSourceSignal] = []

    init(signals: [Int32] = [SIGINT, SIGTERM]) {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        self.stream = stream
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Suspends until one of the signals arrives (or has arrived); returns its number.
    func wait() async -> Int32 {
        var received: Int32 = SIGTERM
        for await number in stream {
            received = number
            break
        }
        for source in sources { source.cancel() }
        return received
    }
}
