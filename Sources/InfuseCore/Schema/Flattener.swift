/// Flattens pages into rows of the chosen schemas in one pass per page, with parent links and
/// positions, handing each row to a `RowSink`. Memory holds one record's parse and one row
/// buffer per table; it does not grow with the number of rows.
///
/// Feed pages in order: generated `_key`s count rows across all pages of one flattener. Keys
/// not in the tree (schema drift) are skipped; values of a kind the tree did not expect are
/// converted where they can be and otherwise kept as text. Duplicate keys: the last wins.
public final class Flattener {
    private var state: FlattenState
    private let reader: JSONPageReader

    /// Prepares to emit `tables` (each a schema of `tree` with its final columns). Throws
    /// `SchemaError` for an unknown schema path or column source, or a schema listed twice.
    public init(tree: SchemaTree, tables: [FlattenTable]) throws {
        state = try FlattenState(tree: tree, tables: tables)
        reader = JSONPageReader(maxDepth: tree.options.maxDepth)
    }

    /// Flattens one page into `sink`.
    public func flatten<Sink: RowSink>(page bytes: [UInt8], into sink: inout Sink) throws {
        try bytes.withUnsafeBytes { try flatten(page: $0, into: &sink) }
    }

    /// Flattens one page held in memory into `sink`.
    public func flatten<Sink: RowSink>(page buffer: UnsafeRawBufferPointer, into sink: inout Sink) throws {
        var visitor = FlattenVisitor(state: state, sink: sink)
        defer {
            state = visitor.state
            sink = visitor.sink
        }
        try reader.read(buffer, visitor: &visitor)
    }
}

/// A cell while its row is being filled: text is an offset into the page or the arena.
struct FlattenSlot {
    static let null = FlattenSlot(tag: 0, bits: 0, start: 0, count: 0)
    var tag: UInt8
    var bits: Int64
    var start: Int
    var count: Int

    @inline(__always) static func integer(_ v: Int64) -> FlattenSlot { FlattenSlot(tag: 1, bits: v, start: 0, count: 0) }
    @inline(__always) static func double(_ v: Double) -> FlattenSlot { FlattenSlot(tag: 2, bits: Int64(bitPattern: v.bitPattern), start: 0, count: 0) }
    @inline(__always) static func pageText(_ start: Int, _ count: Int) -> FlattenSlot { FlattenSlot(tag: 3, bits: 0, start: start, count: count) }
    @inline(__always) static func arenaText(_ start: Int, _ count: Int) -> FlattenSlot { FlattenSlot(tag: 4, bits: 0, start: start, count: count) }
}

/// The flattening plan and the state that lives across pages (row counters).
struct FlattenState {
    var graph: ShapeGraph
    let resolution: GraphResolution
    let options: SchemaInferenceOptions
    /// Per schema: output table index or -1.
    var tableOfArray: [Int]
    /// Per column key: slot in its schema's table or -1.
    var slotOfColumnKey: [Int32]
    /// Per table: column types, and the slots of generated columns (-1 when absent).
    var types: [[ColumnType]]
    var keySlot: [Int]
    var linkSlot: [Int]
    var positionSlot: [Int]
    /// Per schema: the type of the parent link (the parent's id type) for children.
    var keyCounter: [Int64]
    var stamps: [Int]

