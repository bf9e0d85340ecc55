import Foundation
import Testing
@testable import InfuseCore

@Suite("Source lock")
struct WorkspaceSourceLockTests {
    @Test func secondAttemptInTheSameProcessFailsUntilReleased() throws {
        let temp = try WorkspaceTempDirectory()
        let paths = temp.paths
        let first = try SourceLock.acquire(source: "Contacts report", paths: paths)
        #expect(first.url.lastPathComponent == "contacts_report.lock")
        let error = #expect(throws: WorkspaceError.refreshInProgress(source: "Contacts report")) {
            try SourceLock.acquire(source: "Contacts report", paths: paths)
        }
        #expect(error?.userMessage.contains("already being refreshed") == true)
        // another source is independent
        let other = try SourceLock.acquire(source: "Tags", paths: paths)
        first.close()
        let again = try SourceLock.acquire(source: "Contacts report", paths: paths)
        again.close()
        other.close()
    }

    @Test func deinitReleasesTheLock() throws {
        let temp = try WorkspaceTempDirectory()
        let paths = temp.paths
        do {
            let held = try SourceLock.acquire(source: "A", paths: paths)
            #expect(held.source == "A")
        }
        let workspace = try Workspace.open(paths)
        let lock = try workspace.lockSource("A")
        lock.close()
    }

    @Test func anotherProcessCannotTakeAHeldLock() throws {
        let temp = try WorkspaceTempDirectory()
        let flockTool = "/usr/bin/flock"
        try #require(FileManager.default.isExecutableFile(atPath: flockTool), "util-linux flock is needed")
        let lock = try SourceLock.acquire(source: "Contacts report", paths: temp.paths)
        func otherProcessStatus() throws -> Int32 {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: flockTool)
            child.arguments = ["-n", lock.url.path, "true"]
            try child.run()
            child.waitUntilExit()
            return child.terminationStatus
        }
        #expect(try otherProcessStatus() == 1, "flock -n fails while the lock is held")
        lock.close()
        #expect(try otherProcessStatus() == 0, "and succeeds once it is released")
    }
}
