import InfuseApp
import InfuseCore

/// The questions Browse asks.
public enum BrowseDialog: Hashable, Sendable {
    /// The filter on a column (empty clears it).
    case filter(column: String)
    /// The row to go to.
    case goToRow
    /// The file to export what is shown to.
    case export
}

extension AppReducer {
    /// Browse's answers: the filter text, the row to go to, the export path.
    static func answerBrowse(_ state: inout AppState, _ dialog: BrowseDialog, _ outcome: DialogOutcome) -> [AppEffect] {
        guard case .submitted(let text) = outcome, case .browse(var b) = state.top else { return [] }
        defer { state.top = .browse(b) }
        switch dialog {
        case .filter(let column):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            b.query.filter = trimmed.isEmpty ? nil : BrowseFilter(column: column, text: trimmed)
            return reopen(&state, &b, busy: trimmed.isEmpty ? "Clearing the filter…" : "Filtering \(column)…")
        case .goToRow:
            let digits = text.filter { $0 != "," && $0 != " " }
            guard let row = Int(digits), row >= 1, row <= b.rowCount else {
                state.status = StatusMessage(.error, "No row \(text.trimmingCharacters(in: .whitespaces)): rows are 1 to \(NumberText.grouped(b.rowCount))")
                return []
            }
            b.grid.select(row: row - 1, rowCount: b.rowCount, visibleRows: BrowseState.visibleRows(height: state.screenSize.height))
            return []
        case .export:
            let path = text.trimmingCharacters(in: .whitespaces)
            guard let table = b.table, !path.isEmpty else { return [] }
            state.busy = "Exporting \(table.label)…"
            return [.exportBrowse(source: b.source, table: table, query: b.data?.source.query ?? b.query, path: path)]
        }
    }
}
