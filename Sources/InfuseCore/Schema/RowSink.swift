/// Receives flattened rows, e.g. to bind them to a prepared `INSERT` and step it.
public protocol RowSink {
    /// One row of table `table` (an index into the `tables` given to `Flattener`), values in
    /// that table's column order. The buffer and any text in it are valid only during the call.
    mutating func appendRow(table: Int, values: UnsafeBufferPointer<FlatValue>) throws
}

/// One output column: where its values come from and the type to convert them to.
public struct FlattenColumn: Sendable, Hashable {
    /// The inferred column's source (`SchemaColumn.source`).
    public var source: ColumnSource
    /// The type values are converted to. Values that do not convert (e.g. text in an integer
    /// column) are passed on as text rather than lost.
    public var type: ColumnType

    /// Creates a column.
    public init(source: ColumnSource, type: ColumnType) {
        self.source = source
        self.type = type
    }
}

/// One output table: a schema and the columns to emit, in order.
public struct FlattenTable: Sendable, Hashable {
    /// The schema's path (`SchemaNode.path`).
    public var schemaPath: String
    /// The columns, in the order their values are passed to the sink.
    public var columns: [FlattenColumn]

    /// Creates a table from explicit columns (e.g. the design's kept and retyped columns).
    public init(schemaPath: String, columns: [FlattenColumn]) {
        self.schemaPath = schemaPath
        self.columns = columns
    }

    /// A table with all of the schema's columns and their inferred types.
    public init(schema: SchemaNode) {
        schemaPath = schema.path
        columns = schema.columns.map { FlattenColumn(source: $0.source, type: $0.type) }
    }
}
