import Foundation
import InfuseApp
import InfuseCore

extension SchemaChooserState {
    /// Choose Schema(s)' commands.
    public mutating func update(_ command: SchemasCommand, key: Key, in context: ScreenContext) -> [AppIntent] {
        switch command {
        case .navigate:
            if gridFocused, let schema = focusedSchema {
                _ = grid.handle(key, rowCount: schema.previewRows.count, columnCount: schema.columns.count, visibleRows: 10)
            } else {
                let before = tree.selectedRow?.node.id
                _ = tree.handle(key, visibleRows: 12)
                if tree.selectedRow?.node.id != before { grid = GridState() }
            }
        case .toggle:
            _ = tree.handle(.char(" "))
        case .switchPane:
            gridFocused.toggle()
        case .connect:
            let paths = checkedPaths
            guard !paths.isEmpty else { return [.status(StatusMessage(.warning, "Tick at least one schema with Space, then Connect"))] }
            return [.status(nil), .push(.design(DesignState(draft: draft, replacing: replacing, preview: preview, tables: paths)))]
        case .back:
            return [.pop]
        }
        return []
    }
}
