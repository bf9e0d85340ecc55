import GRDB

/// The versioned schema of `infuse.sqlite`. Migrations are append-only: a released one is never
/// edited; changes go in a new one (`v2`, …).
enum WorkspaceMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE accounts (
                    name TEXT PRIMARY KEY NOT NULL,
                    api_base TEXT NOT NULL,
                    auth_kind TEXT NOT NULL,
                    created_at DATETIME NOT NULL,
                    last_authorized_at DATETIME,
                    status TEXT NOT NULL
                );
                CREATE TABLE data_sources (
                    name TEXT PRIMARY KEY NOT NULL,
                    slug TEXT NOT NULL UNIQUE,
                    description TEXT NOT NULL,
                    connection_type TEXT NOT NULL,
                    account_name TEXT NOT NULL
                        REFERENCES accounts(name) ON UPDATE CASCADE ON DELETE RESTRICT,
                    target TEXT NOT NULL,
                    method TEXT NOT NULL,
                    max_rows INTEGER,
                    refresh_interval TEXT NOT NULL,
                    data_format TEXT NOT NULL,
                    selected_schemas TEXT NOT NULL,
                    design TEXT NOT NULL,
                    custom_fields_pivot BOOLEAN NOT NULL,
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL
                );
                CREATE INDEX data_sources_account ON data_sources(account_name);
                CREATE TABLE refresh_runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    source_name TEXT NOT NULL
                        REFERENCES data_sources(name) ON UPDATE CASCADE ON DELETE CASCADE,
                    started_at DATETIME NOT NULL,
                    ended_at DATETIME,
                    status TEXT NOT NULL,
                    rows_per_table TEXT NOT NULL DEFAULT '{}',
                    error TEXT,
                    schema_changes TEXT NOT NULL DEFAULT '[]',
                    pid INTEGER NOT NULL
                );
                CREATE INDEX refresh_runs_source ON refresh_runs(source_name, id);
                CREATE INDEX refresh_runs_running ON refresh_runs(status) WHERE status = 'running';
                """)
        }
        // Issue 7: where a data source's tables go (NULL: the workspace's SQLite).
        migrator.registerMigration("v2_destination") { db in
            try db.execute(sql: "ALTER TABLE data_sources ADD COLUMN destination TEXT")
        }
        // Issues 13–15: how a run read (full or incremental), what it cost and changed.
        migrator.registerMigration("v3_run_details") { db in
            try db.execute(sql: """
                ALTER TABLE refresh_runs ADD COLUMN sync_mode TEXT NOT NULL DEFAULT 'full';
                ALTER TABLE refresh_runs ADD COLUMN api_requests INTEGER;
                ALTER TABLE refresh_runs ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE refresh_runs ADD COLUMN rows_upserted INTEGER;
                ALTER TABLE refresh_runs ADD COLUMN rows_deleted INTEGER;
                ALTER TABLE refresh_runs ADD COLUMN watermark TEXT;
                """)
        }
        // Issue 14: how each source reads (full or incremental), how often it is reconciled and when it last was.
        migrator.registerMigration("v4_sync") { db in
            try db.execute(sql: """
                ALTER TABLE data_sources ADD COLUMN sync_mode TEXT NOT NULL DEFAULT 'full';
                ALTER TABLE data_sources ADD COLUMN reconcile_interval INTEGER NOT NULL DEFAULT 86400;
                ALTER TABLE data_sources ADD COLUMN last_reconciled_at DATETIME;
                """)
        }
        return migrator
    }
}
