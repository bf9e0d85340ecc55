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

extension BrowseState {
    /// Browse's answers: the filter text, the row to go to, the export path.
    public mutating func answer(_ dialog: BrowseDialog, _ outcome: DialogOutcome, in context: ScreenContext) -> [AppIntent] {
        guard case .submitted(let text) = outcome else { return [] }
        switch dialog {
        case .filter(let column):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            query.filter = trimmed.isEmpty ? nil : BrowseFilter(column: column, text: trimmed)
            return reopen(busy: trimmed.isEmpty ? "Clearing the filter…" : "Filtering \(column)…")
        case .goToRow:
            let digits = text.filter { $0 != "," && $0 != " " }
            guard let row = Int(digits), row >= 1, row <= rowCount else {
                return [.status(StatusMessage(.error, "No row \(text.trimmingCharacters(in: .whitespaces)): rows are 1 to \(NumberText.grouped(rowCount))"))]
            }
            grid.select(row: row - 1, rowCount: rowCount, visibleRows: Self.visibleRows(height: context.screenSize.height))
            return []
        case .export:
            let path = text.trimmingCharacters(in: .whitespaces)
            guard let table, !path.isEmpty else { return [] }
            return [.busy("Exporting \(table.label)…"), .run(.exportBrowse(source: source, table: table, query: data?.source.query ?? query, path: path))]
        }
    }
}
