import Foundation
import InfuseApp
import InfuseCore

extension AppReducer {
    /// Keys while a dialog is open: the dialog decides, then its purpose says what the answer does.
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

    /// What a dialog's answer does.
    static func answer(_ state: inout AppState, _ purpose: DialogPurpose, _ outcome: DialogOutcome) -> [AppEffect] {
        switch (purpose, outcome) {
        case (.deleteSource(let name), .confirmed):
            state.status = StatusMessage(.info, "Deleting \(name)…")
            return [.deleteSource(name)]
        case (.deleteAccount(let name), .confirmed):
            return [.removeAccount(name)]
        case (.renameAccount(let old), .submitted(let new)):
            let name = new.trimmingCharacters(in: .whitespaces)
            guard name != old else { return [] }
            if let problem = accountNameProblem(name, taken: state.accounts.map(\.account.name)) {
                state.status = StatusMessage(.error, problem)
                return []
            }
            return [.renameAccount(from: old, to: name)]
        case (.apiKey, .submitted(let key)):
            let trimmed = key.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else {
                state.status = StatusMessage(.error, "The key is empty: paste the Service Account Key")
                return []
            }
            guard case .signIn(let s) = state.top else { return [] }
            let suggestion = SignInState.suggestedName(for: s.connection, taken: state.accounts.map(\.account.name))
            state.open(.prompt(title: "Account name", message: "Set a name to identify the account:", text: suggestion),
                       for: .apiKeyName(SecretText(trimmed)))
            return []
        case (.apiKeyName(let key), .submitted(let name)):
            guard case .signIn(let s) = state.top else { return [] }
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if let problem = accountNameProblem(trimmed, taken: state.accounts.map(\.account.name)) {
                state.status = StatusMessage(.error, problem)
                state.open(.prompt(title: "Account name", message: "Set a name to identify the account:", text: trimmed),
                           for: .apiKeyName(key))
                return []
            }
            state.busy = "Checking the key…"
            return [.addAPIKeyAccount(name: trimmed, apiBase: s.connection.apiBase, key: key)]
        case (.pathParameter(let endpoint, let remaining, var collected), .submitted(let value)):
            guard let name = remaining.first, case .form(var f) = state.top else { return [] }
            collected[name] = value.trimmingCharacters(in: .whitespaces)
            let rest = Array(remaining.dropFirst())
            if rest.isEmpty {
                f.pathParameters = collected
                f.errors[.endpoint] = nil
                state.top = .form(f)
            } else {
                askPathParameter(&state, endpoint: endpoint, remaining: rest, collected: collected)
            }
            return []
        case (.saveName, .submitted(let name)):
            guard case .design(let d) = state.top else { return [] }
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            state.busy = "Saving \(trimmed)…"
            return [.saveSource(d.finished(name: trimmed, now: state.now), replacing: d.replacing)]
        case (.renameColumn(let table, let column), .submitted(let name)):
            guard case .design(var d) = state.top else { return [] }
            d.rename(column: column, of: table, to: name)
            state.top = .design(d)
            return []
        case (.editJoin(let index), .submitted(let text)):
            guard case .design(var d) = state.top, d.design.joins.indices.contains(index) else { return [] }
            let parts = text.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            var join = d.design.joins[index]
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
                  d.preview.schema(join.parentTable)?.columns.contains(where: { $0.name == parts[0] }) == true,
                  d.preview.schema(join.childTable)?.columns.contains(where: { $0.name == parts[1] }) == true
            else {
                state.status = StatusMessage(.error, "Join must be parent_column = child_column, with columns of \(join.parentTable) and \(join.childTable)")
                return []
            }
            join.parentColumn = parts[0]
            join.childColumn = parts[1]
            d.design.joins[index] = join
            state.top = .design(d)
            return []
        case (.discardForm, .confirmed):
            if case .form = state.top { state.pop() }
            return []
        case (.removeKeapApp, .confirmed):
            state.busy = "Removing the Keap app…"
            return [.removeKeapApp]
        case (.browseFilter, .submitted(let text)), (.browseGoToRow, .submitted(let text)), (.browseExport, .submitted(let text)):
            return browseAnswer(&state, purpose, text)
        case (.confirmQuit, .confirmed):
            state.shouldQuit = true
            return [.cancelSignIn, .quit]
        default:
            return []
        }
    }
}
