import Foundation
import InfuseApp
import InfuseCore

extension AppReducer {
    /// Applies the result of an effect: the app's own data here, the rest by the screen it is for
    /// (when that screen is on top), through its intents.
    static func handleResult(_ state: inout AppState, _ action: AppAction) -> [AppEffect] {
        switch action {
        case .homeLoaded(let sources, let accounts):
            state.sources = sources
            state.accounts = accounts
            var home = state.home
            home.show(sources)
            state.home = home
            for i in state.screens.indices {
                if case .accounts(var a) = state.screens[i] {
                    switch a.purpose {
                    case .manage: a.show(accounts)
                    case .choose(let c): a.show(accounts.filter { $0.account.apiBase == c.apiBase })
                    }
                    state.screens[i] = .accounts(a)
                }
            }
        case .keapAppNeeded:
            state.busy = nil
            return onTop(&state) { (s: inout SignInState, _) in s.keapAppNeeded() } ?? []
        case .keapAppLoaded(let clientID):
            state.keapAppClientID = clientID
        case .keapAppSaved(let removed):
            state.busy = nil
            return onTop(&state) { (s: inout SignInState, _) in s.keapAppSaved(removed: removed) } ?? [.loadHome]
        case .accountTested(let health):
            state.busy = nil
            state.status = StatusMessage(health.status == .ok ? .success : .warning, health.summary)
            return [.loadHome]
        case .signInStarted(let url, let port):
            state.busy = nil
            return onTop(&state) { (s: inout SignInState, _) in s.started(url: url, port: port) } ?? []
        case .browserOpened(let opened):
            return onTop(&state) { (s: inout SignInState, _) in s.browserOpened(opened) } ?? []
        case .signInRedirect(let approved):
            state.busy = nil
            return onTop(&state) { (s: inout SignInState, ctx) in s.redirected(approved: approved, in: ctx) } ?? []
        case .accountConnected(let name, let reauthorized):
            state.busy = nil
            onTop(&state) { (s: inout SignInState, _) in s.connected(name: name) }
            state.status = StatusMessage(.success, reauthorized ? "Re-authorized \(name)" : "Successfully authorized \(name)")
            return [.loadHome]
        case .accountsChanged(let message):
            state.status = StatusMessage(.success, message)
            return [.loadHome]
        case .previewProgress(let p):
            state.progress = ProgressInfo(label: "Preview", done: p.rowsFetched, total: p.totalRows, page: p.pagesFetched)
        case .previewFinished(let summary):
            state.busy = nil
            state.progress = nil
            return onTop(&state) { (f: inout FormState, ctx) in f.previewFinished(summary, in: ctx) } ?? []
        case .sourceSaved(let name):
            state.busy = nil
            state.popToHome()
            state.progress = ProgressInfo(label: "Refreshing", done: 0, total: nil)
            state.status = StatusMessage(.success, "Saved \(name)")
            return [.loadHome, .refresh(name)]
        case .refreshProgress(let info):
            state.progress = info
        case .refreshFinished(let name, let summary):
            state.progress = nil
            state.status = StatusMessage(.success, summary)
            // Browsing the refreshed source: Browse reopens its grid on the new tables.
            return [.loadHome] + (onTop(&state) { (b: inout BrowseState, _) in b.refreshed(source: name) } ?? [])
        case .sourceDeleted(let name):
            state.status = StatusMessage(.success, "Deleted \(name)")
            return [.loadHome]
        case .browseOpened(let source, let tables, let grid):
            state.busy = nil
            return onTop(&state) { (b: inout BrowseState, _) in b.opened(source: source, tables: tables, grid: grid) } ?? []
        case .gridOpened(let grid):
            state.busy = nil
            return onTop(&state) { (b: inout BrowseState, _) in b.gridOpened(grid) } ?? []
        case .copyRead(let cells, let row, let column, let columnName):
            return apply(BrowseState.copied(cells: cells, row: row, column: column, columnName: columnName), to: &state)
        case .browseExported(let rows, let path):
            return apply(BrowseState.exported(rows: rows, path: path), to: &state)
        case .historyLoaded(let source, let runs):
            // Every History of the source shows the runs (one may sit under Browse).
            for i in state.screens.indices {
                if case .history(var h) = state.screens[i], h.source == source {
                    h.show(runs)
                    state.screens[i] = .history(h)
                }
            }
        case .failed(let report):
            state.progress = nil
            state.busy = nil
            onTop(&state) { (s: inout SignInState, _) in s.failed() }
            onTop(&state) { (b: inout BrowseState, _) in b.failed() }
            state.showError(report)
            return [.loadHome]
        case .key, .tick:
            break
        }
        return []
    }
}
