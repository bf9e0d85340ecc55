import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a sandbox remembers across restarts when ``SandboxConfiguration/statePath`` is set:
/// the OAuth grants it issued and the data changes made through `/_sandbox/changes`.
struct PersistedSandboxState: Codable, Equatable {
    /// The format of this file.
    var version = 1
    /// Issued access tokens → expiry (epoch seconds); expired ones stay to be reported as expired.
    var accessTokens: [String: Double] = [:]
    /// Refresh tokens not yet spent. A spent or revoked token is absent, so it stays refused.
    var refreshTokens: [String] = []
    /// Authorization codes not yet redeemed → (redirect URI, expiry).
    var codes: [String: PendingCodeRecord] = [:]
    /// Every data change so far.
    var changes = ChangeLedger()

    struct PendingCodeRecord: Codable, Equatable {
        var redirectURI: String
        var expiresAt: Double
    }
}

/// Reads and writes the state file: JSON, mode 0600, written to a temporary file, fsynced and
/// renamed over the old one so a crash leaves either the old or the new state.
enum SandboxStateFile {
    enum Problem: Error, CustomStringConvertible {
        case unreadable(String)
        case unwritable(String)

        var description: String {
            switch self {
            case .unreadable(let detail): "The sandbox state file cannot be read: \(detail)"
            case .unwritable(let detail): "The sandbox state file cannot be written: \(detail)"
            }
        }
    }

    /// The saved state, or nil when the file does not exist yet.
    static func load(_ url: URL) throws(Problem) -> PersistedSandboxState? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            let data = try Data(contentsOf: url)
            return try JSONDecoder().decode(PersistedSandboxState.self, from: data)
        } catch {
            throw .unreadable("\(url.lastPathComponent): \(error)")
        }
    }

    static func save(_ state: PersistedSandboxState, to url: URL) throws(Problem) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(state)
        } catch {
            throw .unwritable("\(error)")
        }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw .unwritable("open \(temporary.lastPathComponent): errno \(errno)") }
        var written = 0
        let failed: Bool = data.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 { return true }
                written += result
            }
            return false
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard !failed, synced else {
            unlink(temporary.path)
            throw .unwritable("write \(temporary.lastPathComponent): errno \(errno)")
        }
        // open() honours the umask; make sure the mode is exactly 0600.
        chmod(temporary.path, 0o600)
        guard rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw .unwritable("rename to \(url.lastPathComponent): errno \(errno)")
        }
    }
}

extension SandboxCore {
    /// Loads the state file named by the configuration, if any, into the live state.
    func restoreState() throws(SandboxStateFile.Problem) {
        guard let url = configuration.statePath, let saved = try SandboxStateFile.load(url) else { return }
        state.withLock { state in
            state.accessTokens = saved.accessTokens
            state.refreshTokens = Set(saved.refreshTokens)
            state.codes = saved.codes.mapValues { .init(redirectURI: $0.redirectURI, expiresAt: $0.expiresAt) }
        }
        world.changes.replace(with: saved.changes)
    }

    /// Writes the current grants and changes to the state file, if one is configured. Writes are
    /// serialised so a slower writer never replaces a newer state.
    func persistState() {
        guard let url = configuration.statePath else { return }
        persistLock.withLock { _ in
            let snapshot = state.withLock { state in
                PersistedSandboxState(
                    accessTokens: state.accessTokens,
                    refreshTokens: state.refreshTokens.sorted(),
                    codes: state.codes.mapValues { .init(redirectURI: $0.redirectURI, expiresAt: $0.expiresAt) })
            }
            var complete = snapshot
            complete.changes = world.changes.snapshot()
            do {
                try SandboxStateFile.save(complete, to: url)
            } catch {
                // The sandbox keeps serving; the failure is visible in the statistics.
                state.withLock { $0.statistics.stateWriteFailures += 1 }
            }
        }
    }
}
