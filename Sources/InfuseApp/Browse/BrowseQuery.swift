import Foundation

/// One relation a data source's Browse view can show: its join view or one of its tables.
public struct BrowseTable: Hashable, Sendable {
    /// What the user sees: `view` or the schema path (`contacts.email_addresses`).
    public var label: String
    /// The relation's name in the destination (`contacts_report__contacts`).
    public var relation: String
    /// True for the source's join view (no rowid: windows are read by offset).
    public var isView: Bool

    /// Creates a table entry.
    public init(label: String, relation: String, isView: Bool) {
        self.label = label
        self.relation = relation
        self.isView = isView
    }
}

/// Sorting by one column.
public struct BrowseSort: Hashable, Sendable {
    /// The column's name.
    public var column: String
    /// True for largest first.
    public var descending: Bool

    /// Creates a sort.
    public init(column: String, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }
}

/// A filter on one column: rows whose value contains `text` (case-insensitively); for a boolean
/// column `true`/`false` (or 1/0) match the value.
public struct BrowseFilter: Hashable, Sendable {
    /// The column's name.
    public var column: String
    /// What the value must contain.
    public var text: String

    /// Creates a filter.
    public init(column: String, text: String) {
        self.column = column
        self.text = text
    }
}

/// What a Browse grid shows of a relation: its order and filter. Both run in the destination as
/// queries; nothing is sorted or filtered in memory.
public struct BrowseQuery: Hashable, Sendable {
    /// The order; nil is the table's own (rowid) order.
    public var sort: BrowseSort?
    /// The filter; nil shows every row.
    public var filter: BrowseFilter?

    /// Creates a query.
    public init(sort: BrowseSort? = nil, filter: BrowseFilter? = nil) {
        self.sort = sort
        self.filter = filter
    }

    /// One line for the status bar: `sorted by email ↓ · email contains "ann"`, or nil.
    public var summary: String? {
        var parts: [String] = []
        if let sort { parts.append("sorted by \(sort.column) \(sort.descending ? "↓" : "↑")") }
        if let filter { parts.append("\(filter.column) contains \"\(filter.text)\"") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// The next sort when the user toggles sorting on `column`: ascending, descending, none.
    public func togglingSort(on column: String) -> BrowseQuery {
        var next = self
        switch sort {
        case let s? where s.column == column && !s.descending: next.sort = BrowseSort(column: column, descending: true)
        case let s? where s.column == column && s.descending: next.sort = nil
        default: next.sort = BrowseSort(column: column)
        }
        return next
    }
}
