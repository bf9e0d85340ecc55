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

    /// Hands a dialog's answer to the screen that asked: its answer edits its own state and
    /// returns intents. A screen that was closed while its dialog was open gets no answer.
    static func answer(_ state: inout AppState, _ purpose: DialogPurpose, _ outcome: DialogOutcome) -> [AppEffect] {
        let context = state.screenContext
        switch purpose {
        case .message:
            return []
        case .app(let dialog):
            return answerApp(&state, dialog, outcome)
        case .home(let dialog):
            return apply(HomeState.answer(dialog, outcome), to: &state)
        case .accounts(let dialog):
            return apply(AccountsState.answer(dialog, outcome, in: context), to: &state)
        case .signIn(let dialog):
            return apply(SignInState.answer(dialog, outcome, screen: SignInState(state.top), in: context), to: &state)
        case .form(let dialog):
            return onTop(&state) { (s: inout FormState, _) in s.answer(dialog, outcome) } ?? []
        case .design(let dialog):
            return onTop(&state) { (s: inout DesignState, ctx) in s.answer(dialog, outcome, in: ctx) } ?? []
        case .browse(let dialog):
            return onTop(&state) { (s: inout BrowseState, ctx) in s.answer(dialog, outcome, in: ctx) } ?? []
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
