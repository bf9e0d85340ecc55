/// Infers a `SchemaTree` from JSON pages fed one at a time (`add(page:)`), keeping only the
/// schema state and a bounded preview, never the rows.
///
/// Pages are list responses (`{"contacts":[…],"count":…}`) or bare arrays of records; every
/// page of one inferrer must have the same top-level kind. Duplicate keys: the last wins.
/// Not thread-safe; use one inferrer per task.
public final class SchemaInferrer {
    /// The options in force.
    public let options: SchemaInferenceOptions
    private var state: InferenceState
    private let reader: JSONPageReader
    private var retainedPages: [[UInt8]] = []
    private var retainedBytes = 0
    private var retaining = true

    /// Creates an inferrer.
    public init(options: SchemaInferenceOptions = SchemaInferenceOptions()) {
        self.options = options
        state = InferenceState(options: options)
        reader = JSONPageReader(maxDepth: options.maxDepth)
    }

    /// Pages added so far.
    public var pageCount: Int { state.pageCount }

    /// Adds one page. On error the inferrer is unchanged only up to the failing record: discard
    /// it (and the page) after an error.
    public func add(page bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try add(page: $0) }
    }

    /// Adds one page from memory; see `add(page:)`.
    public func add(page buffer: UnsafeRawBufferPointer) throws {
        try reader.read(buffer, visitor: &state)
        if retaining {
            if retainedBytes + buffer.count <= options.previewByteBudget || retainedPages.isEmpty {
                retainedPages.append(Array(buffer))
                retainedBytes += buffer.count
            } else {
                retaining = false
            }
            if state.graph.arrays.allSatisfy({ $0.rowCount >= options.previewRowLimit }) { retaining = false }
        }
    }

    /// The schema tree so far, with preview rows.
    public func tree() throws -> SchemaTree {
        var tree = SchemaTreeBuilder(graph: state.graph, options: options, pageCount: state.pageCount).build()
        guard options.previewRowLimit > 0, !retainedPages.isEmpty else { return tree }
        let schemas = tree.allSchemas
        let flattener = try Flattener(tree: tree, tables: schemas.map { FlattenTable(schema: $0) })
        var sink = PreviewSink(limit: options.previewRowLimit, tables: schemas.count)
        for page in retainedPages {
            try flattener.flatten(page: page, into: &sink)
            if sink.isFull { break }
        }
        var index = 0
        func fill(_ node: inout SchemaNode) {
            node.previewRows = sink.rows[index]
            index += 1
            for i in node.children.indices { fill(&node.children[i]) }
        }
        for i in tree.roots.indices { fill(&tree.roots[i]) }
        return tree
    }
}

/// Collects the first rows of each table as owned values.
struct PreviewSink: RowSink {
    let limit: Int
    var rows: [[[SQLValue]]]
    private var full = 0

    init(limit: Int, tables: Int) {
        self.limit = limit
        rows = Array(repeating: [], count: tables)
    }

    var isFull: Bool { full == rows.count }

    mutating func appendRow(table: Int, values: UnsafeBufferPointer<FlatValue>) throws {
        guard rows[table].count < limit else { return }
        rows[table].append(values.map(\.sqlValue))
        if rows[table].count == limit { full += 1 }
    }
}
