#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An exclusive advisory lock on a file (`flock`), shared across processes.
///
/// The lock file is created with mode 0600 and never deleted, so every process locks the same
/// inode. Waiting polls with `LOCK_NB` and `Task.sleep`, so a waiting task never blocks a
/// cooperative thread.
public final class FileLock: @unchecked Sendable {
    private let fd: Int32
    public let url: URL

    private init(fd: Int32, url: URL) {
        self.fd = fd
        self.url = url
    }

    /// Tries once; returns nil if another holder has the lock.
    public static func tryAcquire(_ url: URL) throws -> FileLock? {
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileLockError.cannotOpen(path: url.path, errno: errno) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return FileLock(fd: fd, url: url) }
        let code = errno
        close(fd)
        if code == EWOULDBLOCK { return nil }
        throw FileLockError.cannotLock(path: url.path, errno: code)
    }

    /// Waits (polling every 10 ms) until the lock is free or `timeout` passes.
    public static func acquire(_ url: URL, timeout: Duration = .seconds(60)) async throws -> FileLock {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            if let lock = try tryAcquire(url) { return lock }
            if clock.now >= deadline { throw FileLockError.timedOut(path: url.path) }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Releases the lock. Also happens on deinit.
    public func release() {
        flock(fd, LOCK_UN)
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// Errors from `FileLock`.
public enum FileLockError: UserFacingError {
    case cannotOpen(path: String, errno: Int32)
    case cannotLock(path: String, errno: Int32)
    case timedOut(path: String)

    public var userMessage: String {
        switch self {
        case .cannotOpen(let path, let code):
            "cannot open the lock file \(path): \(String(cString: strerror(code)))"
        case .cannotLock(let path, let code):
            "cannot lock \(path): \(String(cString: strerror(code)))"
        case .timedOut(let path):
            "another Infuse process held \(path) for too long; try again"
        }
    }
}
