import Foundation

/// The page visitor that grows a `ShapeGraph` from records.
struct InferenceState: JSONPageVisitor {
    var graph = ShapeGraph()
    var pageCount = 0
    let options: SchemaInferenceOptions
    private let pivotName: [UInt8]?
    private var base: UnsafePointer<UInt8>?
    private var stamps: [Int] = []
    private var stamp = 0
    private var members: [(field: Int32, value: Int)] = []
    private var keyScratch: [UInt8] = []
    private var currentList: Int32 = -1
    private var rootRowShape: Int32 = -1

    init(options: SchemaInferenceOptions) {
        self.options = options
        pivotName = options.customFields.map { Array($0.fieldName.utf8) }
    }

    // MARK: page events

    mutating func beginPage(isArray: Bool, base: UnsafePointer<UInt8>) throws {
        if let objects = graph.pagesAreObjects, objects == isArray {
            throw SchemaError("page \(pageCount + 1) is \(isArray ? "an array" : "an object") but earlier pages were \(objects ? "objects" : "arrays"); pages of one source must have the same shape")
        }
        if graph.pagesAreObjects == nil {
            graph.pagesAreObjects = !isArray
            if isArray {
                _ = graph.addArray(ownerField: -1, path: options.recordsName, elementJSONPath: "$[*]", parent: -1, isRoot: false)
            } else {
                let root = graph.addArray(ownerField: -1, path: "root", elementJSONPath: "$", parent: -1, isRoot: true)
                rootRowShape = graph.elementShape(root)
            }
        }
        if !isArray { graph.arrays[0].rowCount += 1 }
        self.base = base
        pageCount += 1
    }

    mutating func rootMember(key: String, tape: JSONTape) throws {
        let f = rootField(key)
        observeField(f, tape, 0)
    }

    mutating func beginList(key: String?) throws {
        guard let key else {
            currentList = 0
            return
        }
        let f = rootField(key)
        graph.fields[Int(f)].kinds |= FieldNode.array
        graph.fields[Int(f)].nonNull += 1
        currentList = graph.arrayForField(f)
    }

    mutating func listElement(index: Int, tape: JSONTape) throws {
        observeElement(currentList, tape, 0)
    }

    mutating func endList() throws { currentList = -1 }
    mutating func endPage() throws { base = nil }

    private mutating func rootField(_ key: String) -> Int32 {
        let bytes = Array(key.utf8) + [0]
        return bytes.withUnsafeBufferPointer { buffer in
            let p = buffer.baseAddress!
            let found = graph.findField(rootRowShape, p, buffer.count - 1, hint: -1)
            if found >= 0 { return found }
            stamps.append(0)
            return graph.addField(rootRowShape, p, buffer.count - 1)
        }
    }

    // MARK: records

    private mutating func observeElement(_ a: Int32, _ tape: JSONTape, _ e: Int) {
        graph.arrays[Int(a)].rowCount += 1
        let entry = tape[e]
        if entry.kind == .object {
            let shape = graph.elementShape(a)
            observeObject(shape, tape, e)
        } else {
            graph.arrays[Int(a)].sawNonObjectElement = true
            if entry.kind != .null {
                graph.arrays[Int(a)].valueAcc.observe(entry, base: base!)
                graph.arrays[Int(a)].valueNonNull += 1
            }
        }
    }

    private mutating func observeObject(_ shape: Int32, _ tape: JSONTape, _ o: Int) {
        stamp += 1
        let current = stamp
        let first = members.count
        var duplicate = false
        var previous: Int32 = -1
        var firstHint = true
        var i = o + 1
        let end = Int(tape[o].next)
        while i < end {
            let key = tape[i]
            let f = resolve(shape, key, after: previous, isFirst: firstHint)
            firstHint = false
            if stamps[Int(f)] == current { duplicate = true } else { stamps[Int(f)] = current }
            members.append((f, i + 1))
            previous = f
            i = Int(tape[i + 1].next)
        }
        if duplicate { dropEarlierDuplicates(from: first) }
        let last = members.count
        for m in first..<last {
            let member = members[m]
            if member.field >= 0 { observeField(member.field, tape, member.value) }
        }
        members.removeLast(members.count - first)
    }

    /// Keeps only the last occurrence of each key among `members[first...]`.
    private mutating func dropEarlierDuplicates(from first: Int) {
        stamp += 1
        var m = members.count - 1
        while m >= first {
            let f = members[m].field
            if stamps[Int(f)] == stamp { members[m].field = -1 } else { stamps[Int(f)] = stamp }
            m -= 1
        }
    }

