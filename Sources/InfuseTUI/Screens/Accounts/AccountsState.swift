import Foundation
import InfuseApp
import InfuseCore

/// Screen 4, Connected accounts: the accounts with their status; use one, Connect New Account,
/// rename, re-authorize, delete (the confirmation names the data sources using it).
public struct AccountsState: Equatable, Sendable {
    /// Why the list is open.
    public enum Purpose: Hashable, Sendable {
        /// From the home screen (`a`): manage accounts.
        case manage
        /// From the connection picker: pick the account for a new data source.
        case choose(ConnectionChoice)
    }

    /// Why the list is open.
    public var purpose: Purpose
    /// The rows shown.
    public var rows: [AccountRow]
    /// The table.
    public var list: ListState

    /// Column headings.
    public static let header = ["Name", "App", "Kind", "Status", "Authorized", "Used by"]

    /// Creates the screen.
    public init(purpose: Purpose, rows: [AccountRow]) {
        self.purpose = purpose
        self.rows = rows
        self.list = ListState(rows: [], header: Self.header,
                              emptyText: "No connected accounts yet — press c to Connect New Account")
        show(rows)
    }

    /// Replaces the rows, keeping the selection.
    public mutating func show(_ rows: [AccountRow]) {
        self.rows = rows
        list.setItems(rows.map { row in
            [row.account.name, row.appText, row.account.authKind == .oauth ? "OAuth" : "API key", row.statusText,
             row.authorizedText, row.usedByText]
        })
    }

    /// The selected account.
    public var selected: AccountRow? { list.selectedItemIndex.map { rows[$0] } }

}
