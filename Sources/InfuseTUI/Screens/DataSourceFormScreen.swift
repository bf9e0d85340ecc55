import Foundation
import InfuseApp
import InfuseCore

/// Screen 5, the data source form (new or edit): Name, Description, API Endpoints, Custom Url,
/// Method, Max Rows, Refresh Settings, Data Format, Destination, Sync and Authentication, with inline
/// messages that name the field, then Preview & Connect or Cancel. An error never clears what was typed.
public struct FormState: Equatable, Sendable {
    /// The focusable parts of the form, in Tab order.
    public enum Field: Int, CaseIterable, Hashable, Sendable {
        case name, description, endpoint, customToggle, customURL, method, maxRows, refresh, dataFormat, destination, sync, preview, cancel
    }

    /// The saved source being edited, or nil for a new one.
    public var original: DataSource?
    /// The account the source uses.
    public var account: String
    /// Name.
    public var name: TextFieldState
    /// Description (optional).
    public var description: TextFieldState
    /// API Endpoints: the catalogue, grouped by resource, filterable.
    public var endpoint: DropDownState
    /// Values of the chosen endpoint's path parameters.
    public var pathParameters: [String: String] = [:]
    /// Custom Url toggle.
    public var customURLOn: CheckboxState
    /// Custom Url.
    public var customURL: TextFieldState
    /// Method (GET only).
    public var method = DropDownState(options: ["GET"], selectedIndex: 0)
    /// Max Rows (empty: all).
    public var maxRows: TextFieldState
    /// Refresh Settings.
    public var refresh: DropDownState
    /// Data Format (JSON only).
    public var dataFormat = DropDownState(options: [DataFormat.json.label], selectedIndex: 0)
    /// Destination: empty for the workspace's SQLite, or a PostgreSQL URL without a password.
    public var destination: TextFieldState
    /// Sync: Auto (incremental where the endpoint has a change filter, else full), Incremental or Full.
    public var sync = DropDownState(options: FormState.syncOptions, selectedIndex: 0)
    /// The focused field.
    public var focus: Field = .name
    /// Inline messages per field.
    public var errors: [Field: [String]] = [:]
    /// True once something was changed.
    public var isDirty = false

    /// The Sync drop-down's options, in order: Auto, Incremental, Full.
    public static let syncOptions = ["Auto", "Incremental", "Full"]

    /// The sync the form asks for on `target`: Auto resolves to incremental where the endpoint
    /// has a change filter (`ChangeCursor`), else full.
    public func syncMode(for target: DataSourceTarget) -> SyncMode {
        switch sync.selectedIndex ?? 0 {
        case 1: .incremental
        case 2: .full
        default: ChangeCursor.defaultSync(for: target)
        }
    }

    /// The catalogue endpoints (v1 and v2) in the drop-down's order: by resource, the default first.
    public static let endpoints: [CatalogueEndpoint] = EndpointCatalogue.offered
    /// Each endpoint's path parameters, for the validator.
    public static let endpointParameters: [String: [String]] = Dictionary(
        EndpointCatalogue.all.map { ($0.id, $0.pathParameters) }, uniquingKeysWith: { a, _ in a })

    /// A new data source for `account`.
    public init(account: String) {
        self.account = account
        name = TextFieldState(placeholder: "a name for the data source")
        description = TextFieldState(placeholder: "optional")
        endpoint = DropDownState(rows: Self.endpoints.map { ["\($0.id) — \($0.summary)", $0.resource, Self.versionLabel($0)] },
                                 placeholder: "choose an endpoint…")
        customURLOn = CheckboxState(label: "Custom Url")
        customURL = TextFieldState(placeholder: "https://api.infusionsoft.com/crm/rest/v1/…")
        maxRows = TextFieldState(placeholder: "all")
        refresh = DropDownState(options: RefreshInterval.allCases.map(\.label), selectedIndex: 0)
        destination = TextFieldState(placeholder: "workspace SQLite, or postgres://user@host:port/db")
        // A password typed into the URL is refused, and never shown while it is there.
        destination.masksURLPassword = true
    }

