import Foundation
import InfuseApp
import InfuseCore

extension AppReducer {
    static func form(_ state: inout AppState, _ f: inout FormState, _ command: AppCommand, key: Key) -> [AppEffect] {
        switch command {
        case .focusNext: f.moveFocus(1)
        case .focusPrevious: f.moveFocus(-1)
        case .toggle:
            _ = f.customURLOn.handle(.char(" "))
            f.isDirty = true
            if f.customURLOn.isOn && f.customURL.text.isEmpty, f.chosenEndpoint != nil {
                f.customURL.setText(f.resolvedURL(apiBase: apiBase(of: f.account, in: state)))
            }
        case .choose:
            switch f.focus {
            case .endpoint: _ = f.endpoint.handle(.enter)
            case .method: _ = f.method.handle(.enter)
            case .refresh: _ = f.refresh.handle(.enter)
            case .dataFormat: _ = f.dataFormat.handle(.enter)
            case .sync: _ = f.sync.handle(.enter)
            case .preview: return previewConnect(&state, &f)
            case .cancel: leaveForm(&state, f)
            default: f.moveFocus(1)
            }
        case .previewConnect:
            return previewConnect(&state, &f)
        case .back:
            leaveForm(&state, f)
        default:
            break
        }
        return []
    }

    /// Esc or Cancel: goes back at once when nothing was changed, else asks before dropping the changes.
    static func leaveForm(_ state: inout AppState, _ f: FormState) {
        guard f.isDirty else { state.pop(); return }
        state.open(.confirm(title: "Discard changes",
                            message: "What was typed into this data source is not saved. Discard it?",
                            confirmLabel: "Discard", cancelLabel: "Keep editing", destructive: true), for: .form(.discardForm))
    }

    static func apiBase(of account: String, in state: AppState) -> URL? {
        state.accounts.first { $0.account.name == account }?.account.apiBase
    }

    static func previewConnect(_ state: inout AppState, _ f: inout FormState) -> [AppEffect] {
        guard let source = f.validate(existingNames: state.sources.map(\.source.name),
                                      accounts: state.accounts.map(\.account.name), now: state.now) else {
            state.status = StatusMessage(.error, "Fix the fields marked in red, then Preview & Connect again")
            return []
        }
        state.status = nil
        state.busy = "Fetching a preview…"
        state.progress = ProgressInfo(label: "Preview", done: 0, total: source.maxRows)
        return [.preview(PreviewRequest(accountName: source.accountName, target: source.target, maxRows: source.maxRows))]
    }

    /// Keys for the form's widgets (text fields and open drop-downs).
    static func formInput(_ state: inout AppState, _ f: inout FormState, _ key: Key) {
        if f.endpoint.isOpen {
            let outcome = f.endpoint.handle(key)
            if outcome == .changed {
                f.isDirty = true
                f.pathParameters = [:]
                f.errors[.endpoint] = nil
                if let e = f.chosenEndpoint, !e.pathParameters.isEmpty {
                    askPathParameter(&state, endpoint: e.id, remaining: e.pathParameters, collected: [:])
                }
                if f.name.text.isEmpty, let e = f.chosenEndpoint { f.name.setText(e.summary.replacingOccurrences(of: "List ", with: "")) }
            }
            return
        }
        for keyPath in [\FormState.method, \FormState.refresh, \FormState.dataFormat, \FormState.sync] where f[keyPath: keyPath].isOpen {
            if f[keyPath: keyPath].handle(key) == .changed { f.isDirty = true }
            return
        }
        let outcome: WidgetOutcome
        switch f.focus {
        case .name: outcome = f.name.handle(key)
        case .description: outcome = f.description.handle(key)
        case .customURL where f.customURLOn.isOn: outcome = f.customURL.handle(key)
        case .maxRows: outcome = f.maxRows.handle(key)
        case .destination: outcome = f.destination.handle(key)
        default: outcome = .ignored
        }
        if outcome == .changed { f.isDirty = true }
    }

    /// Opens the prompt for the next path parameter of an endpoint.
    static func askPathParameter(_ state: inout AppState, endpoint: String, remaining: [String], collected: [String: String]) {
        guard let name = remaining.first else { return }
        state.open(.prompt(title: "Path parameter", message: "The endpoint \(endpoint) needs a value for {\(name)}:"),
                   for: .form(.pathParameter(endpointID: endpoint, remaining: remaining, collected: collected)))
    }
}
