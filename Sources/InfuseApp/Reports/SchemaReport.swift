import Foundation
import InfuseCore

/// The schema tree as `infuse preview --json` prints it:
/// `{"schemas":[{"path","table","rows","columns":[{"name","type","nullable","json_path"}]}]}`.
public struct SchemaReport: Encodable, Sendable {
    /// One schema.
    public struct Schema: Encodable, Sendable {
        /// Dotted path.
        public let path: String
        /// The table it loads into.
        public let table: String
        /// Rows seen.
        public let rows: Int
        /// Its columns.
        public let columns: [Column]
    }

    /// One column.
    public struct Column: Encodable, Sendable {
        /// Name.
        public let name: String
        /// Inferred type.
        public let type: String
        /// Whether a null or missing value was seen.
        public let nullable: Bool
        /// Where in the record it comes from.
        public let jsonPath: String?

        private enum Key: String, CodingKey { case name, type, nullable, jsonPath = "json_path" }

        /// Encodes the column (`json_path` null when absent).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(name, forKey: .name)
            try c.encode(type, forKey: .type)
            try c.encode(nullable, forKey: .nullable)
            try c.encode(jsonPath, forKey: .jsonPath)
        }
    }

    /// Every schema, parents first.
    public let schemas: [Schema]

    /// The report of `tree`.
    public init(_ tree: SchemaTree) {
        schemas = tree.allSchemas.map { schema in
            Schema(path: schema.path, table: schema.tableName, rows: schema.rowCount, columns: schema.columns.map {
                Column(name: $0.name, type: $0.type.rawValue, nullable: $0.nullable, jsonPath: $0.jsonPath)
            })
        }
    }
}