    init(tree: SchemaTree, tables: [FlattenTable]) throws {
        graph = tree.graph
        options = tree.options
        resolution = GraphResolution(graph)
        tableOfArray = Array(repeating: -1, count: graph.arrays.count)
        slotOfColumnKey = Array(repeating: -1, count: Int(graph.nextColumnKey))
        types = []
        keySlot = []
        linkSlot = []
        positionSlot = []
        keyCounter = Array(repeating: 0, count: graph.arrays.count)
        stamps = Array(repeating: 0, count: graph.fields.count)
        let schemas = Dictionary(tree.allSchemas.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for (t, table) in tables.enumerated() {
            guard let schema = schemas[table.schemaPath],
                  let a = graph.arrays.firstIndex(where: { $0.path == table.schemaPath }), resolution.liveArrays[a] else {
                throw SchemaError("unknown schema \"\(table.schemaPath)\"; it is not in the inferred schema tree")
            }
            guard tableOfArray[a] < 0 else { throw SchemaError("schema \"\(table.schemaPath)\" is listed twice") }
            tableOfArray[a] = t
            let available = Set(schema.columns.map(\.source))
            var key = -1, link = -1, position = -1
            for (slot, column) in table.columns.enumerated() {
                guard available.contains(column.source) else {
                    throw SchemaError("column \(slot + 1) of table \"\(table.schemaPath)\" does not come from that schema")
                }
                switch column.source.storage {
                case .key: key = slot
                case .parentID, .parentKey: link = slot
                case .position: position = slot
                case .data(let columnKey): slotOfColumnKey[Int(columnKey)] = Int32(slot)
                }
            }
            types.append(table.columns.map(\.type))
            keySlot.append(key)
            linkSlot.append(link)
            positionSlot.append(position)
        }
    }
}

/// Walks one page's records and emits rows.
struct FlattenVisitor<Sink: RowSink>: JSONPageVisitor {
    var state: FlattenState
    var sink: Sink
    private var base: UnsafePointer<UInt8>?
    private var rows: [[FlattenSlot]]
    private var flat: [FlatValue]
    private var arena: [UInt8] = []
    private var members: [(field: Int32, value: Int)] = []
    private var deferred: [(array: Int32, value: Int)] = []
    private var stamp = 0
    private var currentList: Int32 = -1
    private var keyScratch: [UInt8] = []

    init(state: FlattenState, sink: Sink) {
        self.state = state
        self.sink = sink
        rows = state.types.map { Array(repeating: FlattenSlot.null, count: $0.count) }
        flat = Array(repeating: .null, count: state.types.map(\.count).max() ?? 0)
        stamp = state.stamps.max() ?? 0
    }

    // MARK: page events

    mutating func beginPage(isArray: Bool, base: UnsafePointer<UInt8>) throws {
        if let objects = state.graph.pagesAreObjects, objects == isArray {
            throw SchemaError("this page is \(isArray ? "an array" : "an object") but the schemas were inferred from \(objects ? "objects" : "arrays")")
        }
        self.base = base
        arena.removeAll(keepingCapacity: true)
        if !isArray, state.graph.pagesAreObjects == true {
            state.keyCounter[0] += 1
            let t = state.tableOfArray[0]
            if t >= 0 { clearRow(t) }
        }
    }

    mutating func rootMember(key: String, tape: JSONTape) throws {
        guard state.graph.pagesAreObjects == true, state.graph.arrays[0].elementShape >= 0 else { return }
        let shape = state.graph.arrays[0].elementShape
        let bytes = Array(key.utf8) + [0]
        let f = bytes.withUnsafeBufferPointer { state.graph.findField(shape, $0.baseAddress!, $0.count - 1, hint: -1) }
        guard f >= 0 else { return }
        let deferredStart = deferred.count
        var ignored = FlattenSlot.null
        try applyMember(f, tape, 0, table: state.tableOfArray[0], idField: -1, link: &ignored)
        try flushDeferred(from: deferredStart, tape, link: .null)
    }

    mutating func beginList(key: String?) throws {
        guard let key else {
            currentList = state.graph.pagesAreObjects == false && state.resolution.liveArrays[0] ? 0 : -1
            return
        }
        currentList = -1
        guard state.graph.pagesAreObjects == true, let shape = state.graph.arrays.first?.elementShape, shape >= 0 else { return }
        let bytes = Array(key.utf8) + [0]
        let f = bytes.withUnsafeBufferPointer { state.graph.findField(shape, $0.baseAddress!, $0.count - 1, hint: -1) }
        if f >= 0, case .array(let a) = state.resolution.fields[Int(f)] { currentList = a }
    }

    mutating func listElement(index: Int, tape: JSONTape) throws {
        guard currentList >= 0 else { return }
        arena.removeAll(keepingCapacity: true)
        try flattenElement(currentList, tape, 0, link: .null, position: index)
    }

    mutating func endList() throws { currentList = -1 }

    mutating func endPage() throws {
        if state.graph.pagesAreObjects == true, state.tableOfArray[0] >= 0 {
            try emit(state.tableOfArray[0])
        }
        base = nil
    }

