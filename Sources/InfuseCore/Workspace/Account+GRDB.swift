import Foundation
import GRDB

/// `Account` rows of the `accounts` table (no secrets: those live in `secrets.json`).
extension Account: FetchableRecord, PersistableRecord {
    /// The table holding accounts.
    public static var databaseTableName: String { "accounts" }

    /// Reads an account from an `accounts` row.
    public init(row: Row) throws {
        let apiBase: String = try row.decode(forColumn: "api_base")
        guard let url = URL(string: apiBase) else {
            throw WorkspaceError.database(message: "unreadable api_base in accounts")
        }
        self.init(
            name: try row.decode(forColumn: "name"),
            apiBase: url,
            authKind: try row.decodeEnum(AuthKind.self, forColumn: "auth_kind"),
            createdAt: try row.decode(forColumn: "created_at"),
            lastAuthorizedAt: try row.decode(forColumn: "last_authorized_at"),
            status: try row.decodeEnum(AccountStatus.self, forColumn: "status"))
    }

    /// Writes the account's columns.
    public func encode(to container: inout PersistenceContainer) throws {
        container["name"] = name
        container["api_base"] = apiBase.absoluteString
        container["auth_kind"] = authKind.rawValue
        container["created_at"] = createdAt
        container["last_authorized_at"] = lastAuthorizedAt
        container["status"] = status.rawValue
    }
}
