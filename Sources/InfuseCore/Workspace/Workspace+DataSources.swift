import Foundation
import GRDB

/// Data source definitions, and dropping a source's imported tables when it is deleted.
extension Workspace {
    /// Every data source, by name.
    public func allDataSources() throws -> [DataSource] {
        try read { db in try DataSourceRecord.order(Column("name")).fetchAll(db).map(\.source) }
    }

    /// The data source named `name`, or nil.
    public func dataSource(named name: String) throws -> DataSource? {
        try read { db in try DataSourceRecord.fetchOne(db, key: name)?.source }
    }

    /// Saves a new data source after validating it against the saved names and accounts.
    /// - Throws: `dataSourceExists` if the exact name is saved, else `invalidDataSource` with every
    ///   field's message (a name whose slug another source already has included).
    public func insertDataSource(_ source: DataSource) throws {
        try write { db in
            if try DataSourceRecord.exists(db, key: source.name) { throw WorkspaceError.dataSourceExists(name: source.name) }
            let names = try String.fetchAll(db, sql: "SELECT name FROM data_sources")
            try Self.validate(source, otherNames: names, db: db)
            try DataSourceRecord(source).insert(db)
        }
    }

    /// Saves every field of an existing data source (matched by name) after validating it.
    /// Renaming is not done here: a name that is not saved throws `dataSourceNotFound`.
    /// - Throws: `dataSourceNotFound` or `invalidDataSource`.
    public func updateDataSource(_ source: DataSource) throws {
        try write { db in
            guard try DataSourceRecord.exists(db, key: source.name) else {
                throw WorkspaceError.dataSourceNotFound(name: source.name)
            }
            let names = try String.fetchAll(db, sql: "SELECT name FROM data_sources WHERE name <> ?", arguments: [source.name])
            try Self.validate(source, otherNames: names, db: db)
            try DataSourceRecord(source).update(db)
        }
    }

    /// Replaces the saved source `oldName` with `source` under another name, in one transaction:
    /// the new definition is saved and the old one deleted with its tables, view and history (the
    /// tables are named after the source, so the next refresh builds them under the new name).
    /// - Throws: `dataSourceNotFound`, `dataSourceExists` or `invalidDataSource`; nothing changes.
    public func renameDataSource(from oldName: String, to source: DataSource) throws {
        try write { db in
            guard try DataSourceRecord.exists(db, key: oldName) else { throw WorkspaceError.dataSourceNotFound(name: oldName) }
            if try DataSourceRecord.exists(db, key: source.name) { throw WorkspaceError.dataSourceExists(name: source.name) }
            let names = try String.fetchAll(db, sql: "SELECT name FROM data_sources WHERE name <> ?", arguments: [oldName])
            try Self.validate(source, otherNames: names, db: db)
            try Self.delete(named: oldName, db: db)
            try DataSourceRecord(source).insert(db)
        }
    }

    /// Deletes a data source with its refresh history, its imported tables (every table named
    /// `<slug>__…`) and its view (`<slug>`), in one transaction.
    /// - Throws: `dataSourceNotFound`.
    public func deleteDataSource(named name: String) throws {
        try write { db in try Self.delete(named: name, db: db) }
    }

    private static func delete(named name: String, db: Database) throws {
        guard let slug = try String.fetchOne(db, sql: "SELECT slug FROM data_sources WHERE name = ?", arguments: [name]) else {
            throw WorkspaceError.dataSourceNotFound(name: name)
        }
        let objects = try Row.fetchAll(db, sql: "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view')")
        for object in objects {
            let type: String = try object.decode(forColumn: "type")
            let objectName: String = try object.decode(forColumn: "name")
            let belongs = objectName == slug || TableNaming.table(objectName, belongsToSlug: slug)
            if type == "view" && belongs {
                try db.execute(sql: "DROP VIEW \(objectName.quotedDatabaseIdentifier)")
            } else if type == "table" && TableNaming.table(objectName, belongsToSlug: slug) {
                try db.execute(sql: "DROP TABLE \(objectName.quotedDatabaseIdentifier)")
            }
        }
        // refresh_runs follow through ON DELETE CASCADE.
        _ = try DataSourceRecord.deleteOne(db, key: name)
    }

    /// The names of the tables this workspace holds for the data source `name` (`<slug>__…`), sorted.
    public func importedTables(of name: String) throws -> [String] {
        let slug = TableNaming.slug(for: name)
        return try read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                .filter { TableNaming.table($0, belongsToSlug: slug) }
        }
    }

    private static func validate(_ source: DataSource, otherNames: [String], db: Database) throws {
        let accounts = try String.fetchAll(db, sql: "SELECT name FROM accounts")
        let errors = DataSourceValidator.validate(source, existingNames: otherNames, existingAccounts: accounts)
        if !errors.isEmpty { throw WorkspaceError.invalidDataSource(errors) }
        if let error = DataSourceValidator.destinationError(source.destination) { throw error }
    }
}
