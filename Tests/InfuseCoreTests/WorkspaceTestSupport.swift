import Foundation
import Testing
@testable import InfuseCore

/// A fresh directory under the system temp directory, removed when the test is done with it.
final class WorkspaceTempDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("infuse-ws-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The workspace paths of `<temp>/ws` (not created yet).
    var paths: WorkspacePaths { WorkspacePaths(directory: url.appendingPathComponent("ws", isDirectory: true)) }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Shared values for the workspace, data source and history tests.
enum WorkspaceFixtures {
/// A fixed instant with whole seconds (the store keeps milliseconds).
static let epoch = Date(timeIntervalSince1970: 1_700_000_000)

static func account(_ name: String = "Demo") -> Account {
    Account(
        name: name, apiBase: URL(string: "http://127.0.0.1:8080/crm/rest")!, authKind: .oauth,
        createdAt: epoch, lastAuthorizedAt: epoch.addingTimeInterval(60), status: .ok)
}

static func source(
    _ name: String = "Contacts report", account: String = "Demo", interval: RefreshInterval = .hour1
) -> DataSource {
    DataSource(
        name: name, description: "All contacts with their emails", accountName: account,
        target: .endpoint(id: "contacts", pathParameters: [:], query: ["optional_properties": "custom_fields"]),
        maxRows: 2500, refreshInterval: interval,
        selectedSchemas: ["contacts", "contacts.email_addresses"],
        design: DataSourceDesign(
            tables: [
                "contacts": TableDesign(
                    keptColumns: ["id", "given_name", "family_name"],
                    columnOverrides: ["given_name": ColumnOverride(rename: "first_name", type: "text")]),
                "contacts.email_addresses": TableDesign(enabled: true),
            ],
            joins: [JoinDesign(parentTable: "contacts", parentColumn: "id", childTable: "contacts.email_addresses", childColumn: "contact_id", kind: .left)]),
        customFieldsPivot: true,
        createdAt: epoch, updatedAt: epoch.addingTimeInterval(5))
}

/// The permission bits of a file or directory.
static func mode(_ url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    return try #require(attributes[.posixPermissions] as? Int)
}
}
