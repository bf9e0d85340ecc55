/// What a column holds.
public enum ColumnRole: String, Sendable, Hashable, Codable {
    /// A value from the JSON (a key, a nested key, an array element or a custom field).
    case value
    /// The parent row's own `id` (e.g. `contact_id`).
    case parentID
    /// The parent row's generated `_key` (as `_parent_key`), when the parent has no usable `id`.
    case parentKey
    /// This row's generated key (`_key`), 1, 2, 3, … per schema in page order.
    case key
    /// The row's zero-based index in its array (`_position`).
    case position
}

/// Identifies where a column's values come from; pass it back to `Flattener` in a
/// `FlattenColumn`. Valid with the `SchemaTree` (or a later tree of the same inferrer) it came from.
public struct ColumnSource: Sendable, Hashable {
    enum Storage: Sendable, Hashable {
        case key, parentID, parentKey, position
        case data(Int32)
    }

    let storage: Storage

    /// The kind of column.
    public var role: ColumnRole {
        switch storage {
        case .key: .key
        case .parentID: .parentID
        case .parentKey: .parentKey
        case .position: .position
        case .data: .value
        }
    }
}

/// One column of an inferred schema.
public struct SchemaColumn: Sendable, Hashable {
    /// snake_case, SQL-safe name, unique within the schema.
    public var name: String
    /// The inferred type.
    public var type: ColumnType
    /// True when some row has no value (null or missing).
    public var nullable: Bool
    /// Rows with a non-null value.
    public var nonNullCount: Int
    /// JSON path of the values, e.g. `$.contacts[*].company.id`; nil for generated keys and positions.
    public var jsonPath: String?
    /// Where the values come from (for `Flattener`).
    public var source: ColumnSource
}

/// One schema (a future table) in the tree.
public struct SchemaNode: Sendable, Hashable {
    /// Dotted path: `root`, `contacts`, `contacts.email_addresses`, or the bare-array name.
    public var path: String
    /// Suggested table name: the path with `__` for dots (`contacts__email_addresses`).
    public var tableName: String
    /// Rows seen across all pages.
    public var rowCount: Int
    /// Columns in order: `_key` (when children link by key), the parent link and `_position`
    /// (child schemas only), then the data columns in first-seen key order.
    public var columns: [SchemaColumn]
    /// Nested schemas, in first-seen order.
    public var children: [SchemaNode]
    /// The parent schema's path; nil for top-level schemas.
    public var parentPath: String?
    /// The columns that join this schema to its parent (`contact_id` or `_parent_key`, then
    /// `_position`); empty for top-level schemas.
    public var linkColumns: [SchemaColumn] {
        columns.filter { $0.source.role == .parentID || $0.source.role == .parentKey || $0.source.role == .position }
    }
    /// The column a child's `parentID`/`parentKey` column refers to (`id` or `_key`), if any.
    public var keyColumn: SchemaColumn?
    /// The first rows (up to the inferrer's preview limit), values in `columns` order.
    public var previewRows: [[SQLValue]]

    /// The column named `name`.
    public func column(_ name: String) -> SchemaColumn? { columns.first { $0.name == name } }
}

/// The schemas inferred from one or more pages, nested as in the JSON.
public struct SchemaTree: Sendable {
    /// Top-level schemas: `root` (for object pages, with the lists as children) or the bare-array schema.
    public var roots: [SchemaNode]
    /// Pages seen.
    public var pageCount: Int
    let graph: ShapeGraph
    let options: SchemaInferenceOptions

    /// Every schema, parents before children.
    public var allSchemas: [SchemaNode] {
        var out: [SchemaNode] = []
        func walk(_ node: SchemaNode) {
            out.append(node)
            node.children.forEach(walk)
        }
        roots.forEach(walk)
        return out
    }

    /// The schema at a dotted path, e.g. `contacts.email_addresses`.
    public func schema(at path: String) -> SchemaNode? { allSchemas.first { $0.path == path } }
}
