import Foundation
import InfuseApp
import InfuseCore

extension AppReducer {
    static func picker(_ state: inout AppState, _ picker: inout PickerState, _ command: AppCommand, key: Key) -> [AppEffect] {
        switch command {
        case .navigate:
            _ = picker.list.handle(key)
        case .back:
            if !picker.list.filter.isEmpty { _ = picker.list.handle(.escape) } else { state.pop() }
        case .choose:
            guard let connection = picker.selected else { return [] }
            let existing = state.accounts.filter { $0.account.apiBase == connection.apiBase }
            if !existing.isEmpty {
                state.push(.accounts(AccountsState(purpose: .choose(connection), rows: existing)))
                return []
            }
            return startSignIn(&state, connection: connection, reauthorizing: nil)
        default:
            break
        }
        return []
    }

    /// Pushes the sign-in screen and starts the sign-in.
    static func startSignIn(_ state: inout AppState, connection: ConnectionChoice, reauthorizing: String?) -> [AppEffect] {
        state.push(.signIn(SignInState(connection: connection, reauthorizing: reauthorizing)))
        state.busy = "Starting the sign-in…"
        return [.startSignIn(apiBase: connection.apiBase, sandbox: connection.isSandbox, reauthorizing: reauthorizing)]
    }
}
