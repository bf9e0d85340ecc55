import InfuseApp
import InfuseCore

/// The questions the home screen asks.
public enum HomeDialog: Hashable, Sendable {
    /// Delete this data source and its tables.
    case deleteSource(String)
}

extension HomeState {
    /// The home screen's answers.
    public static func answer(_ dialog: HomeDialog, _ outcome: DialogOutcome) -> [AppIntent] {
        switch (dialog, outcome) {
        case (.deleteSource(let name), .confirmed):
            [.status(StatusMessage(.info, "Deleting \(name)…")), .run(.deleteSource(name))]
        default:
            []
        }
    }
}
