import Foundation
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// The daemon's scheduler on a test clock: what is due is decided by the injected time, so an
/// hour-long interval is tested without waiting an hour.
@Suite("Scheduler on a test clock")
struct SchedulerClockTests {
    @Test("a new hourly source is due now; after its refresh not at +59 min, due again at +61 min")
    func dueByTheInjectedClock() async throws {
        try await withSandbox { _, root, apiBase in
            let fixture = try await RefreshFixture.make(apiBase: apiBase, root: root)
            try fixture.workspace.insertDataSource(fixture.contactsSource("Hourly", maxRows: 100, interval: .hour1))
            let clock = TestClock()
            let lines = LineRecorder()
            let scheduler = RefreshScheduler(engine: fixture.engine, now: { clock.now }) { lines.append($0) }
            let first = try await scheduler.runDue()
            #expect(first.map(\.source) == ["Hourly"])
            let started = try #require(try fixture.workspace.lastRun(source: "Hourly")?.startedAt)
            clock.set(started.addingTimeInterval(59 * 60))
            #expect(try await scheduler.runDue().isEmpty)
            clock.set(started.addingTimeInterval(61 * 60))
            #expect(try await scheduler.runDue().map(\.source) == ["Hourly"])
            #expect(try fixture.workspace.runs(source: "Hourly", limit: 10).count == 2)
            #expect(lines.lines.count == 2)
        }
    }
}
