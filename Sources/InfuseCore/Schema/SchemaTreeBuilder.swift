/// Turns a `ShapeGraph` into the public `SchemaTree`: names, types, links, nullability.
struct SchemaTreeBuilder {
    let graph: ShapeGraph
    let options: SchemaInferenceOptions
    let pageCount: Int
    let resolution: GraphResolution

    init(graph: ShapeGraph, options: SchemaInferenceOptions, pageCount: Int) {
        self.graph = graph
        self.options = options
        self.pageCount = pageCount
        resolution = GraphResolution(graph)
    }

    func build() -> SchemaTree {
        var children: [Int32: [Int32]] = [:]
        var tops: [Int32] = []
        for (i, node) in graph.arrays.enumerated() where resolution.liveArrays[i] {
            if node.parent < 0 { tops.append(Int32(i)) } else { children[node.parent, default: []].append(Int32(i)) }
        }
        func node(_ a: Int32) -> SchemaNode {
            let array = graph.arrays[Int(a)]
            let columns = self.columns(a)
            let keyColumn: SchemaColumn?
            if resolution.usesKey[Int(a)] {
                keyColumn = columns.first { $0.source.role == .key }
            } else if resolution.idField[Int(a)] >= 0 {
                let key = graph.fields[Int(resolution.idField[Int(a)])].columnKey
                keyColumn = columns.first { $0.source == ColumnSource(storage: .data(key)) }
            } else {
                keyColumn = nil
            }
            return SchemaNode(
                path: array.path,
                tableName: SchemaTreeBuilder.tableName(array.path),
                rowCount: array.rowCount,
                columns: columns,
                children: (children[a] ?? []).map(node),
                parentPath: array.parent >= 0 ? graph.arrays[Int(array.parent)].path : nil,
                keyColumn: keyColumn,
                previewRows: [])
        }
        return SchemaTree(roots: tops.map(node), pageCount: pageCount, graph: graph, options: options)
    }

    /// `contacts.email_addresses` → `contacts__email_addresses`, each part SQL-safe.
    static func tableName(_ path: String) -> String {
        path.split(separator: ".", omittingEmptySubsequences: false)
            .map { SQLNaming.snakeCase(String($0)).isEmpty ? "table" : SQLNaming.snakeCase(String($0)) }
            .joined(separator: "__")
    }

    func columns(_ a: Int32) -> [SchemaColumn] {
        let array = graph.arrays[Int(a)]
        var names = UniqueNames()
        var columns: [SchemaColumn] = []
        let rows = array.rowCount
        if resolution.usesKey[Int(a)] {
            columns.append(SchemaColumn(name: names.claim("_key"), type: .integer, nullable: false, nonNullCount: rows,
                                        jsonPath: nil, source: ColumnSource(storage: .key)))
        }
        if GraphResolution.linksToParent(graph, a) {
            let parent = graph.arrays[Int(array.parent)]
            let idField = resolution.idField[Int(array.parent)]
            if idField >= 0, case .column(let idType) = resolution.fields[Int(idField)] {
                let last = parent.path.split(separator: ".").last.map(String.init) ?? parent.path
                let name = SQLNaming.safeName(SQLNaming.singular(SQLNaming.snakeCase(last)) + "_id")
                columns.append(SchemaColumn(name: names.claim(name), type: idType, nullable: false, nonNullCount: rows,
                                            jsonPath: parent.elementJSONPath + ".id", source: ColumnSource(storage: .parentID)))
            } else {
                columns.append(SchemaColumn(name: names.claim("_parent_key"), type: .integer, nullable: false, nonNullCount: rows,
                                            jsonPath: nil, source: ColumnSource(storage: .parentKey)))
            }
            columns.append(SchemaColumn(name: names.claim("_position"), type: .integer, nullable: false, nonNullCount: rows,
                                        jsonPath: nil, source: ColumnSource(storage: .position)))
        }
        if array.elementShape >= 0 {
            appendShapeColumns(array.elementShape, prefix: [], jsonPrefix: array.elementJSONPath, rows: rows, names: &names, into: &columns)
        }
        if array.sawNonObjectElement || array.elementShape < 0 {
            columns.append(SchemaColumn(name: names.claim("value"), type: array.valueAcc.type,
                                        nullable: array.valueNonNull < rows || array.valueNonNull == 0, nonNullCount: array.valueNonNull,
                                        jsonPath: array.elementJSONPath, source: ColumnSource(storage: .data(array.valueColumnKey))))
        }
        return columns
    }

    private func appendShapeColumns(_ shape: Int32, prefix: [String], jsonPrefix: String, rows: Int,
                                    names: inout UniqueNames, into columns: inout [SchemaColumn]) {
        for f in graph.shapes[Int(shape)].fields {
            let key = graph.fieldNames[Int(f)]
            let node = graph.fields[Int(f)]
            let segments = prefix + [SQLNaming.snakeCase(key)]
            let jsonPath = jsonPrefix + JSONPathText.component(key)
            switch resolution.fields[Int(f)] {
            case .column(let type):
                columns.append(SchemaColumn(name: names.claim(columnName(segments)), type: type,
                                            nullable: node.nonNull < rows || node.nonNull == 0, nonNullCount: min(node.nonNull, rows),
                                            jsonPath: jsonPath, source: ColumnSource(storage: .data(node.columnKey))))
            case .object(let nested):
                appendShapeColumns(nested, prefix: segments, jsonPrefix: jsonPath, rows: rows, names: &names, into: &columns)
            case .array:
                break
            case .pivot(let p):
                for c in graph.pivots[Int(p)].order {
                    let column = graph.pivotColumns[Int(c)]
                    let label = column.label.map(SQLNaming.snakeCase) ?? ""
                    let base = label.isEmpty ? "custom_field_\(column.id)" : "custom_" + label
                    columns.append(SchemaColumn(
                        name: names.claim(SQLNaming.safeName(base)), type: column.acc.type,
                        nullable: column.nonNull < rows || column.nonNull == 0, nonNullCount: min(column.nonNull, rows),
                        jsonPath: jsonPath + "[?(@.id==\(column.id))].content",
                        source: ColumnSource(storage: .data(column.columnKey))))
                }
            }
        }
    }

    private func columnName(_ segments: [String]) -> String {
        SQLNaming.safeName(segments.filter { !$0.isEmpty }.joined(separator: "_"))
    }
}