    /// The form filled from a saved source.
    public init(editing source: DataSource, account: String) {
        self.init(account: account)
        original = source
        name.setText(source.name)
        description.setText(source.description)
        switch source.target {
        case .endpoint(let id, let parameters, _):
            if let i = Self.endpoints.firstIndex(where: { $0.id == id }) { endpoint.select(i) }
            pathParameters = parameters
        case .customURL(let url):
            customURLOn.isOn = true
            customURL.setText(url)
        }
        maxRows.setText(source.maxRows.map(String.init) ?? "")
        if let i = RefreshInterval.allCases.firstIndex(of: source.refreshInterval) { refresh.select(i) }
        destination.setText(source.destination ?? "")
        sync.select(source.sync == .incremental ? 1 : 2)
    }

    /// The drop-down's version column: `v2`, `v1`, `v1 deprecated`, or `v1 (v2 default)` when v2
    /// has the same resource.
    public static func versionLabel(_ endpoint: CatalogueEndpoint) -> String {
        if endpoint.version == 2 { return "v2" }
        if endpoint.deprecated { return "v1 deprecated" }
        return EndpointCatalogue.v2Counterpart(of: endpoint) == nil ? "v1" : "v1 (v2 default)"
    }

    /// The chosen catalogue endpoint.
    public var chosenEndpoint: CatalogueEndpoint? { endpoint.selectedIndex.map { Self.endpoints[$0] } }

    /// The chosen refresh interval.
    public var refreshInterval: RefreshInterval { RefreshInterval.allCases[refresh.selectedIndex ?? 0] }

    /// The drop-down with the focus, if it is open.
    public var openDropDown: DropDownState? {
        for d in [endpoint, method, refresh, dataFormat, sync] where d.isOpen { return d }
        return nil
    }

    /// True when typed text goes to a field (a text field or an open drop-down's filter).
    public var takesText: Bool {
        if openDropDown != nil { return true }
        switch focus {
        case .name, .description, .maxRows, .destination: return true
        case .customURL: return customURLOn.isOn
        default: return false
        }
    }

    /// The fields Tab visits (Custom Url only while the toggle is on).
    public var tabOrder: [Field] { Field.allCases.filter { $0 != .customURL || customURLOn.isOn } }

    /// Moves the focus by `delta` fields, wrapping.
    public mutating func moveFocus(_ delta: Int) {
        let order = tabOrder
        let i = order.firstIndex(of: focus) ?? 0
        focus = order[(i + delta + order.count) % order.count]
    }

    /// The resolved URL of the chosen endpoint on `apiBase` (placeholders kept when not filled).
    public func resolvedURL(apiBase: URL?) -> String {
        guard let e = chosenEndpoint else { return "" }
        var path = e.path
        for (k, v) in pathParameters { path = path.replacingOccurrences(of: "{\(k)}", with: v) }
        return (apiBase?.absoluteString ?? OAuthConfiguration.keapAPIBase.absoluteString) + path
    }

    /// The data source the form describes (schemas and design kept from the edited source); a new
    /// source is created `now` (the reducer's clock input).
    public func draft(now: Date) -> (source: DataSource, maxRowsError: String?) {
        var maxRowsValue: Int? = nil
        var maxRowsError: String? = nil
        do { maxRowsValue = try DataSourceValidator.parseMaxRows(maxRows.text) } catch { maxRowsError = error.message }
        let target: DataSourceTarget = customURLOn.isOn
            ? .customURL(customURL.text.trimmingCharacters(in: .whitespaces))
            : .endpoint(id: chosenEndpoint?.id ?? "", pathParameters: pathParameters)
        let destinationText = destination.text.trimmingCharacters(in: .whitespaces)
        let source = DataSource(
            name: name.text.trimmingCharacters(in: .whitespaces), description: description.text, accountName: account,
            target: target, method: method.value ?? "GET", maxRows: maxRowsValue, refreshInterval: refreshInterval,
            selectedSchemas: original?.selectedSchemas ?? [], design: original?.design ?? DataSourceDesign(),
            customFieldsPivot: original?.customFieldsPivot ?? false, createdAt: original?.createdAt ?? now,
            destination: destinationText.isEmpty ? nil : destinationText, sync: syncMode(for: target),
            reconcileInterval: original?.reconcileInterval ?? DataSource.defaultReconcileInterval)
        return (source, maxRowsError)
    }

