import Foundation

/// A named, typed column as the designer shows it (a grid's two header rows) and the CLI prints it.
public struct GridColumn: Hashable, Sendable {
    /// Column name, e.g. `given_name`.
    public var name: String
    /// Column type, e.g. `text`, `int`, `date-time`.
    public var type: String

    /// Creates a column.
    public init(name: String, type: String) {
        self.name = name
        self.type = type
    }
}
