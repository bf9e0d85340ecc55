import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

/// A real Keap account's first run in the designer, with no flags and no environment: the real
/// connection (pointed at a separate `infuse sandbox` through the debug-only
/// `INFUSE_TEST_KEAP_API_BASE`) asks for the Keap app's Client ID and Client Secret, signs in as
/// that app, and a data source refreshes; the secret is never shown or stored outside secrets.json.
@Suite("Designer: a real Keap account from the first run", .serialized,
       .enabled(if: TmuxSession.available && InfuseBinary.exists, "needs tmux and a built infuse (swift build)"))
struct DesignerKeapAppEndToEndTests {
    @Test("picker → Infusionsoft → Client ID and Secret typed → authorize URL with that id → signed in → refreshed; asked once")
    func firstRunWithKeapApp() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandboxHome = try TemporaryDirectory()
        defer { sandboxHome.remove() }
        let sandbox = try await SandboxProcess.start(["--records", "300"], home: sandboxHome.url)
        defer { sandbox.stop() }
        // The browser: records the address it was given, then approves the consent.
        let opened = home.path("opened.txt")
        let browser = home.path("browser.sh")
        try ApprovingBrowser.write(to: browser, log: opened)
        let command = "env -u NO_COLOR -u INFUSE_CLIENT_ID -u INFUSE_CLIENT_SECRET -u INFUSE_API_KEY INFUSE_HOME='\(home.url.path)' "
            + "BROWSER='\(browser.path)' INFUSE_TEST_KEAP_API_BASE='\(sandbox.apiBase.absoluteString)' LANG=C.UTF-8 "
            + "'\(InfuseBinary.url.path)'; echo EXITED=$?; sleep 60"
        let tmux = try TmuxSession(command: command, width: 120, height: 40)
        defer { tmux.kill() }

        try await tmux.waitFor("No data sources yet")
        try tmux.keys("n")
        let picker = try await tmux.waitFor("Choose a connection")
        #expect(!picker.contains("sandbox"), "without --sandbox only the real Keap connection is offered")
        #expect(picker.contains("1,500 calls a minute"))
        try tmux.keys("Enter")
        // (The picker's About also says "Client Secret": wait for the sign-in's own text.)
        let ask = try await tmux.waitFor("developer portal")
        #expect(ask.contains("Client Secret") && ask.contains("Sign in"))
        try tmux.type(SandboxCredentialsForTests.clientID)
        try tmux.keys("Enter")
        try tmux.type(SandboxCredentialsForTests.clientSecret)
        let masked = tmux.capture()
        #expect(!masked.contains(SandboxCredentialsForTests.clientSecret), "the secret is masked while typed")
        try tmux.keys("Enter")
        // The browser opens by itself only on o; open it, it approves, the loopback listener gets the code.
        try await tmux.waitFor("Waiting for Keap to send you back")
        try tmux.keys("o")
        try await tmux.waitFor("Set a name to identify the account", timeout: .seconds(30))
        try tmux.keys("Enter")
        try await tmux.waitFor("Successfully authorized")
        let authorizeURL = try String(contentsOf: opened, encoding: .utf8)
        #expect(authorizeURL.contains("client_id=\(SandboxCredentialsForTests.clientID)"))
        try tmux.keys("Enter")
        try await tmux.waitFor("Preview & Connect")
        try await DesignerEndToEndTests.fillForm(tmux, name: "Real first run", maxRows: "200", refresh: nil)
        try await DesignerEndToEndTests.previewChooseAndSave(tmux, name: "Real first run")
        #expect(try sqlite(home.path("infuse.sqlite"), "SELECT count(DISTINCT id) FROM real_first_run__contacts") == "200")

        // A second sign-in does not ask again: straight to the browser step.
        try tmux.keys("a")
        try await tmux.waitFor("Keap app: Client ID \(SandboxCredentialsForTests.clientID)")
        try tmux.keys("c")
        let second = try await tmux.waitFor("Waiting for Keap to send you back")
        #expect(!second.contains("Client Secret"))
        try tmux.keys("Escape")
        try await tmux.waitFor("Keap app: Client ID")
        // One key at a time: ESC followed at once by q reads as Alt-q.
        try tmux.keys("Escape")
                try await tmux.waitUntil("the home screen") { $0.contains("─ Data sources") }
        try tmux.keys("q")
        try await tmux.waitFor("EXITED=0")

        // The secret is only in secrets.json (0600): not on screen, not in the database.
        let database = try Data(contentsOf: home.path("infuse.sqlite"))
        #expect(database.range(of: Data(SandboxCredentialsForTests.clientSecret.utf8)) == nil)
        #expect(!tmux.capture().contains(SandboxCredentialsForTests.clientSecret))
        let secrets = try String(contentsOf: home.path("secrets.json"), encoding: .utf8)
        #expect(secrets.contains("\"oauth_client\""))
        let mode = try FileManager.default.attributesOfItem(atPath: home.path("secrets.json").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}

/// The sandbox's documented OAuth client, typed as a user types their Keap app's.
enum SandboxCredentialsForTests {
    static let clientID = SandboxClient.clientID
    static let clientSecret = SandboxClient.clientSecret
}