    /// Checks every field; fills ``errors`` and returns the source when it can be previewed.
    public mutating func validate(existingNames: [String], accounts: [String], now: Date) -> DataSource? {
        let (source, maxRowsError) = draft(now: now)
        var found: [Field: [String]] = [:]
        if let maxRowsError { found[.maxRows, default: []].append(maxRowsError) }
        if let destinationError = DataSourceValidator.destinationError(source.destination) {
            found[.destination, default: []].append(destinationError.userMessage)
        }
        let others = existingNames.filter { $0 != original?.name }
        for e in DataSourceValidator.validate(source, existingNames: others, existingAccounts: accounts,
                                              endpointPathParameters: customURLOn.isOn ? nil : Self.endpointParameters) {
            let field: Field = switch e.field {
            case .name: .name
            case .description: .description
            case .endpoint, .account, .schemas: .endpoint
            case .customURL: .customURL
            case .method: .method
            case .maxRows: .maxRows
            case .refreshInterval: .refresh
            case .sync: .sync
            }
            if !(found[field]?.contains(e.message) ?? false) { found[field, default: []].append(e.message) }
        }
        errors = found
        if let first = Field.allCases.first(where: { found[$0] != nil }) {
            focus = first
            return nil
        }
        return source
    }

    /// Key bindings for the focused field.
    public func keymap() -> Keymap<AppCommand> {
        var bindings: [KeyBinding<AppCommand>] = [
            KeyBinding([.tab, .down], .focusNext, help: "Next field", footerText: "next"),
            KeyBinding([.backTab, .up], .focusPrevious, help: "Previous field", footerText: "prev"),
        ]
        switch focus {
        case .customToggle:
            bindings.append(KeyBinding([.char(" "), .enter], .toggle, help: "Switch Custom Url on or off", footerText: "toggle"))
        case .endpoint, .method, .refresh, .dataFormat, .sync:
            bindings.append(KeyBinding([.enter, .char(" ")], .choose, help: "Open the list (type to filter)", footerText: "open list"))
        case .preview, .cancel:
            bindings.append(KeyBinding([.enter, .char(" ")], .choose, help: "Press the button", footerText: "press"))
        default:
            bindings.append(KeyBinding([.enter], .focusNext, help: "Next field", showInFooter: false))
        }
        bindings += [
            KeyBinding([.ctrl("s")], .previewConnect, help: "Preview & Connect", footerText: "preview & connect"),
            KeyBinding([.escape], .back, help: "Cancel and go back", footerText: "cancel"),
        ]
        return Keymap(original == nil ? "New data source" : "Edit data source", bindings)
    }
}

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

extension AppRenderer {
    static let formLabelWidth = 16

