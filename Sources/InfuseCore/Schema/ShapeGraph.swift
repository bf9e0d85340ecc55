import Foundation

/// One key of an object shape and everything observed under it.
struct FieldNode {
    static let scalar: UInt8 = 1
    static let object: UInt8 = 2
    static let array: UInt8 = 4

    /// Name bytes (decoded UTF-8) in `ShapeGraph.nameBytes`.
    var nameStart: Int32
    var nameCount: Int32
    /// The object shape this key belongs to.
    var shape: Int32
    /// Scalar kinds seen (and JSON for pivot-like content).
    var acc = TypeAccumulator()
    /// Non-null values seen.
    var nonNull = 0
    /// Which of scalar / object / array values were seen.
    var kinds: UInt8 = 0
    var objectShape: Int32 = -1
    var arrayNode: Int32 = -1
    var pivot: Int32 = -1
    /// Identity of the column this key yields when it is a scalar or JSON column.
    var columnKey: Int32
}

/// The keys seen in objects at one place in the JSON (a schema's records, or a nested object).
struct ObjectShape {
    /// The schema (array node) whose rows hold these keys as columns.
    var schema: Int32
    /// Keys from the schema's record down to this object (empty for the record itself).
    var keyPath: [String]
    /// The field holding this nested object, or -1 for a schema's record shape.
    var ownerField: Int32
    var fields: [Int32] = []
    /// Name → field for wide objects (filled once a shape has more than `linearLimit` keys).
    var index: [String: Int32] = [:]
}

/// A schema: the root object of pages, a list of records, or an array nested in a record.
struct ArrayNode {
    /// Dotted key path (`contacts.email_addresses`), "root", or the bare-array name.
    var path: String
    /// JSON path of one element, e.g. `$.contacts[*]` (`$` for the root).
    var elementJSONPath: String
    /// The parent schema, or -1 for a top-level schema.
    var parent: Int32
    /// The field holding this array, or -1 for the root and bare-array schemas.
    var ownerField: Int32
    var isRoot: Bool
    var elementShape: Int32 = -1
    /// Non-object elements (scalars, arrays, nulls) feed the `value` column.
    var valueAcc = TypeAccumulator()
    var valueNonNull = 0
    var sawNonObjectElement = false
    var rowCount = 0
    var valueColumnKey: Int32
}

/// A pivoted `custom_fields` key: custom field id → column.
struct PivotNode {
    var field: Int32
    var columns: [Int64: Int32] = [:]
    var order: [Int32] = []
}

/// One pivoted custom field column.
struct PivotColumn {
    var id: Int64
    var label: String?
    var acc: TypeAccumulator
    var nonNull = 0
    var columnKey: Int32
}

/// Everything inference has learnt about the JSON's structure, as flat arrays indexed by
/// `Int32` ids (no per-node reference counting on the hot path).
struct ShapeGraph: Sendable {
    static let linearLimit = 24

    var nameBytes: [UInt8] = []
    var fieldNames: [String] = []
    var fields: [FieldNode] = []
    var shapes: [ObjectShape] = []
    var arrays: [ArrayNode] = []
    var pivots: [PivotNode] = []
    var pivotColumns: [PivotColumn] = []
    var nextColumnKey: Int32 = 0
    /// Hint: the key that followed each field last time (-1 unknown).
    var fieldNextHint: [Int32] = []
    /// Hint: the first key of each shape last time (-1 unknown).
    var shapeFirstHint: [Int32] = []
    /// True once a page was an object (root schema is array 0); false for bare-array pages.
    var pagesAreObjects: Bool?

    mutating func newColumnKey() -> Int32 {
        nextColumnKey += 1
        return nextColumnKey - 1
    }

    /// Whether field `f`'s name equals the bytes `key[0..<count]`.
    @inline(__always)
    func matches(_ f: Int32, _ key: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let node = fields[Int(f)]
        guard Int(node.nameCount) == count else { return false }
        return nameBytes.withUnsafeBufferPointer { names in
            memcmp(names.baseAddress! + Int(node.nameStart), key, count) == 0
        }
    }

    /// The field of `shape` named `key`, trying `hint` first; -1 when absent.
    @inline(__always)
    func findField(_ shape: Int32, _ key: UnsafePointer<UInt8>, _ count: Int, hint: Int32) -> Int32 {
        if hint >= 0 && matches(hint, key, count) { return hint }
        let s = shapes[Int(shape)]
        if s.fields.count <= Self.linearLimit {
            for f in s.fields where matches(f, key, count) { return f }
            return -1
        }
        return s.index[String(decoding: UnsafeBufferPointer(start: key, count: count), as: UTF8.self)] ?? -1
    }

