import Foundation
import InfuseApp
import InfuseCore

extension AppReducer {
    /// Keys while a dialog is open: the dialog decides (through its key bindings), then the
    /// screen that opened it answers.
    static func handleDialogKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
        guard var dialog = state.dialog else { return [] }
        let outcome = dialog.handle(key)
        if outcome == .none {
            state.dialog = dialog
            return []
        }
        let purpose = state.dialogPurpose
        state.dialog = nil
        state.dialogPurpose = .message
        return answer(&state, purpose, outcome)
    }

    /// Hands a dialog's answer to the screen that asked.
    static func answer(_ state: inout AppState, _ purpose: DialogPurpose, _ outcome: DialogOutcome) -> [AppEffect] {
        switch purpose {
        case .message: []
        case .app(let dialog): answerApp(&state, dialog, outcome)
        case .home(let dialog): answerHome(&state, dialog, outcome)
        case .accounts(let dialog): answerAccounts(&state, dialog, outcome)
        case .signIn(let dialog): answerSignIn(&state, dialog, outcome)
        case .form(let dialog): answerForm(&state, dialog, outcome)
        case .design(let dialog): answerDesign(&state, dialog, outcome)
        case .browse(let dialog): answerBrowse(&state, dialog, outcome)
        }
    }

    /// The app's own questions.
    static func answerApp(_ state: inout AppState, _ dialog: AppDialog, _ outcome: DialogOutcome) -> [AppEffect] {
        switch (dialog, outcome) {
        case (.confirmQuit, .confirmed):
            state.shouldQuit = true
            return [.cancelSignIn, .quit]
        default:
            return []
        }
    }
}
