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

    @Test func nextDueFollowsTheIntervalFromTheLastSuccess() {
        let created = WorkspaceFixtures.epoch
        let last = created.addingTimeInterval(1000)
        #expect(RefreshSchedule.nextDue(for: WorkspaceFixtures.source(interval: .never), lastSuccess: last) == nil)
        #expect(RefreshSchedule.nextDue(for: WorkspaceFixtures.source(interval: .never), lastSuccess: nil) == nil)
        #expect(RefreshSchedule.nextDue(for: WorkspaceFixtures.source(interval: .hour1), lastSuccess: nil) == created)
        #expect(RefreshSchedule.nextDue(for: WorkspaceFixtures.source(interval: .hour1), lastSuccess: last) == last.addingTimeInterval(3600))
        #expect(RefreshSchedule.nextDue(for: WorkspaceFixtures.source(interval: .week1), lastSuccess: last) == last.addingTimeInterval(604_800))
        // never refreshed: due even if the clock says the source was created in the future
        #expect(RefreshSchedule.isDue(WorkspaceFixtures.source(interval: .day1), lastSuccess: nil, now: created.addingTimeInterval(-60)))
    }

    @Test func dueSourcesAtAFixedNow() throws {
        let temp = try WorkspaceTempDirectory()
        let workspace = try workspace(temp, sources: [
            WorkspaceFixtures.source("Fresh hourly", interval: .hour1),
            WorkspaceFixtures.source("Stale hourly", interval: .hour1),
            WorkspaceFixtures.source("Never refreshed", interval: .day1),
            WorkspaceFixtures.source("Manual only", interval: .never),
            WorkspaceFixtures.source("Failed since", interval: .minutes15),
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

        #expect(try workspace.dueSources(now: now).map(\.name) == ["Never refreshed", "Stale hourly"])
        #expect(try workspace.dueSources(now: now.addingTimeInterval(300)).map(\.name) == ["Failed since", "Never refreshed", "Stale hourly"])
        #expect(try workspace.dueSources(now: now.addingTimeInterval(1800)).map(\.name)
                == ["Failed since", "Fresh hourly", "Never refreshed", "Stale hourly"])
        let fresh = try #require(try workspace.dataSource(named: "Fresh hourly"))
        #expect(try workspace.nextDue(for: fresh) == now.addingTimeInterval(1800))
    }
}
