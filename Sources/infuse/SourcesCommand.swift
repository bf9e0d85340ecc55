import ArgumentParser
import Foundation
import InfuseApp
import InfuseCore

/// `infuse sources`: create, list, show and delete data sources.
struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources", abstract: "Manage data sources (what to fetch, how often, which schemas).",
        subcommands: [Create.self, List.self, Show.self, Settings.self, Delete.self])

    /// `text` parsed by `parse`, or nil when absent; a `FieldError` is collected into `errors`
    /// (so every field's problem is reported at once) and gives nil too.
    static func field<T>(_ text: String?, _ errors: inout [FieldError], _ parse: (String) throws(FieldError) -> T) -> T? {
        guard let text else { return nil }
        do { return try parse(text) } catch {
            errors.append(error)
            return nil
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a data source after checking the endpoint with a 100-row preview.",
            discussion: "Without --schemas, every schema of the preview except root is imported.")

        @Argument(help: "The data source's name (its slug names the tables and the view).") var name: String
        @Option(help: "The connected account to fetch with.") var account: String
        @Option(help: "An endpoint id or path from `infuse endpoints`.") var endpoint: String?
        @Option(name: .customLong("param"), help: "A path or query parameter of the endpoint, key=value (repeatable).")
        var params: [String] = []
        @Option(help: "A custom URL on the account's API base (instead of --endpoint).") var url: String?
        @Option(name: .customLong("max-rows"), help: "The most rows to fetch (default: all).") var maxRows: String?
        @Option(help: "Refresh interval: \(RefreshInterval.wordList) (default never).") var refresh: String?
        @Option(help: "Schema paths to import, comma-separated (e.g. contacts,contacts.email_addresses).") var schemas: String?
        @Option(help: "Free text.") var description: String = ""
        @Flag(name: .customLong("pivot-custom-fields"), help: "Turn custom_fields into custom_<label> columns.")
        var pivotCustomFields = false
        @Option(help: "Load into PostgreSQL instead of the workspace: postgres://[user@][host][:port][/db][?sslmode=MODE], PG* variables filling the rest (password from `infuse destinations set-password`, PGPASSWORD or ~/.pgpass).")
        var destination: String?
        @Option(help: "How refreshes read: incremental (only what changed since the last run, where the endpoint has a change filter: \(ChangeCursor.endpointList)) or full (default: incremental where possible).")
        var sync: String?
        @Option(name: .customLong("reconcile-every"), help: "How often an incremental source finds deleted records, in seconds (default 86400, a day).")
        var reconcileEvery: Int = DataSource.defaultReconcileInterval

        func run() async throws {
            try await CLI.guarded {
                let context = try InfuseContext.open()
                var errors: [FieldError] = []
                let target: DataSourceTarget
                switch (endpoint, url) {
                case (let endpoint?, nil):
                    do {
                        target = try FetchTargetParser.parse(endpoint, params: params).dataSourceTarget
                    } catch {
                        errors.append(FieldError(field: .endpoint, message: "Endpoint: \(userMessage(for: error))"))
                        target = .endpoint(id: endpoint)
                    }
                case (nil, let url?):
                    target = .customURL(url)
                default:
                    throw ValidationError("give exactly one of --endpoint ENDPOINT or --url URL")
                }
                var rows: Int?
                do { rows = try DataSourceValidator.parseMaxRows(maxRows ?? "") } catch let error as FieldError { errors.append(error) }
                let interval = SourcesCommand.field(refresh ?? "never", &errors, DataSourceValidator.parseRefreshInterval) ?? .never
                let syncMode = SourcesCommand.field(sync, &errors, DataSourceValidator.parseSync) ?? ChangeCursor.defaultSync(for: target)
                let chosen = schemas.map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
                let source = DataSource(
                    name: name, description: description, accountName: account, target: target, maxRows: rows,
                    refreshInterval: interval, selectedSchemas: chosen ?? [], customFieldsPivot: pivotCustomFields,
                    destination: destination, sync: syncMode, reconcileInterval: reconcileEvery)
                let created = try await context.dataSources.create(source, fieldErrors: errors)
                if !created.missingSchemas.isEmpty {
                    CLI.printError("warning: the first \(DataSourceService.checkRows) rows have no \(created.missingSchemas.joined(separator: ", ")) (they have: \(created.foundSchemas.joined(separator: ", ")))")
                }
                let saved = created.source
                let joins = saved.design.joins.map { "\($0.parentTable).\($0.parentColumn) = \($0.childTable).\($0.childColumn)" }
                CLI.out("created data source \"\(saved.name)\" (\(target.summary)): schemas \(saved.selectedSchemas.joined(separator: ", "))"
                        + (joins.isEmpty ? "" : "; joins \(joins.joined(separator: ", "))") + "; refresh \(interval.label.lowercased()); sync \(saved.sync.rawValue)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List data sources with their last refresh and next due time.")
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await CLI.guarded {
                let context = try InfuseContext.open()
                let items = try context.workspace.allDataSources().map { try SourceReport(source: $0, workspace: context.workspace) }
                if json {
                    CLI.out(try JSONOutput.text(items))
                    return
                }
                if items.isEmpty {
                    CLI.out("No data sources yet: create one with `infuse sources create NAME --account A --endpoint contacts`.")
                    return
                }
                CLI.out(TextTable.render(
                    header: ["NAME", "TARGET", "REFRESH", "LAST REFRESH", "STATUS", "ROWS", "NEXT DUE"],
                    rows: items.map { item in
                        [item.source.name, item.source.target.summary, item.source.refreshInterval.word,
                         item.lastRun.map { RefreshLogLine.timestamp($0.startedAt) } ?? "never",
                         item.lastRun?.status.rawValue ?? "-", item.lastRun.map { RefreshLogLine.grouped($0.totalRows) } ?? "-",
                         item.nextDue.map(RefreshLogLine.timestamp) ?? "-"]
                    }))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a data source, its tables and its recent refreshes.")
        @Argument var name: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await CLI.guarded {
                let context = try InfuseContext.open()
                guard let source = try context.workspace.dataSource(named: name) else { throw WorkspaceError.dataSourceNotFound(name: name) }
                let summary = try SourceReport(source: source, workspace: context.workspace, details: true)
                if json {
                    CLI.out(try JSONOutput.text(summary))
                    return
                }
                let runs = summary.runs?.map(\.run) ?? []
                let tables = summary.tables ?? []
                var lines = [
                    "Name:        \(source.name)", "Description: \(source.description)", "Account:     \(source.accountName)",
                    "Target:      \(source.target.summary)", "Max Rows:    \(source.maxRows.map(RefreshLogLine.grouped) ?? "all")",
                    "Refresh:     \(source.refreshInterval.label)", "Schemas:     \(source.selectedSchemas.isEmpty ? "all" : source.selectedSchemas.joined(separator: ", "))",
                    "Custom fields pivoted: \(source.customFieldsPivot ? "yes" : "no")",
                    "Sync:        \(source.sync.rawValue)" + (source.sync == .incremental
                        ? ", reconciled every \(SourceReport.intervalText(source.reconcileInterval)), last \(summary.lastReconciled.map(RefreshLogLine.timestamp) ?? "never")"
                        : ""),
                    "Next due:    \(summary.nextDue.map(RefreshLogLine.timestamp) ?? "-")",
                    "View:        \(source.slug)", "Tables:      \(tables.isEmpty ? "none yet" : tables.joined(separator: ", "))",
                ]
                if !runs.isEmpty {
                    lines.append("")
                    lines.append(TextTable.render(
                        header: ["RUN", "STARTED", "STATUS", "SYNC", "REQUESTS", "ROWS", "CHANGED", "DETAILS"],
                        rows: runs.map { run in
                            [String(run.id), RefreshLogLine.timestamp(run.startedAt), run.status.rawValue, run.details.sync.rawValue,
                             run.details.apiRequests.map(RefreshLogLine.grouped) ?? "-", RefreshLogLine.grouped(run.totalRows),
                             RunReport.changedText(run.details),
                             TextSafety.visible(run.error ?? run.schemaChanges.joined(separator: ", "))]
                        }))
                }
                CLI.out(lines.joined(separator: "\n"))
            }
        }
    }

    struct Settings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change how a saved data source is refreshed: its sync, reconcile interval or refresh interval.",
            discussion: "Only the options given change. What is read stays the same, so the last run's watermark is kept: a source switched to incremental reads only what changed since that run.")
        @Argument var name: String
        @Option(help: "incremental (only what changed since the last run, where the endpoint has a change filter: \(ChangeCursor.endpointList)) or full.")
        var sync: String?
        @Option(name: .customLong("reconcile-every"), help: "How often an incremental source finds deleted records, in seconds (at least 60).")
        var reconcileEvery: Int?
        @Option(help: "Refresh interval: \(RefreshInterval.wordList).") var refresh: String?

        func validate() throws {
            if sync == nil, reconcileEvery == nil, refresh == nil {
                throw ValidationError("give at least one of --sync, --reconcile-every or --refresh")
            }
        }

        func run() async throws {
            try await CLI.guarded {
                let context = try InfuseContext.open()
                var errors: [FieldError] = []
                let mode = SourcesCommand.field(sync, &errors, DataSourceValidator.parseSync)
                let interval = SourcesCommand.field(refresh, &errors, DataSourceValidator.parseRefreshInterval)
                if !errors.isEmpty { throw WorkspaceError.invalidDataSource(errors) }
                let saved = try context.dataSources.changeSettings(
                    of: name, sync: mode, reconcileInterval: reconcileEvery, refreshInterval: interval)
                CLI.out("data source \"\(saved.name)\": sync \(saved.sync.rawValue)"
                        + (saved.sync == .incremental ? ", reconciled every \(SourceReport.intervalText(saved.reconcileInterval))" : "")
                        + "; refresh \(saved.refreshInterval.label.lowercased())")
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a data source with its tables, view and history.")
        @Argument var name: String

        func run() async throws {
            try await CLI.guarded {
                let context = try InfuseContext.open()
                try context.dataSources.delete(name)
                CLI.out("deleted data source \"\(name)\" with its tables and history")
            }
        }
    }
}
