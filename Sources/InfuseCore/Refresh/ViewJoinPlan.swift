/// How a data source's view joins its tables: the base table, each join in order, and the names of
/// the view's columns (a name already taken is aliased `<schema part>__<column>`).
///
/// One plan serves both the saved view (``ViewDefinition`` turns it into `CREATE VIEW`) and the
/// design view's preview rows (InfuseApp's `PreviewJoiner` evaluates it over the preview), so what
/// the designer shows before Save is built the way the saved view is.
public struct ViewJoinPlan: Sendable, Equatable {
    /// A table that may take part in the view, with its columns as the table will have them.
    public struct Table: Sendable, Equatable {
        /// The schema path (`contacts.email_addresses`).
        public var path: String
        /// The table's columns, in table order.
        public var columns: [Column]

        /// - Parameters:
        ///   - path: the schema path.
        ///   - columns: the table's columns, in order.
        public init(path: String, columns: [Column]) {
            self.path = path
            self.columns = columns
        }

        /// The column a design names by its inferred name (or by its final name).
        public func column(named name: String) -> Column? {
            columns.first { $0.inferredName == name } ?? columns.first { $0.name == name }
        }
    }

    /// One column of a table: the name the design refers to and the name in the table.
    public struct Column: Sendable, Equatable {
        /// The inferred name (what joins and overrides refer to).
        public var inferredName: String
        /// The name in the table (the design's rename, else the inferred name).
        public var name: String

        /// - Parameters:
        ///   - inferredName: the inferred name.
        ///   - name: the name in the table.
        public init(inferredName: String, name: String) {
            self.inferredName = inferredName
            self.name = name
        }
    }

    /// One join of the plan: `tables[child]` joined to `tables[parent]` on the two columns.
    public struct Join: Sendable, Equatable {
        /// Index in ``ViewJoinPlan/tables`` of the parent (always before the child).
        public var parent: Int
        /// Index in ``ViewJoinPlan/tables`` of the child.
        public var child: Int
        /// The parent's column, its name in the table.
        public var parentColumn: String
        /// The child's column, its name in the table.
        public var childColumn: String
        /// Left or inner.
        public var kind: JoinKind
    }

    /// One column of the view: which table and column it shows, under which name.
    public struct OutputColumn: Sendable, Equatable {
        /// Index in ``ViewJoinPlan/tables``.
        public var table: Int
        /// The column's name in that table.
        public var column: String
        /// The column's name in the view.
        public var alias: String
    }

    /// A join that names a column its table does not have.
    public struct MissingColumn: Error, Sendable, Equatable {
        /// The schema path of the table.
        public var table: String
        /// The column the join names.
        public var column: String
    }

    /// The tables of the view in join order: `tables[0]` is the base (`FROM`), each later one is
    /// brought in by `joins[i - 1]`.
    public let tables: [Table]
    /// The joins, in order.
    public let joins: [Join]
    /// The view's columns, in order.
    public let output: [OutputColumn]

    /// Plans the view of `candidates` (the tables in the view, in schema-tree order) with the
    /// design's `joins`. With no usable join the view shows the first candidate that is not
    /// `root`. Nil when there is no candidate.
    /// - Throws: ``MissingColumn`` for a join on a column its table does not have.
    public init?(candidates: [Table], joins designJoins: [JoinDesign]) throws(MissingColumn) {
        guard !candidates.isEmpty else { return nil }
        let byPath = Dictionary(candidates.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let usable = designJoins.filter { byPath[$0.parentTable] != nil && byPath[$0.childTable] != nil }
        var order: [Table] = []
        var joins: [Join] = []
        if let first = usable.first, let base = byPath[first.parentTable] {
            order.append(base)
            for join in usable {
                guard let parent = byPath[join.parentTable], let child = byPath[join.childTable],
                      let parentIndex = order.firstIndex(where: { $0.path == parent.path }),
                      !order.contains(where: { $0.path == child.path })
                else { continue }
                guard let parentColumn = parent.column(named: join.parentColumn) else {
                    throw MissingColumn(table: join.parentTable, column: join.parentColumn)
                }
                guard let childColumn = child.column(named: join.childColumn) else {
                    throw MissingColumn(table: join.childTable, column: join.childColumn)
                }
                joins.append(Join(parent: parentIndex, child: order.count, parentColumn: parentColumn.name,
                                  childColumn: childColumn.name, kind: join.kind))
                order.append(child)
            }
        } else {
            order.append(candidates.first { $0.path != "root" } ?? candidates[0])
        }
        var used: Set<String> = []
        var output: [OutputColumn] = []
        for (index, table) in order.enumerated() {
            for column in table.columns {
                var alias = column.name
                if used.contains(alias.lowercased()) {
                    let prefix = TableNaming.schemaPart(table.path) + TableNaming.separator + column.name
                    alias = prefix
                    var suffix = 2
                    while used.contains(alias.lowercased()) {
                        alias = prefix + "_\(suffix)"
                        suffix += 1
                    }
                }
                used.insert(alias.lowercased())
                output.append(OutputColumn(table: index, column: column.name, alias: alias))
            }
        }
        self.tables = order
        self.joins = joins
        self.output = output
    }
}
