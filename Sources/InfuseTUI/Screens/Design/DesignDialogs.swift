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

extension AppReducer {
    /// The design view's answers.
    static func answerDesign(_ state: inout AppState, _ dialog: DesignDialog, _ outcome: DialogOutcome) -> [AppEffect] {
        switch (dialog, outcome) {
        case (.saveName, .submitted(let name)):
            guard case .design(let d) = state.top else { return [] }
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            state.busy = "Saving \(trimmed)…"
            return [.saveSource(d.finished(name: trimmed, now: state.now), replacing: d.replacing)]
        case (.renameColumn(let table, let column), .submitted(let name)):
            guard case .design(var d) = state.top else { return [] }
            d.rename(column: column, of: table, to: name)
            state.top = .design(d)
            return []
        case (.editJoin(let index), .submitted(let text)):
            guard case .design(var d) = state.top, d.design.joins.indices.contains(index) else { return [] }
            let parts = text.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            var join = d.design.joins[index]
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
                  d.preview.schema(join.parentTable)?.columns.contains(where: { $0.name == parts[0] }) == true,
                  d.preview.schema(join.childTable)?.columns.contains(where: { $0.name == parts[1] }) == true
            else {
                state.status = StatusMessage(.error, "Join must be parent_column = child_column, with columns of \(join.parentTable) and \(join.childTable)")
                return []
            }
            join.parentColumn = parts[0]
            join.childColumn = parts[1]
            d.design.joins[index] = join
            state.top = .design(d)
            return []
        default:
            return []
        }
    }
}
