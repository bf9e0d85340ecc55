/// What each key of a finished `ShapeGraph` becomes: a column, nested columns, a child schema or
/// pivoted custom field columns. Shared by the tree builder and the flattener so both agree.
struct GraphResolution: Sendable {
    enum Field: Sendable, Equatable {
        /// A scalar or JSON column of the given type.
        case column(ColumnType)
        /// A nested object whose keys become columns of the same schema.
        case object(Int32)
        /// An array that is its own schema.
        case array(Int32)
        /// A pivoted `custom_fields` array.
        case pivot(Int32)
    }

    var fields: [Field]
    var liveArrays: [Bool]
    /// Per schema: the record's scalar `id` field that children link to, or -1.
    var idField: [Int32]
    /// Per schema: whether children link by generated `_key` (no usable `id`).
    var usesKey: [Bool]

    init(_ graph: ShapeGraph) {
        let fields: [Field] = graph.fields.map { node in
            switch node.kinds {
            case 0: return .column(.text)
            case FieldNode.scalar: return .column(node.acc.type)
            case FieldNode.object:
                if node.objectShape < 0 || graph.shapes[Int(node.objectShape)].fields.isEmpty { return .column(.json) }
                return .object(node.objectShape)
            case FieldNode.array:
                return node.pivot >= 0 ? .pivot(node.pivot) : .array(node.arrayNode)
            default: return .column(.json)
            }
        }
        // A schema is live when every key on the way to it resolved to an object or array.
        func shapeIsLive(_ s: Int32) -> Bool {
            let shape = graph.shapes[Int(s)]
            if shape.ownerField < 0 { return arrayIsLive(shape.schema) }
            return fields[Int(shape.ownerField)] == .object(s) && shapeIsLive(graph.fields[Int(shape.ownerField)].shape)
        }
        func arrayIsLive(_ a: Int32) -> Bool {
            let node = graph.arrays[Int(a)]
            guard node.ownerField >= 0 else { return true }
            return fields[Int(node.ownerField)] == .array(a) && shapeIsLive(graph.fields[Int(node.ownerField)].shape)
        }
        let liveArrays = graph.arrays.indices.map { arrayIsLive(Int32($0)) }
        let idField: [Int32] = graph.arrays.map { node in
            guard node.elementShape >= 0, !node.isRoot else { return -1 }
            for f in graph.shapes[Int(node.elementShape)].fields where graph.fieldNames[Int(f)] == "id" {
                if case .column(let type) = fields[Int(f)], type == .integer || type == .text,
                   graph.fields[Int(f)].nonNull >= node.rowCount {
                    return f
                }
            }
            return -1
        }
        var usesKey = [Bool](repeating: false, count: graph.arrays.count)
        for (a, node) in graph.arrays.enumerated() where liveArrays[a] && Self.linksToParent(graph, Int32(a)) {
            if idField[Int(node.parent)] < 0 { usesKey[Int(node.parent)] = true }
        }
        self.fields = fields
        self.liveArrays = liveArrays
        self.idField = idField
        self.usesKey = usesKey
    }

    /// Whether rows of schema `a` carry a link to a parent row (not for the root's lists).
    static func linksToParent(_ graph: ShapeGraph, _ a: Int32) -> Bool {
        let parent = graph.arrays[Int(a)].parent
        return parent >= 0 && !graph.arrays[Int(parent)].isRoot
    }
}
