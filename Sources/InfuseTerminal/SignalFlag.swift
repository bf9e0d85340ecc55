import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Catches SIGINT, SIGTERM and SIGHUP (the terminal went away) with dispatch signal sources (never inside a C signal handler) and
/// records that termination was requested; the UI loop reads the flag and restores the terminal.
final class SignalFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised: Int32? = nil
    private var sources: [DispatchSourceSignal] = []

    /// Starts watching SIGINT, SIGTERM and SIGHUP (their default actions are switched off meanwhile).
    func install() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.set(sig) }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops watching and restores the default actions.
    func uninstall() {
        for s in sources { s.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        signal(SIGHUP, SIG_DFL)
    }

    private func set(_ sig: Int32) {
        lock.lock(); defer { lock.unlock() }
        if raised == nil { raised = sig }
    }

    /// The first signal received, or nil.
    var signalReceived: Int32? {
        lock.lock(); defer { lock.unlock() }
        return raised
    }
}
