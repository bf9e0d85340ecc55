import Foundation
import InfuseCore

/// Where the designer runs: the workspace it shows and, with `infuse --sandbox`, the in-process
/// sandbox whose connection is the default.
public struct DesignerContext: Hashable, Sendable {
    /// The workspace directory as shown in the title bar (`~/…` shortened).
    public var workspaceLabel: String
    /// The sandbox's API base (`http://127.0.0.1:PORT/crm/rest`) when running with `--sandbox`.
    public var sandboxAPIBase: URL?
    /// The API base of the real Keap connection: Keap's own, or in debug builds the
    /// `INFUSE_TEST_KEAP_API_BASE` override end-to-end tests point at a sandbox.
    public var keapAPIBase: URL

    /// Creates a context.
    public init(workspaceLabel: String, sandboxAPIBase: URL? = nil, keapAPIBase: URL = OAuthConfiguration.keapAPIBase) {
        self.workspaceLabel = workspaceLabel
        self.sandboxAPIBase = sandboxAPIBase
        self.keapAPIBase = keapAPIBase
    }

    /// The connection choices of the picker: the sandbox first (when running), then Keap itself.
    public var connections: [ConnectionChoice] {
        var out: [ConnectionChoice] = []
        if let sandboxAPIBase {
            out.append(ConnectionChoice(
                label: "Infusionsoft (Keap) REST v1 · sandbox", apiBase: sandboxAPIBase, isSandbox: true,
                description: "The built-in sandbox: a Keap-compatible server running inside this process with "
                    + "generated contacts, companies, opportunities, orders and more. Sign-in is approved "
                    + "from the terminal (a), so every screen can be tried without a Keap account."))
        }
        out.append(ConnectionChoice(
            label: "Infusionsoft (Keap) REST v1", apiBase: keapAPIBase, isSandbox: false,
            description: "Infusionsoft (Keap): CRM contacts, companies, opportunities, orders, products, "
                + "campaigns… through Keap's REST API. Two ways to connect: sign in with OAuth as your Keap "
                + "developer app (its Client ID and Client Secret, asked once; 1,500 calls a minute and "
                + "150,000 a day), or paste a Service Account Key or Personal Access Token (k; about 240 calls "
                + "a minute and 30,000 a day, per Keap's published limits)."))
        return out
    }
}

/// One entry of the connection picker.
public struct ConnectionChoice: Hashable, Sendable {
    /// The list label.
    public var label: String
    /// The API base accounts of this connection use.
    public var apiBase: URL
    /// True for the in-process sandbox (its consent can be approved from the terminal).
    public var isSandbox: Bool
    /// The description pane's text.
    public var description: String

    /// Creates a choice.
    public init(label: String, apiBase: URL, isSandbox: Bool, description: String) {
        self.label = label
        self.apiBase = apiBase
        self.isSandbox = isSandbox
        self.description = description
    }
}

/// A saved data source as the home screen lists it; every text is ready to show.
public struct SourceRow: Equatable, Sendable {
    /// The saved source.
    public var source: DataSource
    /// `Demo (ok)` or `Sales (re-auth)`.
    public var accountText: String
    /// Rows of the last successful refresh, formatted (`2,500`), or `—`.
    public var rowsText: String
    /// `today 09:12`, `never`.
    public var lastRefreshText: String
    /// `ok`, `failed ⚠`, `running`, `new`.
    public var statusText: String
    /// True when the status is a failure (drawn in the error style).
    public var failed: Bool
    /// `10:12`, `now`, `never`.
    public var nextDueText: String
    /// Lines of the detail panel (tables, last run, schema changes, last error).
    public var details: [String]

    /// Creates a row.
    public init(source: DataSource, accountText: String, rowsText: String, lastRefreshText: String,
                statusText: String, failed: Bool = false, nextDueText: String, details: [String]) {
        self.source = source
        self.accountText = accountText
        self.rowsText = rowsText
        self.lastRefreshText = lastRefreshText
        self.statusText = statusText
        self.failed = failed
        self.nextDueText = nextDueText
        self.details = details
    }
}

/// A connected account as the accounts screen lists it.
public struct AccountRow: Equatable, Sendable {
    /// The account.
    public var account: Account
    /// `sandbox`, `acme.infusionsoft.com`, `api.infusionsoft.com`.
    public var appText: String
    /// `ok`, `needs re-authorization`.
    public var statusText: String
    /// `today`, `3 Nov`, `—`.
    public var authorizedText: String
    /// The data sources that use the account.
    public var usedBy: [String]

    /// Creates a row.
    public init(account: Account, appText: String, statusText: String, authorizedText: String, usedBy: [String]) {
        self.account = account
        self.appText = appText
        self.statusText = statusText
        self.authorizedText = authorizedText
        self.usedBy = usedBy
    }

    /// `2 sources`, `1 source`, `—`.
    public var usedByText: String {
        usedBy.isEmpty ? "—" : "\(usedBy.count) source\(usedBy.count == 1 ? "" : "s")"
    }
}

