import Foundation
import InfuseApp
import InfuseCore

extension AppReducer {
    static func schemas(_ state: inout AppState, _ s: inout SchemaChooserState, _ command: AppCommand, key: Key) -> [AppEffect] {
        switch command {
        case .navigate:
            if s.gridFocused, let schema = s.focusedSchema {
                _ = s.grid.handle(key, rowCount: schema.previewRows.count, columnCount: schema.columns.count, visibleRows: 10)
            } else {
                let before = s.tree.selectedRow?.node.id
                _ = s.tree.handle(key, visibleRows: 12)
                if s.tree.selectedRow?.node.id != before { s.grid = GridState() }
            }
        case .toggle:
            _ = s.tree.handle(.char(" "))
        case .switchPane:
            s.gridFocused.toggle()
        case .connect:
            let paths = s.checkedPaths
            guard !paths.isEmpty else {
                state.status = StatusMessage(.warning, "Tick at least one schema with Space, then Connect")
                return []
            }
            state.status = nil
            state.push(.design(DesignState(draft: s.draft, replacing: s.replacing, preview: s.preview, tables: paths)))
        case .back:
            state.pop()
        default:
            break
        }
        return []
    }
}
