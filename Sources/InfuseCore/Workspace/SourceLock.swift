import Foundation

/// An exclusive lock on one data source across processes, held while it is refreshed: `flock` on
/// `<locksDirectory>/<slug>.lock`. Released by `close()` or when the lock is deinitialized (and
/// by the kernel if the process dies).
public final class SourceLock: Sendable {
    /// The data source's name.
    public let source: String
    /// The lock file.
    public let url: URL
    private let lock: FileLock

    private init(source: String, url: URL, lock: FileLock) {
        self.source = source
        self.url = url
        self.lock = lock
    }

    /// Takes the lock without waiting.
    /// - Throws: `WorkspaceError.refreshInProgress(source)` if another process or task holds it.
    public static func acquire(source: String, paths: WorkspacePaths) throws -> SourceLock {
        let url = paths.locksDirectory.appendingPathComponent(TableNaming.slug(for: source) + ".lock")
        if !FileManager.default.fileExists(atPath: paths.locksDirectory.path) {
            try paths.ensureExists()
        }
        let held: FileLock?
        do {
            held = try FileLock.tryAcquire(url)
        } catch {
            throw WorkspaceError.cannotLock(path: url.path, reason: userMessage(for: error))
        }
        guard let held else { throw WorkspaceError.refreshInProgress(source: source) }
        return SourceLock(source: source, url: url, lock: held)
    }

    /// Releases the lock now (deinit also releases it). Calling it twice is harmless.
    public func close() {
        lock.release()
    }
}

extension Workspace {
    /// Takes the refresh lock of the data source `source` (see `SourceLock`).
    public func lockSource(_ source: String) throws -> SourceLock {
        try SourceLock.acquire(source: source, paths: paths)
    }
}
