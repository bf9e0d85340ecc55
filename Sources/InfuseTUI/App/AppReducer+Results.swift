import Foundation
import InfuseApp
import InfuseCore

extension AppReducer {
    /// Applies the result of an effect.
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
            updateSignIn(&state) { $0.phase = .keapApp }
        case .keapAppLoaded(let clientID):
            state.keapAppClientID = clientID
        case .keapAppSaved(let removed):
            state.busy = nil
            guard case .signIn(var s) = state.top else { return [.loadHome] }
            if s.editingAppOnly {
                state.pop()
                state.status = StatusMessage(.success, removed ? "Removed the Keap app: new sign-ins will ask for one"
                                                               : "Saved the Keap app: sign-ins use it from now on")
                return [.loadHome]
            }
            // Forget the typed secret at once; the core has it now.
            s.clientSecret = TextFieldState(secure: true, placeholder: s.clientSecret.placeholder)
            s.phase = .starting
            state.top = .signIn(s)
            state.busy = "Starting the sign-in…"
            return [.loadHome, .startSignIn(apiBase: s.connection.apiBase, sandbox: s.connection.isSandbox,
                                            reauthorizing: s.reauthorizing)]
        case .accountTested(let health):
            state.busy = nil
            state.status = StatusMessage(health.status == .ok ? .success : .warning, health.summary)
            return [.loadHome]
        case .signInStarted(let url, let port):
            state.busy = nil
            updateSignIn(&state) { $0.phase = .waiting(url: url, port: port) }
        case .browserOpened(let opened):
            updateSignIn(&state) {
                $0.browserNote = opened ? "opened in your browser" : "no browser found: copy the address, or set $BROWSER"
            }
        case .signInRedirect(let approved):
            state.busy = nil
            guard case .signIn(var s) = state.top else { return [] }
            if !approved {
                state.pop()
                state.showError(ErrorReport(
                    title: "Permission denied",
                    message: "permission was denied: the account is not accessible. Sign in again and click Allow."))
                return [.cancelSignIn]
            }
            if let name = s.reauthorizing {
                s.phase = .finishing
                state.top = .signIn(s)
                state.busy = "Saving the new tokens…"
                return [.finishSignIn(name: name, apiBase: s.connection.apiBase, reauthorizing: true)]
            }
            s.phase = .naming
            s.name = TextFieldState(text: SignInState.suggestedName(for: s.connection, taken: state.accounts.map(\.account.name)))
            state.top = .signIn(s)
        case .accountConnected(let name, let reauthorized):
            state.busy = nil
            updateSignIn(&state) { $0.phase = .authorized(name) }
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
            guard case .form(let f) = state.top else { return [] }
            let (draft, _) = f.draft(now: state.now)
            state.status = StatusMessage(.info, "\(NumberText.grouped(summary.rowsFetched)) rows in \(summary.pagesFetched) page\(summary.pagesFetched == 1 ? "" : "s"): tick the schemas to import")
            state.push(.schemas(SchemaChooserState(draft: draft, replacing: f.original?.name, preview: summary)))
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
            // Browsing the refreshed source: reopen its grid on the new tables.
            if case .browse(let b) = state.top, b.source == name, let table = b.table {
                return [.loadHome, .openGrid(source: name, table: table, query: b.query)]
            }
            return [.loadHome]
        case .sourceDeleted(let name):
            state.status = StatusMessage(.success, "Deleted \(name)")
            return [.loadHome]
        case .copyRead(let cells, _, let column, _):
            browseResult(&state, action)
            if let column { return cells.indices.contains(column) ? [.copyToClipboard(cells[column])] : [] }
            return [.copyToClipboard(cells.joined(separator: "\t"))]
        case .browseOpened, .gridOpened, .browseExported:
            browseResult(&state, action)
        case .historyLoaded(let source, let runs):
            historyResult(&state, source: source, runs: runs)
        case .failed(let report):
            state.progress = nil
            state.busy = nil
            if case .signIn(var s) = state.top {
                switch s.phase {
                case .finishing:
                    s.phase = .naming
                    state.top = .signIn(s)
                case .starting:
                    // The sign-in could not start: nothing to wait for, back to where it came from.
                    state.pop()
                default:
                    break
                }
            }
            // Browse that could not open has nothing to show: back to where it came from.
            if case .browse(let b) = state.top, b.data == nil { state.pop() }
            state.showError(report)
            return [.loadHome]
        case .key, .tick:
            break
        }
        return []
    }

    static func updateSignIn(_ state: inout AppState, _ change: (inout SignInState) -> Void) {
        guard case .signIn(var s) = state.top else { return }
        change(&s)
        state.top = .signIn(s)
    }
}
