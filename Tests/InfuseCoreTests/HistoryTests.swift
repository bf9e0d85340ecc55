import Foundation
import GRDB
import Testing
@testable import InfuseCore

@Suite("Refresh history and schedule")
struct HistoryTests {
    private func workspace(_ temp: WorkspaceTempDirectory, sources: [DataSource] = []) throws -> Workspace {
        let workspace = try Workspace.open(temp.paths)
        try workspace.insertAccount(WorkspaceFixtures.account("Demo"))
        for source in sources { try workspace.insertDataSource(source) }
        return workspace
    }

    @Test func runsAreRecordedNewestFirst() throws {
        let temp = try WorkspaceTempDirectory()
        let workspace = try workspace(temp, sources: [WorkspaceFixtures.source()])
        let t0 = WorkspaceFixtures.epoch
        let first = try workspace.beginRun(source: "Contacts report", at: t0)
        #expect(try workspace.lastRun(source: "Contacts report")?.status == .running)
        #expect(try workspace.lastRun(source: "Contacts report")?.pid == getpid())
        try workspace.finishRun(
            id: first, status: .succeeded,
            rows: ["contacts_report__contacts": 2500, "contacts_report__contacts__email_addresses": 3100],
            schemaChanges: ["contacts: column fax added"], at: t0.addingTimeInterval(12))
        let second = try workspace.beginRun(source: "Contacts report", at: t0.addingTimeInterval(3600))
        try workspace.finishRun(
            id: second, status: .failed, error: "Keap refused the token", at: t0.addingTimeInterval(3601))

        let runs = try workspace.runs(source: "Contacts report", limit: 10)
        #expect(runs.map(\.id) == [second, first])
        #expect(runs[1] == RefreshRun(
            id: first, sourceName: "Contacts report", startedAt: t0, endedAt: t0.addingTimeInterval(12), status: .succeeded,
            rowsPerTable: ["contacts_report__contacts": 2500, "contacts_report__contacts__email_addresses": 3100],
            error: nil, schemaChanges: ["contacts: column fax added"], pid: getpid()))
        #expect(runs[1].totalRows == 5600)
        #expect(runs[0].error == "Keap refused the token")
        #expect(try workspace.runs(source: "Contacts report", limit: 1).map(\.id) == [second])
        #expect(try workspace.lastRun(source: "Contacts report")?.id == second)
        #expect(try workspace.lastSuccessfulRun(source: "Contacts report")?.id == first)
        #expect(try workspace.lastSuccessfulRun(source: "Other") == nil)
    }

    @Test("a run's details (sync mode, requests, warnings, upserts, deletes, watermark) are stored and read back")
    func runDetailsRoundTrip() throws {
        let temp = try WorkspaceTempDirectory()
        let workspace = try workspace(temp, sources: [WorkspaceFixtures.source()])
        let details = RunDetails(
            sync: .incremental, apiRequests: 3, warnings: ["/v2/contacts: page token repeated; the list ended there"],
            rowsUpserted: 100, rowsDeleted: 2, watermark: "2026-12-01T10:00:00.123Z")
        let id = try workspace.beginRun(source: "Contacts report")
        try workspace.finishRun(id: id, status: .succeeded, rows: ["contacts_report__contacts": 100], details: details)
        #expect(try workspace.lastRun(source: "Contacts report")?.details == details)
        // A run finished without details reads as a full run with nothing counted.
        let plain = try workspace.beginRun(source: "Contacts report")
        try workspace.finishRun(id: plain, status: .failed, error: "boom")
        #expect(try workspace.lastRun(source: "Contacts report")?.details == RunDetails())
    }

    @Test func unknownSourcesAndRunsAreReported() throws {
        let temp = try WorkspaceTempDirectory()
        let workspace = try workspace(temp)
        #expect(throws: WorkspaceError.dataSourceNotFound(name: "Nope")) { try workspace.beginRun(source: "Nope") }
        #expect(throws: WorkspaceError.runNotFound(id: 42)) { try workspace.finishRun(id: 42, status: .failed) }
    }

    @Test func runsOfDeadProcessesAreMarkedInterruptedAtOpen() throws {
        let temp = try WorkspaceTempDirectory()
        let deadPID: Int32
        do {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/bin/true")
            try child.run()
            child.waitUntilExit()
            deadPID = child.processIdentifier
        }
        let (stale, live) = try {
            let workspace = try workspace(temp, sources: [WorkspaceFixtures.source("A"), WorkspaceFixtures.source("B")])
            let stale = try workspace.beginRun(source: "A")
            let live = try workspace.beginRun(source: "B")
            try workspace.dbPool.write { db in
                try db.execute(sql: "UPDATE refresh_runs SET pid = ? WHERE id = ?", arguments: [deadPID, stale])
            }
            return (stale, live)
        }()

        let reopened = try Workspace.open(temp.paths)
        let interrupted = try #require(try reopened.lastRun(source: "A"))
        #expect(interrupted.id == stale)
        #expect(interrupted.status == .interrupted)
        #expect(interrupted.endedAt != nil)
        #expect(interrupted.error == "the refresh was interrupted: its process (\(deadPID)) ended before it finished")
        #expect(try reopened.lastRun(source: "B")?.id == live)
        #expect(try reopened.lastRun(source: "B")?.status == .running, "this process is alive: its run is left alone")
        #expect(try reopened.markInterruptedRuns().isEmpty)
    }

    @Test func nextDueFollowsTheIntervalFromTheLastAttempt() {
        let created = WorkspaceFixtures.epoch
        let last = created.addingTimeInterval(1000)
        #expect(RefreshSchedule.nextDue(for: WorkspaceFixtures.source(interval: .never), lastAttempt: last) == nil)
        #expect(RefreshSchedule.nextDue(for: WorkspaceFixtures.source(interval: .never), lastAttempt: nil) == nil)
        #expect(RefreshSchedule.nextDue(for: WorkspaceFixtures.source(interval: .hour1), lastAttempt: nil) == created)
        #expect(RefreshSchedule.nextDue(for: WorkspaceFixtures.source(interval: .hour1), lastAttempt: last) == last.addingTimeInterval(3600))
        #expect(RefreshSchedule.nextDue(for: WorkspaceFixtures.source(interval: .week1), lastAttempt: last) == last.addingTimeInterval(604_800))
        // never refreshed: due even if the clock says the source was created in the future
        #expect(RefreshSchedule.isDue(WorkspaceFixtures.source(interval: .day1), lastAttempt: nil, now: created.addingTimeInterval(-60)))
    }

    @Test func dueSourcesAtAFixedNow() throws {
        let temp = try WorkspaceTempDirectory()
        let workspace = try workspace(temp, sources: [
            WorkspaceFixtures.source("Fresh hourly", interval: .hour1),
            WorkspaceFixtures.source("Stale hourly", interval: .hour1),
            WorkspaceFixtures.source("Never refreshed", interval: .day1),
            WorkspaceFixtures.source("Manual only", interval: .never),
            WorkspaceFixtures.source("Failed since", interval: .minutes15),
            WorkspaceFixtures.source("Never succeeded", interval: .hour1),
            WorkspaceFixtures.source("Killed", interval: .hour1),
        ])
        let now = WorkspaceFixtures.epoch.addingTimeInterval(10 * 3600)
        func succeed(_ name: String, at start: Date) throws {
            let id = try workspace.beginRun(source: name, at: start)
            try workspace.finishRun(id: id, status: .succeeded, at: start.addingTimeInterval(30))
        }
        try succeed("Fresh hourly", at: now.addingTimeInterval(-1800))
        try succeed("Stale hourly", at: now.addingTimeInterval(-3600))
        try succeed("Manual only", at: now.addingTimeInterval(-86_400))
        try succeed("Failed since", at: now.addingTimeInterval(-600))
        let failed = try workspace.beginRun(source: "Failed since", at: now.addingTimeInterval(-60))
        try workspace.finishRun(id: failed, status: .failed, error: "boom", at: now.addingTimeInterval(-50))
        let neverSucceeded = try workspace.beginRun(source: "Never succeeded", at: now.addingTimeInterval(-1200))
        try workspace.finishRun(id: neverSucceeded, status: .failed, error: "PostgreSQL is down", at: now.addingTimeInterval(-1190))
        // A run whose process died does not count: the last success an hour and a half ago does.
        try succeed("Killed", at: now.addingTimeInterval(-5400))
        let killed = try workspace.beginRun(source: "Killed", at: now.addingTimeInterval(-100))
        try workspace.finishRun(id: killed, status: .interrupted, at: now.addingTimeInterval(-90))

        // A failure is retried one interval after it started, not at every check.
        #expect(try workspace.dueSources(now: now).map(\.name) == ["Killed", "Never refreshed", "Stale hourly"])
        #expect(try workspace.dueSources(now: now.addingTimeInterval(300)).map(\.name) == ["Killed", "Never refreshed", "Stale hourly"])
        #expect(try workspace.dueSources(now: now.addingTimeInterval(840)).map(\.name)
                == ["Failed since", "Killed", "Never refreshed", "Stale hourly"])
        #expect(try workspace.dueSources(now: now.addingTimeInterval(2400)).map(\.name)
                == ["Failed since", "Fresh hourly", "Killed", "Never refreshed", "Never succeeded", "Stale hourly"])
        let failedSince = try #require(try workspace.dataSource(named: "Failed since"))
        #expect(try workspace.nextDue(for: failedSince) == now.addingTimeInterval(840))
        let fresh = try #require(try workspace.dataSource(named: "Fresh hourly"))
        #expect(try workspace.nextDue(for: fresh) == now.addingTimeInterval(1800))
    }
}
