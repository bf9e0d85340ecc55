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

}