    /// Finds or adds the key at `key` in `shape`, using and updating the key-order hints.
    private mutating func resolve(_ shape: Int32, _ key: JSONTapeEntry, after previous: Int32, isFirst: Bool) -> Int32 {
        let hint = isFirst ? graph.firstHint(shape) : graph.nextHint(previous)
        var f: Int32
        if key.hasEscapes {
            keyScratch.removeAll(keepingCapacity: true)
            JSONStringDecoder.decode(base! + Int(key.start), count: Int(key.end - key.start), into: &keyScratch)
            f = keyScratch.withUnsafeBufferPointer { k in
                graph.findField(shape, k.baseAddress ?? base!, k.count, hint: hint)
            }
            if f < 0 {
                f = keyScratch.withUnsafeBufferPointer { k in graph.addField(shape, k.baseAddress ?? base!, k.count) }
                stamps.append(0)
            }
        } else {
            let p = base! + Int(key.start)
            let n = Int(key.end - key.start)
            f = graph.findField(shape, p, n, hint: hint)
            if f < 0 {
                f = graph.addField(shape, p, n)
                stamps.append(0)
            }
        }
        if f != hint { graph.setHint(shape: shape, previous: isFirst ? -1 : previous, next: f) }
        return f
    }

    private mutating func observeField(_ f: Int32, _ tape: JSONTape, _ v: Int) {
        let entry = tape[v]
        switch entry.kind {
        case .null:
            return
        case .object:
            graph.fields[Int(f)].kinds |= FieldNode.object
            graph.fields[Int(f)].nonNull += 1
            let shape = graph.objectShapeForField(f)
            observeObject(shape, tape, v)
        case .array:
            graph.fields[Int(f)].kinds |= FieldNode.array
            graph.fields[Int(f)].nonNull += 1
            if isPivotField(f) {
                observePivot(f, tape, v)
            } else {
                let a = graph.arrayForField(f)
                var i = v + 1
                let end = Int(entry.next)
                while i < end {
                    observeElement(a, tape, i)
                    i = Int(tape[i].next)
                }
            }
        default:
            graph.fields[Int(f)].kinds |= FieldNode.scalar
            graph.fields[Int(f)].nonNull += 1
            graph.fields[Int(f)].acc.observe(entry, base: base!)
        }
    }

    // MARK: custom fields

    private func isPivotField(_ f: Int32) -> Bool {
        guard let pivotName else { return false }
        return pivotName.withUnsafeBufferPointer { graph.matches(f, $0.baseAddress!, $0.count) }
    }

    private mutating func observePivot(_ f: Int32, _ tape: JSONTape, _ v: Int) {
        var p = graph.fields[Int(f)].pivot
        if p < 0 {
            p = Int32(graph.pivots.count)
            graph.pivots.append(PivotNode(field: f))
            graph.fields[Int(f)].pivot = p
            for definition in options.customFields?.definitions ?? [] {
                _ = addPivotColumn(p, id: Int64(definition.id), label: definition.label, seed: definition.columnType)
            }
        }
        var i = v + 1
        let end = Int(tape[v].next)
        while i < end {
            if let (id, content) = CustomFieldElement.read(tape, i, base: base!) {
                let column = graph.pivots[Int(p)].columns[id] ?? addPivotColumn(p, id: id, label: nil, seed: nil)
                if let content, tape[content].kind != .null {
                    graph.pivotColumns[Int(column)].acc.observe(tape[content], base: base!)
                    graph.pivotColumns[Int(column)].nonNull += 1
                }
            }
            i = Int(tape[i].next)
        }
    }

    private mutating func addPivotColumn(_ p: Int32, id: Int64, label: String?, seed: ColumnType?) -> Int32 {
        if let existing = graph.pivots[Int(p)].columns[id] { return existing }
        let column = Int32(graph.pivotColumns.count)
        graph.pivotColumns.append(PivotColumn(id: id, label: label, acc: TypeAccumulator(seed: seed), columnKey: graph.newColumnKey()))
        graph.pivots[Int(p)].columns[id] = column
        graph.pivots[Int(p)].order.append(column)
        return column
    }
}

/// Reads `{"id": …, "content": …}` custom field elements.
enum CustomFieldElement {
    /// The id (integer, or a string of digits) and the tape index of `content`, if present.
    static func read(_ tape: JSONTape, _ e: Int, base: UnsafePointer<UInt8>) -> (Int64, Int?)? {
        guard tape[e].kind == .object else { return nil }
        var id: Int64?
        var content: Int?
        var i = e + 1
        let end = Int(tape[e].next)
        while i < end {
            let key = tape[i]
            let value = tape[i + 1]
            let n = Int(key.end - key.start)
            let p = base + Int(key.start)
            if n == 2 && p[0] == UInt8(ascii: "i") && p[1] == UInt8(ascii: "d") {
                if value.kind == .integer || value.kind == .string {
                    id = JSONNumbers.parseInt64(base + Int(value.start), count: Int(value.end - value.start))
                }
            } else if n == 7 && memcmp(p, "content", 7) == 0 {
                content = i + 1
            }
            i = Int(value.next)
        }
        guard let id else { return nil }
        return (id, content)
    }
}