    // MARK: records

    private mutating func clearRow(_ t: Int) {
        rows[t].withUnsafeMutableBufferPointer { row in
            for i in row.indices { row[i] = .null }
        }
    }

    private mutating func flattenElement(_ a: Int32, _ tape: JSONTape, _ e: Int, link: FlattenSlot, position: Int) throws {
        state.keyCounter[Int(a)] += 1
        let key = state.keyCounter[Int(a)]
        let t = state.tableOfArray[Int(a)]
        if t >= 0 {
            clearRow(t)
            if state.keySlot[t] >= 0 { rows[t][state.keySlot[t]] = .integer(key) }
            if state.linkSlot[t] >= 0 { rows[t][state.linkSlot[t]] = link }
            if state.positionSlot[t] >= 0 { rows[t][state.positionSlot[t]] = .integer(Int64(position)) }
        }
        let entry = tape[e]
        let node = state.graph.arrays[Int(a)]
        var childLink: FlattenSlot = state.resolution.usesKey[Int(a)] ? .integer(key) : .null
        let deferredStart = deferred.count
        if entry.kind == .object {
            if node.elementShape >= 0 {
                try fillObject(node.elementShape, tape, e, table: t, idField: state.resolution.idField[Int(a)], link: &childLink)
            }
        } else if t >= 0, entry.kind != .null {
            let slot = state.slotOfColumnKey[Int(node.valueColumnKey)]
            if slot >= 0 { rows[t][Int(slot)] = convert(entry, state.types[t][Int(slot)]) }
        }
        if t >= 0 { try emit(t) }
        try flushDeferred(from: deferredStart, tape, link: childLink)
    }

    /// Emits the child rows of arrays deferred since `start` (after their parent row).
    private mutating func flushDeferred(from start: Int, _ tape: JSONTape, link: FlattenSlot) throws {
        var d = start
        while d < deferred.count {
            let (child, value) = deferred[d]
            var i = value + 1
            let end = Int(tape[value].next)
            var position = 0
            while i < end {
                try flattenElement(child, tape, i, link: link, position: position)
                position += 1
                i = Int(tape[i].next)
            }
            d += 1
        }
        deferred.removeLast(deferred.count - start)
    }

    private mutating func fillObject(_ shape: Int32, _ tape: JSONTape, _ o: Int, table t: Int, idField: Int32, link: inout FlattenSlot) throws {
        stamp += 1
        let current = stamp
        let first = members.count
        var duplicate = false
        var previous: Int32 = -1
        var i = o + 1
        let end = Int(tape[o].next)
        while i < end {
            let key = tape[i]
            let f = resolve(shape, key, after: previous)
            if f >= 0 {
                if state.stamps[Int(f)] == current { duplicate = true } else { state.stamps[Int(f)] = current }
                previous = f
            }
            members.append((f, i + 1))
            i = Int(tape[i + 1].next)
        }
        if duplicate {
            stamp += 1
            var m = members.count - 1
            while m >= first {
                let f = members[m].field
                if f >= 0 {
                    if state.stamps[Int(f)] == stamp { members[m].field = -1 } else { state.stamps[Int(f)] = stamp }
                }
                m -= 1
            }
        }
        let last = members.count
        for m in first..<last {
            let member = members[m]
            if member.field >= 0 { try applyMember(member.field, tape, member.value, table: t, idField: idField, link: &link) }
        }
        members.removeLast(members.count - first)
    }

    private mutating func applyMember(_ f: Int32, _ tape: JSONTape, _ v: Int, table t: Int, idField: Int32, link: inout FlattenSlot) throws {
        let entry = tape[v]
        switch state.resolution.fields[Int(f)] {
        case .column(let type):
            if f == idField { link = convert(entry, type) }
            guard t >= 0 else { return }
            let slot = state.slotOfColumnKey[Int(state.graph.fields[Int(f)].columnKey)]
            if slot >= 0 { rows[t][Int(slot)] = convert(entry, state.types[t][Int(slot)]) }
        case .object(let nested):
            if entry.kind == .object {
                var ignored = FlattenSlot.null
                try fillObject(nested, tape, v, table: t, idField: -1, link: &ignored)
            }
        case .array(let child):
            if entry.kind == .array && state.resolution.liveArrays[Int(child)] { deferred.append((child, v)) }
        case .pivot(let p):
            guard entry.kind == .array, t >= 0 else { return }
            var i = v + 1
            let end = Int(entry.next)
            while i < end {
                if let (id, content) = CustomFieldElement.read(tape, i, base: base!), let content,
                   let column = state.graph.pivots[Int(p)].columns[id] {
                    let slot = state.slotOfColumnKey[Int(state.graph.pivotColumns[Int(column)].columnKey)]
                    if slot >= 0 { rows[t][Int(slot)] = convert(tape[content], state.types[t][Int(slot)]) }
                }
                i = Int(tape[i].next)
            }
        }
    }

