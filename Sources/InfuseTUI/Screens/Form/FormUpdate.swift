import Foundation
import InfuseApp
import InfuseCore

extension FormState {
    /// The form's commands.
    public mutating func update(_ command: FormCommand, key: Key, in context: ScreenContext) -> [AppIntent] {
        switch command {
        case .focusNext: moveFocus(1)
        case .focusPrevious: moveFocus(-1)
        case .toggle:
            _ = customURLOn.handle(.char(" "))
            isDirty = true
            if customURLOn.isOn && customURL.text.isEmpty, chosenEndpoint != nil {
                customURL.setText(resolvedURL(apiBase: context.apiBase(of: account)))
            }
        case .choose:
            switch focus {
            case .endpoint: _ = endpoint.handle(.enter)
            case .method: _ = method.handle(.enter)
            case .refresh: _ = refresh.handle(.enter)
            case .dataFormat: _ = dataFormat.handle(.enter)
            case .sync: _ = sync.handle(.enter)
            case .preview: return previewConnect(in: context)
            case .cancel: return leave()
            default: moveFocus(1)
            }
        case .previewConnect:
            return previewConnect(in: context)
        case .back:
            return leave()
        }
        return []
    }

    /// Esc or Cancel: goes back at once when nothing was changed, else asks before dropping the changes.
    func leave() -> [AppIntent] {
        guard isDirty else { return [.pop] }
        return [.present(.confirm(title: "Discard changes",
                                  message: "What was typed into this data source is not saved. Discard it?",
                                  confirmLabel: "Discard", cancelLabel: "Keep editing", destructive: true), .form(.discardForm))]
    }

    /// Checks the fields (at the context's time) and fetches a preview.
    mutating func previewConnect(in context: ScreenContext) -> [AppIntent] {
        guard let source = validate(existingNames: context.sources.map(\.source.name),
                                    accounts: context.accountNames, now: context.now) else {
            return [.status(StatusMessage(.error, "Fix the fields marked in red, then Preview & Connect again"))]
        }
        return [.status(nil), .busy("Fetching a preview…"), .progress(ProgressInfo(label: "Preview", done: 0, total: source.maxRows)),
                .run(.preview(PreviewRequest(accountName: source.accountName, target: source.target, maxRows: source.maxRows)))]
    }

    /// Keys for the form's widgets (text fields and open drop-downs).
    public mutating func input(_ key: Key) -> [AppIntent] {
        if endpoint.isOpen {
            var intents: [AppIntent] = []
            if endpoint.handle(key) == .changed {
                isDirty = true
                pathParameters = [:]
                errors[.endpoint] = nil
                if let e = chosenEndpoint, !e.pathParameters.isEmpty {
                    intents = Self.askPathParameter(endpoint: e.id, remaining: e.pathParameters, collected: [:])
                }
                if name.text.isEmpty, let e = chosenEndpoint { name.setText(e.summary.replacingOccurrences(of: "List ", with: "")) }
            }
            return intents
        }
        for keyPath in [\FormState.method, \FormState.refresh, \FormState.dataFormat, \FormState.sync] where self[keyPath: keyPath].isOpen {
            if self[keyPath: keyPath].handle(key) == .changed { isDirty = true }
            return []
        }
        let outcome: WidgetOutcome
        switch focus {
        case .name: outcome = name.handle(key)
        case .description: outcome = description.handle(key)
        case .customURL where customURLOn.isOn: outcome = customURL.handle(key)
        case .maxRows: outcome = maxRows.handle(key)
        case .destination: outcome = destination.handle(key)
        default: outcome = .ignored
        }
        if outcome == .changed { isDirty = true }
        return []
    }

    /// The prompt for the next path parameter of an endpoint.
    static func askPathParameter(endpoint: String, remaining: [String], collected: [String: String]) -> [AppIntent] {
        guard let name = remaining.first else { return [] }
        return [.present(.prompt(title: "Path parameter", message: "The endpoint \(endpoint) needs a value for {\(name)}:"),
                         .form(.pathParameter(endpointID: endpoint, remaining: remaining, collected: collected)))]
    }

    /// The preview arrived: continue to Choose Schema(s) with the draft made at the context's time.
    public func previewFinished(_ summary: PreviewSummary, in context: ScreenContext) -> [AppIntent] {
        let (draft, _) = draft(now: context.now)
        return [.status(StatusMessage(.info, "\(NumberText.grouped(summary.rowsFetched)) rows in \(summary.pagesFetched) page\(summary.pagesFetched == 1 ? "" : "s"): tick the schemas to import")),
                .push(.schemas(SchemaChooserState(draft: draft, replacing: original?.name, preview: summary)))]
    }
}
