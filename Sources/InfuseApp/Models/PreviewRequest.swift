import Foundation
import InfuseCore

/// What to preview: the account, the target and how many rows.
public struct PreviewRequest: Hashable, Sendable {
    /// The account whose credentials fetch.
    public var accountName: String
    /// The endpoint or custom URL.
    public var target: DataSourceTarget
    /// Max Rows (nil: all).
    public var maxRows: Int?
    /// Creates a request.
    public init(accountName: String, target: DataSourceTarget, maxRows: Int?) {
        self.accountName = accountName
        self.target = target
        self.maxRows = maxRows
    }
}
