import Foundation
import InfuseApp
import InfuseCore

extension AppReducer {
    /// History's commands: select a run, reload, browse, back.
    static func history(_ state: inout AppState, _ h: inout HistoryState, _ command: AppCommand, key: Key) -> [AppEffect] {
        switch command {
        case .back:
            state.pop()
        case .navigate:
            _ = h.list.handle(key, visibleRows: 10)
        case .reload:
            return [.loadHistory(h.source)]
        case .browseSource:
            // From Browse, History goes back to it; from home it opens Browse.
            if state.screens.count >= 2, case .browse(let b) = state.screens[state.screens.count - 2], b.source == h.source {
                state.pop()
                return []
            }
            state.push(.browse(BrowseState(source: h.source)))
            state.busy = "Opening \(h.source)…"
            return [.openBrowse(h.source)]
        default:
            break
        }
        return []
    }

    /// The runs arrived.
    static func historyResult(_ state: inout AppState, source: String, runs: [RunSummary]) {
        for i in state.screens.indices {
            if case .history(var h) = state.screens[i], h.source == source {
                h.show(runs)
                state.screens[i] = .history(h)
            }
        }
    }
}
