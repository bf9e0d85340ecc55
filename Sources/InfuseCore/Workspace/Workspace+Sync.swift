import Foundation
import GRDB

/// The runtime state of incremental sources: when each was last reconciled (its deleted records
/// found), kept beside the definition but never written by saving it.
extension Workspace {
    /// When `source` was last reconciled (a full read or an id sweep), or nil when never.
    public func lastReconciled(source: String) throws -> Date? {
        try read { db in
            try Date.fetchOne(db, sql: "SELECT last_reconciled_at FROM data_sources WHERE name = ?", arguments: [source])
        }
    }

    /// Records that `source` was reconciled at `date`.
    /// - Throws: `dataSourceNotFound`.
    public func markReconciled(source: String, at date: Date) throws {
        try write { db in
            try db.execute(sql: "UPDATE data_sources SET last_reconciled_at = ? WHERE name = ?", arguments: [date, source])
            if db.changesCount == 0 { throw WorkspaceError.dataSourceNotFound(name: source) }
        }
    }
}
