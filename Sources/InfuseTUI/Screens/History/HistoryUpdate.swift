import Foundation
import InfuseApp
import InfuseCore

extension HistoryState {
    /// History's commands: select a run, reload, browse, back.
    public mutating func update(_ command: HistoryCommand, key: Key, in context: ScreenContext) -> [AppIntent] {
        switch command {
        case .back:
            return [.pop]
        case .navigate:
            _ = list.handle(key, visibleRows: 10)
            return []
        case .reload:
            return [.run(.loadHistory(source))]
        case .browseSource:
            // From Browse, History goes back to it; from home it opens Browse.
            if case .browse(let b)? = context.screenBelow, b.source == source { return [.pop] }
            return [.push(.browse(BrowseState(source: source))), .busy("Opening \(source)…"), .run(.openBrowse(source))]
        }
    }
}
