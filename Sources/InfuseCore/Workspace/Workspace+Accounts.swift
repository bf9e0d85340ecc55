import Foundation
import GRDB

/// Connected accounts (names, API bases, auth kinds, status; never secrets).
extension Workspace {
    /// Every account, by name.
    public func allAccounts() throws -> [Account] {
        try read { db in try Account.order(Column("name")).fetchAll(db) }
    }

    /// The account named `name`, or nil.
    public func account(named name: String) throws -> Account? {
        try read { db in try Account.fetchOne(db, key: name) }
    }

    /// Adds an account. - Throws: `WorkspaceError.accountExists` if the name is taken.
    public func insertAccount(_ account: Account) throws {
        try write { db in
            if try Account.exists(db, key: account.name) { throw WorkspaceError.accountExists(name: account.name) }
            try account.insert(db)
        }
    }

    /// Saves every field of an existing account (matched by name).
    /// - Throws: `WorkspaceError.accountNotFound`.
    public func updateAccount(_ account: Account) throws {
        try write { db in
            guard try Account.exists(db, key: account.name) else { throw WorkspaceError.accountNotFound(name: account.name) }
            try account.update(db)
        }
    }

    /// Renames an account; the data sources that use it follow in the same transaction.
    /// The caller moves the account's secrets (`SecretsStore`) too.
    /// - Throws: `accountNotFound`, or `accountExists` if `newName` is taken.
    public func renameAccount(_ name: String, to newName: String) throws {
        try write { db in
            guard try Account.exists(db, key: name) else { throw WorkspaceError.accountNotFound(name: name) }
            if name == newName { return }
            if try Account.exists(db, key: newName) { throw WorkspaceError.accountExists(name: newName) }
            // data_sources.account_name follows through ON UPDATE CASCADE.
            try db.execute(sql: "UPDATE accounts SET name = ? WHERE name = ?", arguments: [newName, name])
        }
    }

    /// Deletes an account. The caller removes its secrets too.
    /// - Throws: `accountNotFound`, or `accountInUse` naming the data sources that use it.
    public func deleteAccount(_ name: String) throws {
        try write { db in
            guard try Account.exists(db, key: name) else { throw WorkspaceError.accountNotFound(name: name) }
            let users = try String.fetchAll(
                db, sql: "SELECT name FROM data_sources WHERE account_name = ? ORDER BY name", arguments: [name])
            if !users.isEmpty { throw WorkspaceError.accountInUse(name: name, sources: users) }
            _ = try Account.deleteOne(db, key: name)
        }
    }

    /// Sets an account's status (e.g. `.needsReauthorization` after a refused refresh token).
    /// - Throws: `accountNotFound`.
    public func markAccount(_ name: String, status: AccountStatus) throws {
        try write { db in
            try db.execute(sql: "UPDATE accounts SET status = ? WHERE name = ?", arguments: [status.rawValue, name])
            if db.changesCount == 0 { throw WorkspaceError.accountNotFound(name: name) }
        }
    }

    /// The data sources that fetch with the account `name`, by name.
    public func dataSources(usingAccount name: String) throws -> [DataSource] {
        try read { db in
            try DataSourceRecord.filter(Column("account_name") == name).order(Column("name")).fetchAll(db).map(\.source)
        }
    }
}