    /// The field of `shape` for `key` (no insertion; -1 for keys the tree does not know).
    private mutating func resolve(_ shape: Int32, _ key: JSONTapeEntry, after previous: Int32) -> Int32 {
        let hint = previous < 0 ? state.graph.firstHint(shape) : state.graph.nextHint(previous)
        let f: Int32
        if key.hasEscapes {
            keyScratch.removeAll(keepingCapacity: true)
            JSONStringDecoder.decode(base! + Int(key.start), count: Int(key.end - key.start), into: &keyScratch)
            keyScratch.append(0)
            f = keyScratch.withUnsafeBufferPointer { state.graph.findField(shape, $0.baseAddress!, $0.count - 1, hint: hint) }
        } else {
            f = state.graph.findField(shape, base! + Int(key.start), Int(key.end - key.start), hint: hint)
        }
        if f >= 0 && f != hint { state.graph.setHint(shape: shape, previous: previous, next: f) }
        return f
    }

    /// Converts a value to a cell of `type`; values that do not fit are kept as text.
    @inline(__always)
    private mutating func convert(_ entry: JSONTapeEntry, _ type: ColumnType) -> FlattenSlot {
        let start = Int(entry.start)
        let count = Int(entry.end - entry.start)
        switch entry.kind {
        case .null:
            return .null
        case .trueValue, .falseValue:
            switch type {
            case .integer, .decimal, .boolean: return .integer(entry.kind == .trueValue ? 1 : 0)
            default: return .pageText(start, count)
            }
        case .integer:
            switch type {
            case .integer, .boolean: return .integer(JSONNumbers.parseInt64(base! + start, count: count) ?? 0)
            case .decimal: return .double(JSONNumbers.parseDouble(base! + start, count: count))
            default: return .pageText(start, count)
            }
        case .decimal:
            switch type {
            case .integer, .decimal, .boolean: return .double(JSONNumbers.parseDouble(base! + start, count: count))
            default: return .pageText(start, count)
            }
        case .bigNumber:
            return .pageText(start, count)
        case .string:
            if type == .json { return .pageText(start - 1, count + 2) }
            if !entry.hasEscapes { return .pageText(start, count) }
            let arenaStart = arena.count
            JSONStringDecoder.decode(base! + start, count: count, into: &arena)
            return .arenaText(arenaStart, arena.count - arenaStart)
        case .object, .array:
            return .pageText(start, count)
        }
    }

    private mutating func emit(_ t: Int) throws {
        let width = rows[t].count
        let page = UnsafeRawPointer(base!)
        try arena.withUnsafeBytes { arenaBytes in
            let arenaBase = arenaBytes.baseAddress
            try rows[t].withUnsafeBufferPointer { row in
                try flat.withUnsafeMutableBufferPointer { out in
                    for i in 0..<width {
                        let slot = row[i]
                        switch slot.tag {
                        case 1: out[i] = .integer(slot.bits)
                        case 2: out[i] = .double(Double(bitPattern: UInt64(bitPattern: slot.bits)))
                        case 3: out[i] = .text(UnsafeRawBufferPointer(start: page + slot.start, count: slot.count))
                        case 4: out[i] = .text(UnsafeRawBufferPointer(start: arenaBase.map { $0 + slot.start }, count: slot.count))
                        default: out[i] = .null
                        }
                    }
                    try sink.appendRow(table: t, values: UnsafeBufferPointer(rebasing: out[0..<width]))
                }
            }
        }
    }
}
