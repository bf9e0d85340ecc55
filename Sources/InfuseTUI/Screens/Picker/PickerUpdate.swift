import Foundation
import InfuseApp
import InfuseCore

extension PickerState {
    /// The picker's commands.
    public mutating func update(_ command: PickerCommand, key: Key, in context: ScreenContext) -> [AppIntent] {
        switch command {
        case .navigate:
            _ = list.handle(key)
        case .back:
            if !list.filter.isEmpty { _ = list.handle(.escape) } else { return [.pop] }
        case .choose:
            guard let connection = selected else { return [] }
            let existing = context.accounts.filter { $0.account.apiBase == connection.apiBase }
            if !existing.isEmpty { return [.push(.accounts(AccountsState(purpose: .choose(connection), rows: existing)))] }
            return SignInState.start(connection: connection, reauthorizing: nil)
        }
        return []
    }

    /// Keys no binding took (typing into the filter).
    public mutating func input(_ key: Key) -> [AppIntent] {
        _ = list.handle(key)
        return []
    }
}
