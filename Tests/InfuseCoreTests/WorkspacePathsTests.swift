import Foundation
import Testing
@testable import InfuseCore

@Suite("Workspace paths")
struct WorkspacePathsTests {
    @Test func infuseHomeWins() {
        let paths = WorkspacePaths(environment: ["INFUSE_HOME": "/tmp/x/infuse-home", "XDG_DATA_HOME": "/data", "HOME": "/home/u"])
        #expect(paths.directory.path == "/tmp/x/infuse-home")
        #expect(paths.databaseURL.path == "/tmp/x/infuse-home/infuse.sqlite")
        #expect(paths.secretsURL.path == "/tmp/x/infuse-home/secrets.json")
        #expect(paths.locksDirectory.path == "/tmp/x/infuse-home/locks")
    }

    @Test func xdgDataHomeThenHome() {
        #expect(WorkspacePaths(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"]).directory.path == "/data/infuse")
        #expect(WorkspacePaths(environment: ["HOME": "/home/u"]).directory.path == "/home/u/.local/share/infuse")
    }

    @Test func emptyOrRelativeVariablesAreIgnored() {
        let paths = WorkspacePaths(environment: ["INFUSE_HOME": "", "XDG_DATA_HOME": "relative/dir", "HOME": "/home/u"])
        #expect(paths.directory.path == "/home/u/.local/share/infuse")
    }

    @Test func ensureExistsCreatesPrivateDirectories() throws {
        let temp = try WorkspaceTempDirectory()
        let paths = WorkspacePaths(directory: temp.url.appendingPathComponent("a/b/ws"))
        try paths.ensureExists()
        #expect(try WorkspaceFixtures.mode(paths.directory) == 0o700)
        #expect(try WorkspaceFixtures.mode(paths.locksDirectory) == 0o700)
        try paths.ensureExists() // again: nothing to do, no error
    }

    @Test func openDirectoryIsRefusedWithChmodAdvice() throws {
        let temp = try WorkspaceTempDirectory()
        let paths = temp.paths
        try FileManager.default.createDirectory(at: paths.directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: paths.directory.path)
        let error = #expect(throws: WorkspaceError.self) { try paths.ensureExists() }
        #expect(error == .directoryNotPrivate(path: paths.directory.path, mode: 0o755))
        #expect(error?.userMessage.contains("chmod 700 \(paths.directory.path)") == true)
        #expect(try WorkspaceFixtures.mode(paths.directory) == 0o755, "the mode is not fixed silently")
        #expect(throws: WorkspaceError.self) { try Workspace.open(paths) }
    }

    @Test func aFileInPlaceOfTheDirectoryIsRefused() throws {
        let temp = try WorkspaceTempDirectory()
        let paths = temp.paths
        try Data("x".utf8).write(to: paths.directory)
        #expect(throws: WorkspaceError.notADirectory(path: paths.directory.path)) { try paths.ensureExists() }
    }
}
