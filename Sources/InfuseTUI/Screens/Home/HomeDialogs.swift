import InfuseApp
import InfuseCore

/// The questions the home screen asks.
public enum HomeDialog: Hashable, Sendable {
    /// Delete this data source and its tables.
    case deleteSource(String)
}

extension AppReducer {
    /// The home screen's answers.
    static func answerHome(_ state: inout AppState, _ dialog: HomeDialog, _ outcome: DialogOutcome) -> [AppEffect] {
        switch (dialog, outcome) {
        case (.deleteSource(let name), .confirmed):
            state.status = StatusMessage(.info, "Deleting \(name)…")
            return [.deleteSource(name)]
        default:
            return []
        }
    }
}
