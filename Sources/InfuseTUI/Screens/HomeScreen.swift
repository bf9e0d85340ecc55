import Foundation
import InfuseApp
import InfuseCore

/// Screen 1, Data sources: the saved sources with account, endpoint, rows, last refresh, status
/// and next due, and a detail panel for the selected one.
public struct HomeState: Equatable, Sendable {
    /// The table of sources (filterable with `/`).
    public var list = ListState(rows: [], header: HomeState.header, emptyText: HomeState.emptyText)

    /// Creates an empty home screen.
    public init() {}

    /// Column headings.
    public static let header = ["Name", "Account", "Endpoint", "Rows", "Last refresh", "Status", "Next"]
    /// The empty state's line.
    public static let emptyText = "No data sources yet — press n to create one (try `infuse --sandbox` for demo data)"

    /// Rebuilds the table from `sources`, keeping the selection.
    public mutating func show(_ sources: [SourceRow]) {
        list.setItems(sources.map { row in
            [row.source.name, row.accountText, row.source.target.summary, row.rowsText, row.lastRefreshText,
             row.statusText, row.nextDueText]
        })
    }

    /// The selected source among `sources`.
    public func selected(in sources: [SourceRow]) -> SourceRow? {
        list.selectedItemIndex.flatMap { sources.indices.contains($0) ? sources[$0] : nil }
    }

    /// The screen's key bindings.
    public static let keymap = Keymap<AppCommand>("Data sources", [
        KeyBinding([.enter], .browseSource, help: "Browse the data (the view and its tables)", footerText: "browse"),
        KeyBinding([.char("n")], .newSource, help: "Create a new data source", footerText: "new"),
        KeyBinding([.char("e")], .editSource, help: "Edit the selected data source", footerText: "edit"),
        KeyBinding([.char("h")], .showHistory, help: "Show the refresh history", footerText: "history"),
        KeyBinding([.char("r")], .refreshSource, help: "Refresh the selected data source now", footerText: "refresh"),
        KeyBinding([.char("d"), .delete], .deleteSource, help: "Delete the selected data source", footerText: "delete"),
        KeyBinding([.char("a")], .manageAccounts, help: "Manage connected accounts", footerText: "connected accounts"),
        KeyBinding([.char("/")], .filter, help: "Filter the list", footerText: "filter"),
        KeyBinding([.up, .down, .char("k"), .char("j"), .pageUp, .pageDown, .home, .end], .navigate,
                   help: "Move the selection", group: "Navigation", showInFooter: false),
    ])

    /// The keymap while the filter line takes text.
    public static let filterKeymap = Keymap<AppCommand>("Filter", [
        KeyBinding([.enter], .choose, help: "Keep the filter and return to the list", footerText: "done"),
        KeyBinding([.escape], .back, help: "Clear the filter", footerText: "clear filter"),
        KeyBinding([.up, .down], .navigate, help: "Move the selection", group: "Navigation", showInFooter: false),
    ])
}

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

extension AppRenderer {
    static func renderHome(_ state: AppState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let home = state.home
        if state.sources.isEmpty {
            let line = HomeState.emptyText
            let lines = line.wrapped(toWidth: max(1, area.width - 4))
            let top = area.y + max(0, (area.height - lines.count) / 2)
            for (i, text) in lines.enumerated() {
                buffer.put(text, x: area.x + max(0, (area.width - text.displayWidth) / 2), y: top + i, style: theme.dim)
            }
            return
        }
        let detailHeight = min(6, max(0, area.height - 5))
        let parts = area.splitVertically([.fill, .fixed(detailHeight)])
        var list = home.list
        list.columnCap = area.width < 100 ? 12 : (area.width < 120 ? 16 : 40)
        list.render(into: &buffer, area: parts[0], theme: theme, focused: true)
        guard detailHeight > 1, let row = home.selected(in: state.sources) else { return }
        let panel = parts[1]
        buffer.hrule(x: panel.x, y: panel.y, width: panel.width, style: theme.border, joinEnds: false)
        var y = panel.y + 1
        let s = row.source
        let headline = "\(s.name) — \(s.target.summary) · Max Rows \(s.maxRows.map(NumberText.grouped) ?? "all") · \(s.refreshInterval.label)"
        buffer.put(" " + headline, x: panel.x, y: y, style: theme.header, maxWidth: panel.width)
        y += 1
        for line in row.details.flatMap({ $0.wrapped(toWidth: max(1, panel.width - 2)) }) where y < panel.maxY {
            let isError = line.hasPrefix("Last error") || line.hasPrefix("Failed")
            buffer.put(" " + line, x: panel.x, y: y, style: isError ? theme.error : theme.normal, maxWidth: panel.width)
            y += 1
        }
    }
}
