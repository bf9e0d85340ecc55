import InfuseApp
import InfuseCore

/// The questions the data source form asks.
public enum FormDialog: Hashable, Sendable {
    /// The value of the endpoint's next path parameter (`remaining.first`).
    case pathParameter(endpointID: String, remaining: [String], collected: [String: String])
    /// Drop the form's changes (Esc or Cancel on a changed form).
    case discardForm
}

extension AppReducer {
    /// The form's answers.
    static func answerForm(_ state: inout AppState, _ dialog: FormDialog, _ outcome: DialogOutcome) -> [AppEffect] {
        switch (dialog, outcome) {
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
        case (.discardForm, .confirmed):
            if case .form = state.top { state.pop() }
            return []
        default:
            return []
        }
    }
}
