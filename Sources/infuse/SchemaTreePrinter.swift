import Foundation
import InfuseApp
import InfuseCore

/// Renders an inferred schema tree for `infuse preview`: text (tree, then sample rows) or JSON.
enum SchemaTreePrinter {
    /// The tree with row counts and typed columns, then the first rows of each schema.
    static func text(_ tree: SchemaTree, sampleRows: Int = 5) -> String {
        var lines: [String] = []
        func walk(_ node: SchemaNode, depth: Int) {
            let indent = String(repeating: "  ", count: depth)
            let name = depth == 0 ? node.path : "› " + (node.path.split(separator: ".").last.map(String.init) ?? node.path)
            lines.append("\(indent)\(name)  \(RefreshLogLine.grouped(node.rowCount)) row\(node.rowCount == 1 ? "" : "s")  [\(node.path)]")
            for column in node.columns {
                lines.append("\(indent)    \(column.name)  \(column.type.rawValue)\(column.nullable ? ", nullable" : "")")
            }
            for child in node.children { walk(child, depth: depth + 1) }
        }
        tree.roots.forEach { walk($0, depth: 0) }
        for schema in tree.allSchemas where !schema.previewRows.isEmpty {
            let rows = schema.previewRows.prefix(sampleRows).map { row in row.map { clip($0.description) } }
            lines.append("")
            lines.append("\(schema.path): first \(rows.count) of \(RefreshLogLine.grouped(schema.rowCount)) rows")
            lines.append(TextTable.render(header: schema.columns.map(\.name), rows: Array(rows)))
        }
        return lines.joined(separator: "\n")
    }

    /// `{"schemas":[{"path","table","rows","columns":[{"name","type","nullable","json_path"}]}]}`.
    static func json(_ tree: SchemaTree) throws -> String {
        try JSONOutput.text(SchemaReport(tree))
    }

    private static func clip(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count > 28 ? String(line.prefix(27)) + "…" : line
    }
}