/// One inferred schema as the designer shows it: a plain copy of `SchemaNode` with its preview
/// rows as text (so screens and tests need no inference state).
public struct SchemaSummary: Hashable, Sendable {
    /// Dotted path (`contacts.email_addresses`).
    public var path: String
    /// Rows seen in the preview.
    public var rowCount: Int
    /// Columns: name and type label (`int`, `text`, `date-time`).
    public var columns: [GridColumn]
    /// The column that links rows to the parent (`contact_id`, `_parent_key`), if any.
    public var linkColumn: String?
    /// The column children link to (`id`, `_key`), if any.
    public var keyColumn: String?
    /// The columns Infuse generates (parent id, keys, `_position`): every table keeps them.
    public var generatedColumns: [String]
    /// The parent schema's path.
    public var parentPath: String?
    /// The first rows, as text.
    public var previewRows: [[String]]
    /// Nested schemas.
    public var children: [SchemaSummary]

    /// Creates a summary.
    public init(path: String, rowCount: Int, columns: [GridColumn], linkColumn: String? = nil,
                keyColumn: String? = nil, generatedColumns: [String] = [], parentPath: String? = nil,
                previewRows: [[String]] = [], children: [SchemaSummary] = []) {
        self.path = path
        self.rowCount = rowCount
        self.columns = columns
        self.linkColumn = linkColumn
        self.keyColumn = keyColumn
        self.generatedColumns = generatedColumns
        self.parentPath = parentPath
        self.previewRows = previewRows
        self.children = children
    }

    /// The last path segment (`email_addresses`).
    public var label: String { path.split(separator: ".").last.map(String.init) ?? path }

    /// This schema and every descendant, parents first.
    public var flattened: [SchemaSummary] { [self] + children.flatMap(\.flattened) }
}

/// What a preview produced: the schema tree and how much was fetched.
public struct PreviewSummary: Hashable, Sendable {
    /// Top-level schemas.
    public var roots: [SchemaSummary]
    /// Records fetched.
    public var rowsFetched: Int
    /// Pages fetched.
    public var pagesFetched: Int

    /// Creates a summary.
    public init(roots: [SchemaSummary], rowsFetched: Int, pagesFetched: Int) {
        self.roots = roots
        self.rowsFetched = rowsFetched
        self.pagesFetched = pagesFetched
    }

    /// Every schema, parents first.
    public var allSchemas: [SchemaSummary] { roots.flatMap(\.flattened) }

    /// The schema at `path`.
    public func schema(_ path: String) -> SchemaSummary? { allSchemas.first { $0.path == path } }
}

/// Column types the design view offers: the design's raw value and the short label.
public enum DesignColumnType {
    /// `(raw value for ColumnOverride.type, label)`, in the order `t` cycles through them.
    public static let all: [(raw: String, label: String)] = [
        ("integer", "int"), ("decimal", "decimal"), ("boolean", "bool"), ("text", "text"),
        ("date_time", "date-time"), ("json", "json"),
    ]

    /// The label of an inferred type.
    public static func label(_ type: ColumnType) -> String {
        switch type {
        case .integer: "int"
        case .decimal: "decimal"
        case .boolean: "bool"
        case .text: "text"
        case .dateTime: "date-time"
        case .json: "json"
        }
    }

    /// The label of an override's raw value (the raw value itself when unknown).
    public static func label(raw: String) -> String {
        all.first { $0.raw == raw }?.label ?? raw
    }
}

/// A secret typed by the user (an API key) held only until it is used; never printed.
public struct SecretText: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret.
    public let value: String
    /// Wraps a secret.
    public init(_ value: String) { self.value = value }
    /// Always `•••`.
    public var description: String { "•••" }
    /// Always `•••`.
    public var debugDescription: String { "•••" }
}

extension PreviewSummary {
    /// The summary of a core preview: every schema with its columns, links and first rows as text.
    public init(_ result: PreviewResult) {
        self.init(roots: result.tree.roots.map(SchemaSummary.init), rowsFetched: result.rowsFetched,
                  pagesFetched: result.pagesFetched)
    }
}

extension SchemaSummary {
    /// The summary of an inferred schema node (cells cut to 80 characters).
    public init(_ node: SchemaNode) {
        self.init(
            path: node.path, rowCount: node.rowCount,
            columns: node.columns.map { GridColumn(name: $0.name, type: DesignColumnType.label($0.type)) },
            linkColumn: node.columns.first { $0.source.role == .parentID || $0.source.role == .parentKey }?.name,
            keyColumn: node.keyColumn?.name,
            generatedColumns: node.columns.filter { $0.source.role != .value }.map(\.name), parentPath: node.parentPath,
            previewRows: node.previewRows.map { row in
                row.map { value in
                    if case .null = value { return "" }
                    let text = value.description
                    return text.count > 80 ? String(text.prefix(79)) + "…" : text
                }
            },
            children: node.children.map(SchemaSummary.init))
    }
}
