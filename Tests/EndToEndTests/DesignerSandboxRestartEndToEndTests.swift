import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `infuse --sandbox` run twice on one workspace: the second run keeps the first run's account
/// and data source working, even when the sandbox must move to another port.
@Suite("Designer: the sandbox survives restarts", .serialized,
       .enabled(if: TmuxSession.available && InfuseBinary.exists, "needs tmux and a built infuse (swift build)"))
struct DesignerSandboxRestartEndToEndTests {
    /// Holds a loopback TCP port (bound and listening) so the next sandbox cannot take it.
    static func occupy(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        // The first run's sockets may still be in TIME_WAIT on that port.
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 1) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        return fd
    }

    @Test("second run, its port taken: the account follows the sandbox, r refreshes the first run's source with its old token")
    func secondRunRefreshesTheFirstRunsSource() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let first = try DesignerEndToEndTests.startDesigner(home: home)
        try await DesignerEndToEndTests.signIn(first)
        try await DesignerEndToEndTests.fillForm(first, name: "Twice", maxRows: "150", refresh: nil)
        try await DesignerEndToEndTests.previewChooseAndSave(first, name: "Twice")
        try first.keys("q")
        try await first.waitFor("EXITED=0", timeout: .seconds(60))
        first.kill()
        let firstRoot = try #require(URL(string: try String(contentsOf: home.path("sandbox.url"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        let tokensBefore = try String(contentsOf: home.path("secrets.json"), encoding: .utf8)

        // Something else now listens on the first run's port.
        let blocker = try Self.occupy(port: try #require(firstRoot.port))
        defer { close(blocker) }
        let second = try DesignerEndToEndTests.startDesigner(home: home)
        defer { second.kill() }
        try await second.waitUntil("the first run's source listed") { $0.contains("Twice") && $0.contains("150") }
        try second.keys("r")
        let refreshed = try await second.waitFor("Refreshed Twice", timeout: .seconds(120))
        #expect(!refreshed.contains("re-authorization"))
        let secondRoot = try String(contentsOf: home.path("sandbox.url"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secondRoot != firstRoot.absoluteString)
        let workspace = try Workspace.open(WorkspacePaths(directory: home.url))
        let account = try #require(try workspace.allAccounts().first)
        #expect(account.apiBase.absoluteString == secondRoot + "/crm/rest")
        #expect(account.status == .ok)
        #expect(try workspace.runs(source: "Twice", limit: 10).filter { $0.status == .succeeded }.count == 2)
        // The first run's tokens were used (no new sign-in), and the token URL moved with the sandbox.
        func tokenURL(_ text: String) throws -> String? {
            let document = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            let accounts = document?["accounts"] as? [String: [String: Any]]
            return accounts?[account.name]?["token_url"] as? String
        }
        #expect(try tokenURL(tokensBefore) == firstRoot.absoluteString + "/token")
        #expect(try tokenURL(try String(contentsOf: home.path("secrets.json"), encoding: .utf8)) == secondRoot + "/token")
        try second.keys("q")
        // Quitting stops the in-process sandbox gracefully (requests in flight finish); a loaded
        // machine can take longer than the default wait.
        try await second.waitFor("EXITED=0", timeout: .seconds(60))
    }
}
