import Foundation

/// PostgreSQL destination passwords in `secrets.json` (`destinations`, keyed by the URL).
extension SecretsStore {
    /// The stored password of the destination `url`, or nil.
    public func destinationPassword(for url: PostgresURL) throws -> String? {
        try checkPermissions()
        return try readDocument().destinations[url.text]
    }

    /// Stores (or, with nil, removes) the password of the destination `url`, under the
    /// cross-process lock and atomically like every secrets change.
    public func setDestinationPassword(_ password: String?, for url: PostgresURL) async throws {
        let lock = try await FileLock.acquire(lockURL)
        defer { lock.release() }
        try checkPermissions()
        var document = try readDocument()
        document.destinations[url.text] = password
        try writeDocument(document)
    }
}
