import Foundation

/// A saved data source: where its data comes from, how much and how often, and how it is shaped
/// into tables. Stored in the workspace; the refresh engine turns it into tables named by
/// `TableNaming`.
public struct DataSource: Codable, Sendable, Equatable, Identifiable {
    /// Unique name, e.g. "Contacts report". Its slug names the tables and the view.
    public var name: String
    /// Free text, at most 500 characters.
    public var description: String
    /// How it connects (Keap).
    public var connectionType: ConnectionType
    /// The name of the `Account` whose credentials fetch the data.
    public var accountName: String
    /// The catalogue endpoint or custom URL.
    public var target: DataSourceTarget
    /// The HTTP method; always "GET" (validation refuses anything else).
    public var method: String
    /// The most rows to fetch; nil fetches everything.
    public var maxRows: Int?
    /// How often the schedule refreshes it.
    public var refreshInterval: RefreshInterval
    /// The response format (JSON).
    public var dataFormat: DataFormat
    /// The schema paths imported as tables (`contacts`, `contacts.email_addresses`); empty imports
    /// every schema the data yields.
    public var selectedSchemas: [String]
    /// Columns kept, renamed and retyped per table, and the joins of the view.
    public var design: DataSourceDesign
    /// Whether Keap custom fields are pivoted into named, typed `custom_<label>` columns.
    public var customFieldsPivot: Bool
    /// Where the tables go: nil for the workspace's SQLite (the default), else a PostgreSQL URL
    /// `postgres://user@host:port/db?sslmode=MODE`, libpq's `PG*` variables filling what it leaves
    /// out (never with a password: that comes from the secrets file, `PGPASSWORD` or
    /// `~/.pgpass`). See `PostgresURL`.
    public var destination: String?
    /// How a refresh reads the API: `.incremental` reads only what changed since the last run's
    /// watermark (where the endpoint has a change filter, see `ChangeCursor`), `.full` everything.
    public var sync: SyncMode
    /// How often an incremental source is reconciled (deleted records found by an id sweep or a
    /// full read), in seconds; a day by default.
    public var reconcileInterval: Int
    /// When the source was created and last changed. The workspace stores them to the millisecond.
    public var createdAt: Date
    /// When the definition was last saved with changes (set by the caller).
    public var updatedAt: Date

    /// A day: how often an incremental source is reconciled unless it says otherwise.
    public static let defaultReconcileInterval = 86_400

    /// The name, which identifies the source.
    public var id: String { name }

    /// The slug naming the source's tables and view (see `TableNaming`).
    public var slug: String { TableNaming.slug(for: name) }

    /// - Parameters: see the properties; `updatedAt` defaults to `createdAt`; `destination` nil is
    ///   the workspace's SQLite.
    public init(
        name: String,
        description: String = "",
        connectionType: ConnectionType = .infusionsoft,
        accountName: String,
        target: DataSourceTarget,
        method: String = "GET",
        maxRows: Int? = nil,
        refreshInterval: RefreshInterval = .never,
        dataFormat: DataFormat = .json,
        selectedSchemas: [String] = [],
        design: DataSourceDesign = DataSourceDesign(),
        customFieldsPivot: Bool = false,
        createdAt: Date = Date(),
        updatedAt: Date? = nil,
        destination: String? = nil,
        sync: SyncMode = .full,
        reconcileInterval: Int = DataSource.defaultReconcileInterval
    ) {
        self.sync = sync
        self.reconcileInterval = reconcileInterval
        self.name = name
        self.description = description
        self.connectionType = connectionType
        self.accountName = accountName
        self.target = target
        self.method = method
        self.maxRows = maxRows
        self.refreshInterval = refreshInterval
        self.dataFormat = dataFormat
        self.selectedSchemas = selectedSchemas
        self.design = design
        self.customFieldsPivot = customFieldsPivot
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.destination = destination
    }
}
