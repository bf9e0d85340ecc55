import Foundation
import Logging
import NIOCore
import PostgresNIO

/// A read-only connection to a data source's PostgreSQL destination for browsing: text rows of
/// parameterised queries, with the same password lookup, TLS policy and one-line errors as a
/// refresh (``PostgresSession``). Queries block the calling thread on the connection's event
/// loop (never on Swift's cooperative pool), so a grid can read its window while drawing.
public final class PostgresQueryConnection: Sendable {
    private let session: PostgresSession
    private static let logger = Logger(label: "infuse.postgres.browse", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(session: PostgresSession) { self.session = session }

    /// Connects to `destination` (a `postgres://` URL as saved on the data source), session time zone UTC.
    /// - Throws: `DestinationError` saying where it failed.
    public static func connect(destination: String, secrets: SecretsStore?) async throws -> PostgresQueryConnection {
        PostgresQueryConnection(session: try await PostgresSession.connect(try PostgresURL(parsing: destination), secrets: secrets))
    }

    /// Runs `sql` with `$1…` bound to `binds` (as text) and returns each row's `columns` first
    /// values as text (NULL as nil). Blocks until the rows arrive; do not call on an event loop.
    public func textRows(_ sql: String, binds: [String] = [], columns: Int) throws -> [[String?]] {
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds { bindings.append(bind) }
        do {
            let result = try session.connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: Self.logger).wait()
            return try result.rows.map { row in
                var values: [String?] = []
                values.reserveCapacity(columns)
                var iterator = row.makeIterator()
                for _ in 0..<columns {
                    guard let cell = iterator.next() else { break }
                    values.append(try cell.decode(String?.self))
                }
                return values
            }
        } catch {
            throw PostgresSession.describe(error, url: session.url, during: nil)
        }
    }

    /// Closes the connection.
    public func close() async { await session.close() }

    /// Closes the connection when the last grid using it goes away. postgres-nio requires a
    /// connection to be closed before it is released, so the close's callback holds it until then.
    deinit {
        let connection = session.connection
        guard !connection.isClosed else { return }
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in _ = connection }
    }
}
