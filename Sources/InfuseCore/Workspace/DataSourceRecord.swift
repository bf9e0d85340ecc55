import Foundation
import GRDB

/// A `data_sources` row: the definition's scalar fields in columns (so the account name follows a
/// rename through a foreign key) and its target, schemas and design as JSON text.
struct DataSourceRecord: FetchableRecord, PersistableRecord {
    static var databaseTableName: String { "data_sources" }

    var source: DataSource

    init(_ source: DataSource) {
        self.source = source
    }

    init(row: Row) throws {
        source = DataSource(
            name: try row.decode(forColumn: "name"),
            description: try row.decode(forColumn: "description"),
            connectionType: try row.decodeEnum(ConnectionType.self, forColumn: "connection_type"),
            accountName: try row.decode(forColumn: "account_name"),
            target: try row.decodeJSON(DataSourceTarget.self, forColumn: "target"),
            method: try row.decode(forColumn: "method"),
            maxRows: try row.decode(forColumn: "max_rows"),
            refreshInterval: try row.decodeEnum(RefreshInterval.self, forColumn: "refresh_interval"),
            dataFormat: try row.decodeEnum(DataFormat.self, forColumn: "data_format"),
            selectedSchemas: try row.decodeJSON([String].self, forColumn: "selected_schemas"),
            design: try row.decodeJSON(DataSourceDesign.self, forColumn: "design"),
            customFieldsPivot: try row.decode(forColumn: "custom_fields_pivot"),
            createdAt: try row.decode(forColumn: "created_at"),
            updatedAt: try row.decode(forColumn: "updated_at"),
            destination: try row.decode(forColumn: "destination"),
            sync: try row.decodeEnum(SyncMode.self, forColumn: "sync_mode"),
            reconcileInterval: try row.decode(forColumn: "reconcile_interval"))
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["name"] = source.name
        container["slug"] = source.slug
        container["description"] = source.description
        container["connection_type"] = source.connectionType.rawValue
        container["account_name"] = source.accountName
        container["target"] = try jsonText(source.target)
        container["method"] = source.method
        container["max_rows"] = source.maxRows
        container["refresh_interval"] = source.refreshInterval.rawValue
        container["data_format"] = source.dataFormat.rawValue
        container["selected_schemas"] = try jsonText(source.selectedSchemas)
        container["design"] = try jsonText(source.design)
        container["custom_fields_pivot"] = source.customFieldsPivot
        container["created_at"] = source.createdAt
        container["updated_at"] = source.updatedAt
        container["destination"] = source.destination
        container["sync_mode"] = source.sync.rawValue
        container["reconcile_interval"] = source.reconcileInterval
        // last_reconciled_at is written only by `Workspace.markReconciled` (runtime state, not the definition).
    }
}
