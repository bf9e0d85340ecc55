import InfuseApp
import InfuseCore

/// The questions the data source form asks.
public enum FormDialog: Hashable, Sendable {
    /// The value of the endpoint's next path parameter (`remaining.first`).
    case pathParameter(endpointID: String, remaining: [String], collected: [String: String])
    /// Drop the form's changes (Esc or Cancel on a changed form).
    case discardForm
}

extension FormState {
    /// The form's answers.
    public mutating func answer(_ dialog: FormDialog, _ outcome: DialogOutcome) -> [AppIntent] {
        switch (dialog, outcome) {
        case (.pathParameter(let endpoint, let remaining, var collected), .submitted(let value)):
            guard let name = remaining.first else { return [] }
            collected[name] = value.trimmingCharacters(in: .whitespaces)
            let rest = Array(remaining.dropFirst())
            guard rest.isEmpty else { return Self.askPathParameter(endpoint: endpoint, remaining: rest, collected: collected) }
            pathParameters = collected
            errors[.endpoint] = nil
            return []
        case (.discardForm, .confirmed):
            return [.pop]
        default:
            return []
        }
    }
}
