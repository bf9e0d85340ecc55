import Foundation
import InfuseApp
import InfuseCore

extension HomeState {
    /// The home screen's commands: edits the list, returns what the app should do.
    public mutating func update(_ command: HomeCommand, key: Key, in context: ScreenContext) -> [AppIntent] {
        let selected = self.selected(in: context.sources)
        switch command {
        case .navigate:
            _ = list.handle(key, visibleRows: 10)
        case .filter:
            _ = list.handle(.char("/"))
        case .keepFilter:
            if list.isFiltering { _ = list.stopFiltering() }
        case .clearFilter:
            _ = list.handle(.escape)
        case .newSource:
            return [.push(.picker(PickerState(connections: context.designer.connections)))]
        case .manageAccounts:
            return [.push(.accounts(AccountsState(purpose: .manage, rows: context.accounts)))]
        case .editSource:
            guard let row = selected else { return [.status(StatusMessage(.info, "Nothing to edit: press n to create a data source"))] }
            return [.selectAccount(row.source.accountName), .push(.form(FormState(editing: row.source, account: row.source.accountName)))]
        case .browseSource:
            guard let row = selected else { return [.status(StatusMessage(.info, "Nothing to browse: press n to create a data source"))] }
            return [.push(.browse(BrowseState(source: row.source.name))), .busy("Opening \(row.source.name)…"),
                    .run(.openBrowse(row.source.name))]
        case .showHistory:
            guard let row = selected else { return [] }
            return [.push(.history(HistoryState(source: row.source.name))), .run(.loadHistory(row.source.name))]
        case .refreshSource:
            guard let row = selected else { return [] }
            return [.progress(ProgressInfo(label: "Refreshing \(row.source.name)", done: 0, total: row.source.maxRows)),
                    .status(nil), .run(.refresh(row.source.name))]
        case .deleteSource:
            guard let row = selected else { return [] }
            return [.present(.confirm(title: "Delete data source",
                                      message: "Delete \(row.source.name)? Its tables and refresh history are removed too.",
                                      confirmLabel: "Delete", destructive: true),
                             .home(.deleteSource(row.source.name)))]
        }
        return []
    }

    /// Keys no binding took (typing into the filter).
    public mutating func input(_ key: Key) -> [AppIntent] {
        _ = list.handle(key, visibleRows: 10)
        return []
    }
}
