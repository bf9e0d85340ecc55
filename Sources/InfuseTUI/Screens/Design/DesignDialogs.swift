import InfuseApp
import InfuseCore

/// The questions the design view asks.
public enum DesignDialog: Hashable, Sendable {
    /// The name to save the data source under.
    case saveName
    /// A column's new name.
    case renameColumn(table: String, column: String)
    /// A join's columns, as `parent_column = child_column`.
    case editJoin(Int)
}

extension DesignState {
    /// The design view's answers; a saved data source is stamped with the context's time.
    public mutating func answer(_ dialog: DesignDialog, _ outcome: DialogOutcome, in context: ScreenContext) -> [AppIntent] {
        switch (dialog, outcome) {
        case (.saveName, .submitted(let name)):
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            return [.busy("Saving \(trimmed)…"), .run(.saveSource(finished(name: trimmed, now: context.now), replacing: replacing))]
        case (.renameColumn(let table, let column), .submitted(let name)):
            rename(column: column, of: table, to: name)
            return []
        case (.editJoin(let index), .submitted(let text)):
            guard design.joins.indices.contains(index) else { return [] }
            let parts = text.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            var join = design.joins[index]
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
                  preview.schema(join.parentTable)?.columns.contains(where: { $0.name == parts[0] }) == true,
                  preview.schema(join.childTable)?.columns.contains(where: { $0.name == parts[1] }) == true
            else {
                return [.status(StatusMessage(.error, "Join must be parent_column = child_column, with columns of \(join.parentTable) and \(join.childTable)"))]
            }
            join.parentColumn = parts[0]
            join.childColumn = parts[1]
            design.joins[index] = join
            return []
        default:
            return []
        }
    }
}
