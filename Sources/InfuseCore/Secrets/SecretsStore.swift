#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The workspace's `secrets.json`: the only place tokens, client secrets and API keys live.
///
/// The file is mode 0600 inside a 0700 directory; a more open mode is refused (as ssh does) with
/// a message that says how to fix it. Every change is read-modify-write under an exclusive
/// `flock` on `secrets.lock`, written to a temporary file, fsynced and renamed, so a process killed
/// at any point leaves the old file or the new one. A file that cannot be parsed is reported,
/// never overwritten.
public final class SecretsStore: Sendable {
    public let fileURL: URL
    public let lockURL: URL

    /// - Parameters:
    ///   - fileURL: the `secrets.json` path.
    ///   - lockURL: the lock file guarding it; defaults to `secrets.lock` beside it.
    public init(fileURL: URL, lockURL: URL? = nil) {
        self.fileURL = fileURL
        self.lockURL = lockURL ?? fileURL.deletingLastPathComponent().appendingPathComponent("secrets.lock")
    }

    /// Checks the file's and directory's modes: refuses group- or world-accessible ones.
    public func checkPermissions() throws {
        let directory = fileURL.deletingLastPathComponent().path
        var st = stat()
        if stat(directory, &st) == 0, st.st_mode & 0o077 != 0 {
            throw SecretsError.unsafeMode(path: directory, mode: st.st_mode & 0o777, fix: "chmod 700 \(directory)")
        }
        if stat(fileURL.path, &st) == 0, st.st_mode & 0o077 != 0 {
            throw SecretsError.unsafeMode(path: fileURL.path, mode: st.st_mode & 0o777, fix: "chmod 600 \(fileURL.path)")
        }
    }

    /// The secrets of `account`, or nil when none are stored.
    public func secrets(for account: String) throws -> AccountSecrets? {
        try checkPermissions()
        return try readDocument().accounts[account]
    }

    /// Runs `change` on the account's secrets under the cross-process lock and writes the result
    /// atomically (nil removes the entry). Returns what was written.
    @discardableResult
    public func update(
        account: String, _ change: @Sendable (inout AccountSecrets?) throws -> Void
    ) async throws -> AccountSecrets? {
        let lock = try await FileLock.acquire(lockURL)
        defer { lock.release() }
        return try updateLocked(account: account, change)
    }

    /// The same as `update` for a caller that already holds the lock on `lockURL`.
    @discardableResult
    public func updateLocked(
        account: String, _ change: (inout AccountSecrets?) throws -> Void
    ) throws -> AccountSecrets? {
        try checkPermissions()
        var document = try readDocument()
        var entry = document.accounts[account]
        try change(&entry)
        document.accounts[account] = entry
        try writeDocument(document)
        return entry
    }

    /// Moves an account's secrets to a new name (for `accounts rename`).
    public func rename(account: String, to newName: String) async throws {
        let lock = try await FileLock.acquire(lockURL)
        defer { lock.release() }
        try checkPermissions()
        var document = try readDocument()
        guard let entry = document.accounts.removeValue(forKey: account) else { return }
        document.accounts[newName] = entry
        try writeDocument(document)
    }

    func readDocument() throws -> SecretsDocument {
        let data: Data
        do {
            data = try Data(contentsOf: fileURL)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return SecretsDocument()
        } catch {
            throw SecretsError.unreadable(path: fileURL.path)
        }
        if data.isEmpty { throw SecretsError.corrupt(path: fileURL.path) }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            return try decoder.decode(SecretsDocument.self, from: data)
        } catch {
            throw SecretsError.corrupt(path: fileURL.path)
        }
    }

    func writeDocument(_ document: SecretsDocument) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        try AtomicFile.write(try encoder.encode(document), to: fileURL, mode: 0o600)
    }
}

/// Errors about `secrets.json`. None of them includes a secret.
public enum SecretsError: UserFacingError, Equatable {
    case unsafeMode(path: String, mode: mode_t, fix: String)
    case corrupt(path: String)
    case unreadable(path: String)

    public var userMessage: String {
        switch self {
        case .unsafeMode(let path, let mode, let fix):
            "\(path) is accessible by other users (mode \(String(mode, radix: 8))); Infuse refuses to use it: run `\(fix)`"
        case .corrupt(let path):
            "\(path) is not a valid Infuse secrets file; it was left untouched: restore it from a backup, or move it aside and re-authorize your accounts with `infuse accounts reauth NAME`"
        case .unreadable(let path):
            "cannot read \(path): check its owner and permissions"
        }
    }
}
