/// The designer's choices for the tables of a data source: per table, which columns are kept,
/// renamed or retyped; and how parent and child tables are joined into the source's view.
///
/// Tables are keyed by schema path (`contacts.email_addresses`), the same paths as
/// `DataSource.selectedSchemas`. A table without an entry keeps every inferred column as inferred.
public struct DataSourceDesign: Codable, Sendable, Equatable, Hashable {
    /// Per schema path, the table's design.
    public var tables: [String: TableDesign]
    /// Joins between parent and child tables, in the order the view applies them.
    public var joins: [JoinDesign]

    /// - Parameters:
    ///   - tables: per schema path, the table's design.
    ///   - joins: joins between parent and child tables.
    public init(tables: [String: TableDesign] = [:], joins: [JoinDesign] = []) {
        self.tables = tables
        self.joins = joins
    }

    /// The design of the table at `schemaPath`, or the default (everything kept) if none is set.
    public func table(_ schemaPath: String) -> TableDesign {
        tables[schemaPath] ?? TableDesign()
    }
}

/// The design of one table.
public struct TableDesign: Codable, Sendable, Equatable, Hashable {
    /// Whether the table takes part in the source's view.
    public var enabled: Bool
    /// The inferred column names kept, in order; nil keeps every column.
    public var keptColumns: [String]?
    /// Per inferred column name, a new name and/or type.
    public var columnOverrides: [String: ColumnOverride]

    /// - Parameters:
    ///   - enabled: whether the table takes part in the view.
    ///   - keptColumns: the inferred column names kept; nil keeps all.
    ///   - columnOverrides: per inferred column name, a new name and/or type.
    public init(enabled: Bool = true, keptColumns: [String]? = nil, columnOverrides: [String: ColumnOverride] = [:]) {
        self.enabled = enabled
        self.keptColumns = keptColumns
        self.columnOverrides = columnOverrides
    }

    /// Whether the inferred column `name` is kept.
    public func keeps(_ name: String) -> Bool {
        keptColumns?.contains(name) ?? true
    }
}

/// A user's change to one inferred column.
public struct ColumnOverride: Codable, Sendable, Equatable, Hashable {
    /// The column's name in the imported table and the view; nil keeps the inferred name.
    public var rename: String?
    /// The column's type as a raw value: `integer`, `decimal`, `boolean`, `text`, `date_time` or
    /// `json`; nil keeps the inferred type.
    public var type: String?

    /// - Parameters:
    ///   - rename: the new column name, or nil.
    ///   - type: the new type's raw value, or nil.
    public init(rename: String? = nil, type: String? = nil) {
        self.rename = rename
        self.type = type
    }
}

/// How a join keeps parent rows that have no child row.
public enum JoinKind: String, Codable, Sendable, CaseIterable {
    /// Every parent row, with nulls where there is no child (`LEFT JOIN`).
    case left
    /// Only parent rows that have a child (`INNER JOIN`).
    case inner
}

/// A join from a parent table to a child table, e.g. `contacts.id = contacts.email_addresses.contact_id`.
/// Tables are named by schema path.
public struct JoinDesign: Codable, Sendable, Equatable, Hashable {
    /// The parent's schema path.
    public var parentTable: String
    /// The parent's key column.
    public var parentColumn: String
    /// The child's schema path.
    public var childTable: String
    /// The child's column holding the parent's key.
    public var childColumn: String
    /// Left or inner.
    public var kind: JoinKind

    /// - Parameters:
    ///   - parentTable: the parent's schema path (`contacts`).
    ///   - parentColumn: the parent's key column (`id`).
    ///   - childTable: the child's schema path (`contacts.email_addresses`).
    ///   - childColumn: the child's link column (`contact_id`).
    ///   - kind: left or inner.
    public init(parentTable: String, parentColumn: String, childTable: String, childColumn: String, kind: JoinKind = .left) {
        self.parentTable = parentTable
        self.parentColumn = parentColumn
        self.childTable = childTable
        self.childColumn = childColumn
        self.kind = kind
    }
}
