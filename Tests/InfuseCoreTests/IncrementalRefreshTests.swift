import Foundation
import GRDB
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// Incremental refresh against the living sandbox (`SandboxServer.applyChanges`, what
/// `POST /_sandbox/changes` does): after each change the tables must equal a full read of the
/// sandbox, compared by content (``IncrementalCheck``), and the contacts the sandbox's own export.
@Suite("Incremental refresh")
struct IncrementalRefreshTests {
    @Test("v1 contacts: updated and created records merge by id; deletes wait for the reconcile (--full), then the tables equal a full read")
    func v1UpdatesCreatesThenDeletesOnFull() async throws {
        try await withSandbox({ $0.records = 2500; $0.spikeLimitPerSecond = 10_000 }) { server, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            try fixture.workspace.insertDataSource(try await fixture.incrementalSource("Inc"))
            let first = try await fixture.engine.refresh(sourceNamed: "Inc", progress: nil)
            #expect(first.details.sync == .full)
            #expect(first.details.warnings.contains("read in full: no earlier run left a watermark"))
            let watermark = try #require(first.details.watermark)
            #expect(ChangeTime.parse(watermark) != nil)

            let namesBefore = try IncrementalCheck.loadedContacts(fixture.workspace, source: "Inc")
            let changed = try #require(server.applyChanges(resource: "contacts", update: 7, create: 3, delete: 0))
            let before = server.statistics().apiRequests
            let second = try await fixture.engine.refresh(sourceNamed: "Inc", progress: nil)
            #expect(second.details.sync == .incremental)
            #expect(server.statistics().apiRequests - before == second.details.apiRequests)
            #expect((second.details.apiRequests ?? 99) <= 3)
            #expect((second.details.rowsUpserted ?? 0) >= 10)
            #expect(second.details.rowsDeleted == nil)
            let newWatermark = try #require(second.details.watermark)
            #expect(try #require(ChangeTime.parse(newWatermark)) > ChangeTime.parse(watermark)!)
            #expect(try fixture.count("inc__contacts") == 2503)
            try await IncrementalCheck.expectMatchesExport(fixture.workspace, source: "Inc", root: root)
            try await IncrementalCheck.expectEqualsFullRead(fixture, source: "Inc", fullName: "Full after update")
            let updatedNames = try IncrementalCheck.loadedContacts(fixture.workspace, source: "Inc")
            for id in changed.updated { #expect(updatedNames[id] != namesBefore[id], "contact \(id) shows its update (a new middle name)") }

            // Deleted records: v1 cannot list ids alone, so an incremental run keeps them until a full read.
            let deleted = try #require(server.applyChanges(resource: "contacts", update: 2, create: 0, delete: 4)).deleted
            let third = try await fixture.engine.refresh(sourceNamed: "Inc", progress: nil)
            #expect(third.details.sync == .incremental)
            let kept = try IncrementalCheck.loadedContacts(fixture.workspace, source: "Inc")
            #expect(deleted.allSatisfy { kept[$0] != nil }, "deletes wait for the reconcile")
            let fourth = try await fixture.engine.refresh(sourceNamed: "Inc", full: true, progress: nil)
            #expect(fourth.details.sync == .full)
            #expect(fourth.details.rowsDeleted == 4)
            #expect(fourth.details.warnings.contains("read in full: --full"))
            try await IncrementalCheck.expectMatchesExport(fixture.workspace, source: "Inc", root: root)
            try await IncrementalCheck.expectEqualsFullRead(fixture, source: "Inc", fullName: "Full after delete")

            let history = try fixture.workspace.runs(source: "Inc").reversed().map(\.details)
            #expect(history.map(\.sync) == [.full, .incremental, .incremental, .full])
            #expect(history.map(\.rowsDeleted) == [nil, nil, nil, 4])
            #expect(try fixture.workspace.lastReconciled(source: "Inc") != nil)
        }
    }

    @Test("v2 contacts: an incremental run whose reconcile is due sweeps ids (fields=id) and deletes the records gone")
    func v2SweepFindsDeletes() async throws {
        try await withSandbox({ $0.records = 2500; $0.spikeLimitPerSecond = 10_000 }) { server, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            try fixture.workspace.insertDataSource(try await fixture.incrementalSource("V2 inc", endpoint: "v2.contacts"))
            _ = try await fixture.engine.refresh(sourceNamed: "V2 inc", progress: nil)
            let changed = try #require(server.applyChanges(resource: "contacts", update: 5, create: 2, delete: 3))
            // Not due yet: merged, nothing deleted.
            let merged = try await fixture.engine.refresh(sourceNamed: "V2 inc", progress: nil)
            #expect(merged.details.sync == .incremental)
            #expect(merged.details.rowsDeleted == nil)
            #expect((merged.details.apiRequests ?? 99) <= 3)
            // Due: the sweep lists every id and the three deleted ones go, with their child rows.
            try fixture.workspace.markReconciled(source: "V2 inc", at: Date(timeIntervalSinceNow: -2 * 86_400))
            let swept = try await fixture.engine.refresh(sourceNamed: "V2 inc", progress: nil)
            #expect(swept.details.sync == .incremental)
            #expect(swept.details.rowsDeleted == 3)
            let ids = try await fixture.workspace.dbPool.read { db in try Int.fetchAll(db, sql: "SELECT id FROM v2_inc__contacts") }
            #expect(Set(ids).isDisjoint(with: changed.deleted))
            #expect(ids.count == 2500 + 2 - 3)
            try await IncrementalCheck.expectEqualsFullRead(fixture, source: "V2 inc", fullName: "V2 full")
            #expect(try fixture.workspace.lastReconciled(source: "V2 inc").map { Date().timeIntervalSince($0) < 600 } == true)
        }
    }

    @Test("v2 orders, tasks and companies: updated and created records merge; --full finds the deleted ones", arguments: [
        ("v2.orders", "orders"), ("v2.tasks", "tasks"), ("v2.companies", "companies"),
    ])
    func v2OrdersAndTasks(endpoint: String, resource: String) async throws {
        try await withSandbox({ $0.records = 2500; $0.spikeLimitPerSecond = 10_000 }) { server, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            try fixture.workspace.insertDataSource(try await fixture.incrementalSource("Inc", endpoint: endpoint))
            let first = try await fixture.engine.refresh(sourceNamed: "Inc", progress: nil)
            #expect(first.details.watermark != nil)
            _ = try #require(server.applyChanges(resource: resource, update: 6, create: 2, delete: 0))
            let merged = try await fixture.engine.refresh(sourceNamed: "Inc", progress: nil)
            #expect(merged.details.sync == .incremental)
            #expect((merged.details.rowsUpserted ?? 0) >= 8)
            #expect((merged.details.apiRequests ?? 99) <= 3)
            try await IncrementalCheck.expectEqualsFullRead(fixture, source: "Inc", fullName: "Full 1")
            _ = try #require(server.applyChanges(resource: resource, update: 0, create: 0, delete: 2))
            let full = try await fixture.engine.refresh(sourceNamed: "Inc", full: true, progress: nil)
            #expect(full.details.rowsDeleted == 2)
            try await IncrementalCheck.expectEqualsFullRead(fixture, source: "Inc", fullName: "Full 2")
        }
    }

    @Test("a custom field added to the account between runs (a change of shape): the merge adds its column, the tables equal a full read")
    func customFieldAddedBetweenRuns() async throws {
        try await withSandbox({ $0.records = 1500; $0.spikeLimitPerSecond = 10_000 }) { server, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            try fixture.workspace.insertDataSource(
                try await fixture.incrementalSource("Fields", query: ["optional_properties": "custom_fields"], pivot: true))
            _ = try await fixture.engine.refresh(sourceNamed: "Fields", progress: nil)
            let report = try #require(server.applyChanges(resource: "contacts", update: 25, create: 3, delete: 0, addField: "Loyalty Points"))
            let merged = try await fixture.engine.refresh(sourceNamed: "Fields", progress: nil)
            #expect(merged.details.sync == .incremental)
            let added = try #require(merged.schemaChanges.first { $0.hasPrefix("contacts: +") && $0.contains("loyalty") }, "\(merged.schemaChanges)")
            let column = String(added.dropFirst("contacts: +".count))
            let filled = try await fixture.workspace.dbPool.read { db in
                try Int.fetchAll(db, sql: "SELECT id FROM fields__contacts WHERE \(column.quotedDatabaseIdentifier) IS NOT NULL ORDER BY id")
            }
            #expect(filled == (report.updated + report.created).sorted())
            try await IncrementalCheck.expectEqualsFullRead(fixture, source: "Fields", fullName: "Fields full")
        }
    }

    @Test("a changed definition, tables gone, Max Rows or the root table read in full and say why; the next run is incremental again")
    func fallbacksToAFullRead() async throws {
        try await withSandbox({ $0.records = 1500; $0.spikeLimitPerSecond = 10_000 }) { server, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            try fixture.workspace.insertDataSource(try await fixture.incrementalSource("Back"))
            _ = try await fixture.engine.refresh(sourceNamed: "Back", progress: nil)
            var source = try #require(try fixture.workspace.dataSource(named: "Back"))
            source.description = "edited"
            source.updatedAt = Date()
            try fixture.workspace.updateDataSource(source)
            _ = server.applyChanges(resource: "contacts", update: 3, create: 1, delete: 0)
            let edited = try await fixture.engine.refresh(sourceNamed: "Back", progress: nil)
            #expect(edited.details.sync == .full)
            #expect(edited.details.warnings.contains("read in full: the definition changed since the last run"))
            try await fixture.workspace.dbPool.write { db in try db.execute(sql: "DROP VIEW back; DROP TABLE back__contacts") }
            let gone = try await fixture.engine.refresh(sourceNamed: "Back", progress: nil)
            #expect(gone.details.warnings.contains("read in full: its tables are gone"))
            #expect(try fixture.count("back__contacts") == 1501)
            _ = server.applyChanges(resource: "contacts", update: 2, create: 0, delete: 0)
            let again = try await fixture.engine.refresh(sourceNamed: "Back", progress: nil)
            #expect(again.details.sync == .incremental)
            try await IncrementalCheck.expectEqualsFullRead(fixture, source: "Back", fullName: "Back full")
            source = try #require(try fixture.workspace.dataSource(named: "Back"))
            source.maxRows = 1000
            source.updatedAt = Date(timeIntervalSince1970: 0)
            try fixture.workspace.updateDataSource(source)
            let capped = try await fixture.engine.refresh(sourceNamed: "Back", progress: nil)
            #expect(capped.details.warnings.contains("read in full: Max Rows is set"))

            // root (the page wrappers: count, next, previous of each page) chosen, or every schema: read in full each time.
            for (name, schemas) in [("With root", ["root", "contacts"]), ("Everything", [])] {
                try fixture.workspace.insertDataSource(DataSource(
                    name: name, accountName: fixture.account.name, target: .endpoint(id: "contacts"), selectedSchemas: schemas, sync: .incremental))
                _ = try await fixture.engine.refresh(sourceNamed: name, progress: nil)
                _ = server.applyChanges(resource: "contacts", update: 2, create: 1, delete: 0)
                let wrapped = try await fixture.engine.refresh(sourceNamed: name, progress: nil)
                #expect(wrapped.details.sync == .full)
                #expect(wrapped.details.warnings.contains("read in full: the root table (Keap's page wrappers) is imported, and only a full read gives it"))
                let slug = TableNaming.slug(for: name)
                let counts = try await fixture.workspace.dbPool.read { db in
                    try Int.fetchAll(db, sql: "SELECT DISTINCT count FROM \(slug)__root")
                }
                #expect(counts == [try fixture.count("\(slug)__contacts")], "every page wrapper counts the contacts now there")
            }
        }
    }

    @Test("a full read during which records are deleted and created reads again and stores no duplicate and no gap")
    func changesWhileAFullReadPages() async throws {
        try await withSandbox({ $0.records = 3500; $0.spikeLimitPerSecond = 10_000 }) { server, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            try fixture.workspace.insertDataSource(try await fixture.incrementalSource("Moving", sync: .full))
            let once = OnceFlag()
            let outcome = try await fixture.engine.refresh(sourceNamed: "Moving") { progress in
                // After the first page, before the next is asked for: offsets shift under the listing.
                if progress.phase == .fetching, progress.pagesFetched == 1, once.take() {
                    _ = server.applyChanges(resource: "contacts", update: 0, create: 1, delete: 3)
                }
            }
            #expect(outcome.details.warnings.contains { $0.contains("while paging; read again (1/2)") }, "\(outcome.details.warnings)")
            #expect(try fixture.count("moving__contacts") == 3500 + 1 - 3)
            let duplicates = try await fixture.workspace.dbPool.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT id FROM moving__contacts GROUP BY id HAVING COUNT(*) > 1)")
            }
            #expect(duplicates == 0)
            try await IncrementalCheck.expectMatchesExport(fixture.workspace, source: "Moving", root: root)
            try await IncrementalCheck.expectEqualsFullRead(fixture, source: "Moving", fullName: "Moving again")

            // Records that move during every read: bounded attempts, then a clear failure; the tables stay.
            let before = try IncrementalCheck.tables(fixture.workspace, source: "Moving")
            let always = OnceFlag()
            await #expect(throws: KeapAPIError.self) {
                _ = try await fixture.engine.refresh(sourceNamed: "Moving") { progress in
                    if progress.phase == .fetching, progress.pagesFetched == 1, always.take(times: 10) {
                        _ = server.applyChanges(resource: "contacts", update: 0, create: 0, delete: 1)
                    }
                }
            }
            #expect(try IncrementalCheck.tables(fixture.workspace, source: "Moving") == before)
            let failed = try #require(try fixture.workspace.lastRun(source: "Moving"))
            #expect(failed.status == .failed)
            #expect(failed.error?.contains("changed while paging") == true)
        }
    }

    @Test("a full read during which as many records are deleted before its offset as created after it (count unchanged) reads again: no gap")
    func equalDeletesAndCreatesWhileAFullReadPages() async throws {
        try await withSandbox({ $0.records = 3500; $0.spikeLimitPerSecond = 10_000 }) { server, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            try fixture.workspace.insertDataSource(try await fixture.incrementalSource("Shift", sync: .full))
            let once = OnceFlag()
            let outcome = try await fixture.engine.refresh(sourceNamed: "Shift") { progress in
                // After the first page: two records on it go and two new ones come at the end, so
                // Keap's count is the same while every later offset moves by two.
                if progress.phase == .fetching, progress.pagesFetched == 1, once.take() {
                    _ = server.applyChanges(resource: "contacts", update: 0, create: 2, delete: 0, deleteIDs: [17, 400])
                }
            }
            #expect(outcome.details.warnings.contains { $0.contains("was id 1000, then id 1002, while paging; read again (1/2)") },
                    "\(outcome.details.warnings)")
            #expect(try fixture.count("shift__contacts") == 3500)
            try await IncrementalCheck.expectMatchesExport(fixture.workspace, source: "Shift", root: root)
            try await IncrementalCheck.expectEqualsFullRead(fixture, source: "Shift", fullName: "Shift again")
        }
    }

    @Test("v2 contacts: records deleted ahead of an incremental listing's position skip no changed record")
    func v2DeletesWhileAnIncrementalReadPages() async throws {
        try await withSandbox({ $0.records = 3000; $0.spikeLimitPerSecond = 10_000 }) { server, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            try fixture.workspace.insertDataSource(try await fixture.incrementalSource("V2 moving", endpoint: "v2.contacts"))
            _ = try await fixture.engine.refresh(sourceNamed: "V2 moving", progress: nil)
            // 1,500 changed contacts: two pages of changes.
            let changed = try #require(server.applyChanges(resource: "contacts", update: 1500, create: 0, delete: 0)).updated.sorted()
            let once = OnceFlag()
            let outcome = try await fixture.engine.refresh(sourceNamed: "V2 moving") { progress in
                // After the first page of changes: five of the contacts it held are deleted.
                if progress.phase == .fetching, progress.pagesFetched == 1, once.take() {
                    _ = server.applyChanges(resource: "contacts", update: 0, create: 0, delete: 0, deleteIDs: Array(changed.prefix(5)))
                }
            }
            #expect(outcome.details.sync == .incremental)
            // Every changed contact still there was merged (the five deleted go at the next reconcile).
            let exported = try await IncrementalCheck.exportedContacts(root: root)
            let loaded = try IncrementalCheck.loadedContacts(fixture.workspace, source: "V2 moving")
            let stale = changed.filter { exported[$0] != nil && loaded[$0] != exported[$0] }
            #expect(stale.isEmpty, "changed contacts not merged: \(stale.prefix(10))")
            let full = try await fixture.engine.refresh(sourceNamed: "V2 moving", full: true, progress: nil)
            #expect(full.details.rowsDeleted == 5)
            try await IncrementalCheck.expectMatchesExport(fixture.workspace, source: "V2 moving", root: root)
        }
    }

    @Test("an incremental run whose records change again while it pages (they move in the change order) reads again")
    func changesDuringAnIncrementalReadAreReadAgain() async throws {
        try await withSandbox({ $0.records = 2500; $0.spikeLimitPerSecond = 10_000 }) { server, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            try fixture.workspace.insertDataSource(try await fixture.incrementalSource("Order"))
            _ = try await fixture.engine.refresh(sourceNamed: "Order", progress: nil)
            // 1,500 changed records: two pages in ascending change order.
            _ = server.applyChanges(resource: "contacts", update: 1500, create: 0, delete: 0)
            let once = OnceFlag()
            let outcome = try await fixture.engine.refresh(sourceNamed: "Order") { progress in
                if progress.phase == .fetching, progress.pagesFetched == 1, once.take() {
                    // Records on the first page change again: they move to the end of the order.
                    _ = server.applyChanges(resource: "contacts", update: 600, create: 0, delete: 0)
                }
            }
            #expect(outcome.details.sync == .incremental)
            #expect(outcome.details.warnings.contains { $0.contains("read again (1/2)") }, "\(outcome.details.warnings)")
            try await IncrementalCheck.expectMatchesExport(fixture.workspace, source: "Order", root: root)
            try await IncrementalCheck.expectEqualsFullRead(fixture, source: "Order", fullName: "Order full")
        }
    }
}
