/// A field of the data source form, named the way the designer labels it.
public enum DataSourceField: String, Codable, Sendable, CaseIterable {
    case name
    case description
    case account
    case endpoint
    case customURL = "custom_url"
    case method
    case maxRows = "max_rows"
    case refreshInterval = "refresh_interval"
    case schemas
    case sync

    /// The label shown beside the field; every message about the field starts with it.
    public var label: String {
        switch self {
        case .name: "Name"
        case .description: "Description"
        case .account: "Account"
        case .endpoint: "Endpoint"
        case .customURL: "Custom Url"
        case .method: "Method"
        case .maxRows: "Max Rows"
        case .refreshInterval: "Refresh Interval"
        case .schemas: "Schemas"
        case .sync: "Sync"
        }
    }
}

/// One problem with one field of a data source, e.g. `Max Rows must be a whole number from 1 to
/// 1,000,000`. The message names the field, so it reads on its own in the CLI.
public struct FieldError: UserFacingError, Equatable, Hashable {
    /// The field the problem is about.
    public let field: DataSourceField
    /// The message, starting with the field's label.
    public let message: String

    /// - Parameters:
    ///   - field: the field the problem is about.
    ///   - message: one line that starts with the field's label.
    public init(field: DataSourceField, message: String) {
        self.field = field
        self.message = message
    }

    /// The message.
    public var userMessage: String { message }
}