    static func renderForm(_ f: FormState, state: AppState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let inner = area.inset(dx: 2, dy: 1)
        let labelWidth = formLabelWidth
        let fieldX = inner.x + labelWidth
        let fieldWidth = max(10, min(48, inner.width - labelWidth - 16))
        var y = inner.y
        var overlay: (DropDownState, Rect)? = nil
        func label(_ text: String, _ field: FormState.Field?) {
            let focused = field == f.focus
            let style = focused ? theme.accent : theme.normal
            buffer.put((focused && !theme.usesColor ? ">" : " ") + text, x: inner.x - 1, y: y, style: style, maxWidth: labelWidth)
        }
        func errorsFor(_ field: FormState.Field) {
            for message in f.errors[field] ?? [] where y < inner.maxY {
                buffer.put(theme.attentionMarker + message, x: fieldX, y: y, style: theme.error, maxWidth: inner.maxX - fieldX)
                y += 1
            }
        }
        func dropDown(_ d: DropDownState, _ field: FormState.Field, width: Int) {
            let rect = Rect(x: fieldX, y: y, width: width, height: 1)
            d.render(into: &buffer, area: rect, theme: theme, focused: f.focus == field)
            if d.isOpen { overlay = (d, rect) }
        }
        let rows = inner.maxY
        // Name
        label("Name", .name)
        f.name.render(into: &buffer, area: Rect(x: fieldX, y: y, width: fieldWidth, height: 1), theme: theme, focused: f.focus == .name)
        y += 1; errorsFor(.name)
        guard y < rows else { return }
        label("Description", .description)
        f.description.render(into: &buffer, area: Rect(x: fieldX, y: y, width: fieldWidth, height: 1), theme: theme, focused: f.focus == .description)
        buffer.put(" (optional)", x: fieldX + fieldWidth, y: y, style: theme.dim, maxWidth: inner.maxX - fieldX - fieldWidth)
        y += 1; errorsFor(.description)
        guard y < rows else { return }
        label("API Endpoints", .endpoint)
        dropDown(f.endpoint, .endpoint, width: fieldWidth)
        var toggle = f.customURLOn
        toggle.label = "Custom Url"
        toggle.render(into: &buffer, area: Rect(x: fieldX + fieldWidth + 2, y: y, width: max(0, inner.maxX - fieldX - fieldWidth - 2), height: 1),
                      theme: theme, focused: f.focus == .customToggle)
        y += 1
        if !f.pathParameters.isEmpty, y < rows {
            let text = f.pathParameters.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
            buffer.put(text, x: fieldX, y: y, style: theme.dim, maxWidth: inner.maxX - fieldX)
            y += 1
        }
        errorsFor(.endpoint)
        guard y < rows else { return }
        label("Custom Url", .customURL)
        if f.customURLOn.isOn {
            f.customURL.render(into: &buffer, area: Rect(x: fieldX, y: y, width: max(10, inner.maxX - fieldX - 1), height: 1),
                               theme: theme, focused: f.focus == .customURL)
        } else {
            let url = f.resolvedURL(apiBase: AppReducer.apiBase(of: f.account, in: state))
            let text = url.isEmpty ? "(read-only until Custom Url is ticked)" : url + "   (read-only until ☑)"
            buffer.put(text, x: fieldX, y: y, style: theme.dim, maxWidth: inner.maxX - fieldX)
        }
        y += 1; errorsFor(.customURL)
        guard y < rows else { return }
        label("Method", .method)
        dropDown(f.method, .method, width: 9)
        y += 1; errorsFor(.method)
        guard y < rows else { return }
        label("Max Rows", .maxRows)
        f.maxRows.render(into: &buffer, area: Rect(x: fieldX, y: y, width: 12, height: 1), theme: theme, focused: f.focus == .maxRows)
        buffer.put("  rows are fetched in pages of up to 1,000", x: fieldX + 12, y: y, style: theme.dim, maxWidth: inner.maxX - fieldX - 12)
        y += 1; errorsFor(.maxRows)
        guard y < rows else { return }
        label("Refresh", .refresh)
        dropDown(f.refresh, .refresh, width: 22)
        y += 1; errorsFor(.refresh)
        guard y < rows else { return }
        label("Data Format", .dataFormat)
        dropDown(f.dataFormat, .dataFormat, width: 10)
        y += 1
        guard y < rows else { return }
        label("Destination", .destination)
        f.destination.render(into: &buffer, area: Rect(x: fieldX, y: y, width: max(10, inner.maxX - fieldX - 1), height: 1),
                             theme: theme, focused: f.focus == .destination)
        y += 1
        if f.focus == .destination, f.errors[.destination] == nil, y < rows {
            buffer.put("empty: tables in the workspace's SQLite · PostgreSQL password: `infuse destinations set-password`, PGPASSWORD or ~/.pgpass",
                       x: fieldX, y: y, style: theme.dim, maxWidth: inner.maxX - fieldX)
            y += 1
        }
        errorsFor(.destination)
        guard y < rows else { return }
        label("Sync", .sync)
        dropDown(f.sync, .sync, width: 14)
        let resolved: String
        switch f.sync.selectedIndex ?? 0 {
        case 0:
            let target: DataSourceTarget = f.customURLOn.isOn ? .customURL(f.customURL.text) : .endpoint(id: f.chosenEndpoint?.id ?? "")
            resolved = ChangeCursor.forTarget(target) == nil
                ? "  full: no change filter here"
                : "  incremental: reads only what changed"
        case 1: resolved = "  only what changed; deletes once a day"
        default: resolved = "  every record, every refresh"
        }
        buffer.put(resolved, x: fieldX + 14, y: y, style: theme.dim, maxWidth: inner.maxX - fieldX - 14)
        y += 1; errorsFor(.sync)
        guard y < rows else { return }
        label("Authentication", nil)
        let kind = state.accounts.first { $0.account.name == f.account }?.account.authKind == .apiKey ? "API key" : "OAuth"
        buffer.put("Infusionsoft (\(kind) · \(f.account))", x: fieldX, y: y, style: theme.normal, maxWidth: inner.maxX - fieldX)
        y += 2
        if y < rows {
            let focusIndex: Int? = f.focus == .preview ? 0 : (f.focus == .cancel ? 1 : nil)
            ButtonState.renderRow([ButtonState(label: "Preview & Connect"), ButtonState(label: "Cancel")], focusedIndex: focusIndex,
                                  into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: 1), theme: theme)
        }
        if let (d, rect) = overlay { d.renderOverlay(into: &buffer, below: rect, within: area, theme: theme) }
    }
}
