import Foundation
import InfuseCore

/// The design Infuse suggests for chosen schemas, the same for the CLI's `sources create` and
/// the designer's Design view: every table whose parent is also chosen is joined to it on the
/// parent's key and its own link column (a left join).
public enum SuggestedDesign {
    /// The suggested joins of `tables` (schema paths), in the order of `tables`.
    public static func joins(tables: [String], preview: PreviewSummary) -> [JoinDesign] {
        tables.compactMap { path in
            guard let child = preview.schema(path), let parentPath = child.parentPath, tables.contains(parentPath),
                  let parent = preview.schema(parentPath), let key = parent.keyColumn, let link = child.linkColumn
            else { return nil }
            return JoinDesign(parentTable: parentPath, parentColumn: key, childTable: path, childColumn: link)
        }
    }

    /// The schemas imported when none are chosen: every schema the preview found except `root`
    /// (the page-level fields), parents first.
    public static func defaultSchemas(_ preview: PreviewSummary) -> [String] {
        preview.allSchemas.map(\.path).filter { $0 != "root" }
    }
}