    /// Adds a key to `shape` and returns its id.
    mutating func addField(_ shape: Int32, _ key: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
        let f = Int32(fields.count)
        let name = String(decoding: UnsafeBufferPointer(start: key, count: count), as: UTF8.self)
        fields.append(FieldNode(nameStart: Int32(nameBytes.count), nameCount: Int32(count), shape: shape, columnKey: newColumnKey()))
        nameBytes.append(contentsOf: UnsafeBufferPointer(start: key, count: count))
        fieldNames.append(name)
        shapes[Int(shape)].fields.append(f)
        let n = shapes[Int(shape)].fields.count
        if n == Self.linearLimit + 1 {
            for existing in shapes[Int(shape)].fields { shapes[Int(shape)].index[fieldNames[Int(existing)]] = existing }
        } else if n > Self.linearLimit + 1 {
            shapes[Int(shape)].index[name] = f
        }
        return f
    }

    /// Adds a schema for the array held by field `f` (or a top-level schema when `f` is -1).
    mutating func addArray(ownerField f: Int32, path: String, elementJSONPath: String, parent: Int32, isRoot: Bool) -> Int32 {
        arrays.append(ArrayNode(path: path, elementJSONPath: elementJSONPath, parent: parent, ownerField: f,
                                isRoot: isRoot, valueColumnKey: newColumnKey()))
        return Int32(arrays.count - 1)
    }

    /// The schema array node for the array in field `f`, created on first use.
    mutating func arrayForField(_ f: Int32) -> Int32 {
        if fields[Int(f)].arrayNode >= 0 { return fields[Int(f)].arrayNode }
        let shape = shapes[Int(fields[Int(f)].shape)]
        let schema = arrays[Int(shape.schema)]
        let keys = shape.keyPath + [fieldNames[Int(f)]]
        let path = schema.isRoot ? keys.joined(separator: ".") : schema.path + "." + keys.joined(separator: ".")
        let jsonPath = JSONPathText.append(keys, to: schema.elementJSONPath) + "[*]"
        let a = addArray(ownerField: f, path: path, elementJSONPath: jsonPath, parent: shape.schema, isRoot: false)
        fields[Int(f)].arrayNode = a
        return a
    }

    /// The nested object shape under field `f`, created on first use.
    mutating func objectShapeForField(_ f: Int32) -> Int32 {
        if fields[Int(f)].objectShape >= 0 { return fields[Int(f)].objectShape }
        let owner = shapes[Int(fields[Int(f)].shape)]
        shapes.append(ObjectShape(schema: owner.schema, keyPath: owner.keyPath + [fieldNames[Int(f)]], ownerField: f))
        let s = Int32(shapes.count - 1)
        fields[Int(f)].objectShape = s
        return s
    }

    /// The record shape of schema `a`, created on first use.
    mutating func elementShape(_ a: Int32) -> Int32 {
        if arrays[Int(a)].elementShape >= 0 { return arrays[Int(a)].elementShape }
        shapes.append(ObjectShape(schema: a, keyPath: [], ownerField: -1))
        let s = Int32(shapes.count - 1)
        arrays[Int(a)].elementShape = s
        return s
    }
}

/// Builds JSON path text (`$.contacts[*].company.id`, bracket form for unusual keys).
enum JSONPathText {
    static func append(_ keys: [String], to base: String) -> String {
        var path = base
        for key in keys { path += component(key) }
        return path
    }

    static func component(_ key: String) -> String {
        let plain = !key.isEmpty && key.unicodeScalars.allSatisfy { s in
            (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "_"
        }
        if plain { return "." + key }
        return "['" + key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "']"
    }
}

/// Key-order hints: objects of one shape usually list their keys in the same order, so the
/// key after `previous` last time is tried first.
extension ShapeGraph {
    @inline(__always) func firstHint(_ shape: Int32) -> Int32 { shapeFirstHint.count > Int(shape) ? shapeFirstHint[Int(shape)] : -1 }
    @inline(__always) func nextHint(_ previous: Int32) -> Int32 { fieldNextHint.count > Int(previous) ? fieldNextHint[Int(previous)] : -1 }

    mutating func setHint(shape: Int32, previous: Int32, next: Int32) {
        if previous < 0 {
            while shapeFirstHint.count <= Int(shape) { shapeFirstHint.append(-1) }
            shapeFirstHint[Int(shape)] = next
        } else {
            while fieldNextHint.count <= Int(previous) { fieldNextHint.append(-1) }
            fieldNextHint[Int(previous)] = next
        }
    }
}
