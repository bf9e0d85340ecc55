import Foundation
import InfuseApp
import InfuseCore

extension AppReducer {
    static func home(_ state: inout AppState, _ command: AppCommand, key: Key) -> [AppEffect] {
        var home = state.home
        defer { state.home = home }
        let selected = home.selected(in: state.sources)
        switch command {
        case .navigate:
            _ = home.list.handle(key, visibleRows: 10)
        case .filter:
            _ = home.list.handle(.char("/"))
        case .choose:
            if home.list.isFiltering { _ = home.list.stopFiltering() }
        case .back:
            _ = home.list.handle(.escape)
        case .newSource:
            state.push(.picker(PickerState(connections: state.context.connections)))
        case .manageAccounts:
            state.push(.accounts(AccountsState(purpose: .manage, rows: state.accounts)))
        case .editSource:
            guard let row = selected else { state.status = StatusMessage(.info, "Nothing to edit: press n to create a data source"); return [] }
            state.currentAccount = row.source.accountName
            state.push(.form(FormState(editing: row.source, account: row.source.accountName)))
        case .browseSource:
            guard let row = selected else { state.status = StatusMessage(.info, "Nothing to browse: press n to create a data source"); return [] }
            state.push(.browse(BrowseState(source: row.source.name)))
            state.busy = "Opening \(row.source.name)…"
            return [.openBrowse(row.source.name)]
        case .showHistory:
            guard let row = selected else { return [] }
            state.push(.history(HistoryState(source: row.source.name)))
            return [.loadHistory(row.source.name)]
        case .refreshSource:
            guard let row = selected else { return [] }
            state.progress = ProgressInfo(label: "Refreshing \(row.source.name)", done: 0, total: row.source.maxRows)
            state.status = nil
            return [.refresh(row.source.name)]
        case .deleteSource:
            guard let row = selected else { return [] }
            state.open(.confirm(title: "Delete data source",
                                message: "Delete \(row.source.name)? Its tables and refresh history are removed too.",
                                confirmLabel: "Delete", destructive: true),
                       for: .home(.deleteSource(row.source.name)))
        default:
            break
        }
        return []
    }

    static func homeInput(_ state: inout AppState, _ key: Key) -> [AppEffect] {
        var home = state.home
        _ = home.list.handle(key, visibleRows: 10)
        state.home = home
        return []
    }
}
