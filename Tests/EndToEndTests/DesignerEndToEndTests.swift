import Foundation
import InfuseTestSupport
import Testing

/// The built `infuse --sandbox` under tmux: the whole journey from "create new" to a saved,
/// refreshed data source, resizing, a 401 during preview, and the no-terminal refusal.
@Suite("Designer under tmux", .serialized,
       .enabled(if: TmuxSession.available && InfuseBinary.exists, "needs tmux and a built infuse (swift build)"))
struct DesignerEndToEndTests {
    /// Starts the designer with the sandbox on a fresh `INFUSE_HOME`.
    static func startDesigner(home: TemporaryDirectory, width: Int = 120, height: Int = 40) throws -> TmuxSession {
        let command = "env -u BROWSER -u NO_COLOR INFUSE_HOME='\(home.url.path)' LANG=C.UTF-8 '\(InfuseBinary.url.path)' --sandbox; echo EXITED=$?; sleep 60"
        return try TmuxSession(command: command, width: width, height: height)
    }

    /// Home → n → sandbox connection → sign in (approve in the terminal) → name → Connect.
    static func signIn(_ tmux: TmuxSession) async throws {
        try await tmux.waitFor("No data sources yet")
        try tmux.keys("n")
        try await tmux.waitFor("Choose a connection")
        try tmux.keys("Enter")
        try await tmux.waitFor("Waiting for Keap to send you back")
        try tmux.keys("a")
        try await tmux.waitFor("Set a name to identify the account")
        try tmux.keys("Enter")
        try await tmux.waitFor("Successfully authorized")
        try tmux.keys("Enter")
        try await tmux.waitFor("Preview & Connect")
    }

    /// Fills the form: the name, the contacts endpoint, Max Rows and (unless nil) the refresh
    /// interval, which keeps the focus; without it the focus stays on Max Rows.
    static func fillForm(_ tmux: TmuxSession, name: String = "Contacts report", maxRows: String = "2500",
                         refresh: String? = "Every hour") async throws {
        try tmux.type(name)
        try tmux.keys("Tab", "Tab", "Enter")
        try await tmux.waitFor("Filter:")
        // v1's contacts (typing only `List Contacts` lands on the default, v2.contacts).
        try tmux.type("List Contacts Contact v1")
        try await tmux.waitFor("contacts — List Contacts")
        try tmux.keys("Enter")
        try await tmux.waitFor("/crm/rest/v1/contacts")
        try tmux.keys("Tab", "Tab", "Tab")
        try tmux.type(maxRows)
        guard let refresh else { return }
        try tmux.keys("Tab", "Enter")
        try tmux.type(refresh)
        try tmux.keys("Enter")
        try await tmux.waitUntil("\(refresh) chosen") { $0.contains("[" + refresh) }
    }

    /// From the filled form: Preview & Connect, tick contacts (and its e-mail addresses), Design,
    /// Save under the form's name, and wait for the first refresh of `name`.
    static func previewChooseAndSave(_ tmux: TmuxSession, name: String, emails: Bool = false) async throws {
        try tmux.keys("C-s")
        try await tmux.waitFor("Choose Schema(s)", timeout: .seconds(60))
        try await chooseAndSave(tmux, name: name, emails: emails)
    }

    /// On Choose Schema(s): tick contacts (and its e-mail addresses), Design, Save under the
    /// form's name, and wait for the first refresh of `name`.
    static func chooseAndSave(_ tmux: TmuxSession, name: String, emails: Bool = false) async throws {
        try tmux.keys("Space")
        try await tmux.waitUntil("contacts ticked") { $0.contains("☑ contacts") }
        if emails {
            try tmux.keys("Down")
            try await tmux.waitFor("contacts.email_addresses —")
            try tmux.keys("Space")
            try await tmux.waitUntil("email_addresses ticked") { $0.contains("☑ email_addresses") }
        }
        try tmux.keys("Enter")
        try await tmux.waitFor("Columns of contacts")
        try tmux.keys("C-s")
        try await tmux.waitFor("Save the data source with a name")
        try tmux.keys("Enter")
        try await tmux.waitFor("Refreshed \(name)", timeout: .seconds(120))
    }

    @Test("create new → Infusionsoft → sign in → form → Preview & Connect → schemas → design → Save → refreshed tables")
    func wholeJourney() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let tmux = try Self.startDesigner(home: home)
        defer { tmux.kill() }
        try await Self.signIn(tmux)
        try await Self.fillForm(tmux)
        try tmux.keys("C-s")
        let schemas = try await tmux.waitFor("Choose Schema(s)", timeout: .seconds(60))
        #expect(schemas.contains("2,500 rows"))
        // The cursor starts on `contacts`: tick it, move to email_addresses, tick it.
        try tmux.keys("Space")
        try await tmux.waitUntil("contacts ticked") { $0.contains("☑ contacts") }
        try tmux.keys("Down")
        try await tmux.waitFor("contacts.email_addresses —")
        try tmux.keys("Space")
        try await tmux.waitUntil("email_addresses ticked") { $0.contains("☑ email_addresses") }
        try tmux.keys("Enter")
        let design = try await tmux.waitFor("Columns of contacts")
        #expect(design.contains("contacts.id = email_addresses.contact_id"))
        try tmux.keys("C-s")
        try await tmux.waitFor("Save the data source with a name")
        try tmux.keys("Enter")
        let done = try await tmux.waitFor("Refreshed Contacts report", timeout: .seconds(120))
        #expect(done.contains("Data sources"))
        let listed = try await tmux.waitUntil("the source listed with its rows") { $0.contains("Contacts report") && $0.contains("ok") }
        #expect(listed.contains("Every hour") || listed.contains("1h") || listed.contains("contacts"))
        let database = home.path("infuse.sqlite")
        let contacts = try sqlite(database, "SELECT count(*) FROM contacts_report__contacts")
        #expect(contacts == "2500")
        let emails = Int(try sqlite(database, "SELECT count(*) FROM contacts_report__contacts__email_addresses")) ?? 0
        #expect(emails > 0)
        let orphans = try sqlite(database, """
            SELECT count(*) FROM contacts_report__contacts__email_addresses e
            WHERE NOT EXISTS (SELECT 1 FROM contacts_report__contacts c WHERE c.id = e.contact_id)
            """)
        #expect(orphans == "0")
        try tmux.keys("q")
        try await tmux.waitFor("EXITED=0")
    }

    @Test("resize to 50×12 shows the too-small message; back to 120×40 re-lays out")
    func resize() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let tmux = try Self.startDesigner(home: home)
        defer { tmux.kill() }
        try await tmux.waitFor("No data sources yet")
        try tmux.resize(width: 50, height: 12)
        try await tmux.waitFor("terminal too small")
        try tmux.resize(width: 120, height: 40)
        let screen = try await tmux.waitFor("No data sources yet")
        #expect(screen.split(separator: "\n").first?.hasPrefix("┌ Infuse ─ Data sources") == true)
        try tmux.keys("q")
        try await tmux.waitFor("EXITED=0")
    }

    @Test("closing the terminal ends the designer (no SIGHUP needed): it does not linger")
    func terminalClosed() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let tmux = try Self.startDesigner(home: home)
        defer { tmux.kill() }
        try await tmux.waitFor("No data sources yet")
        let designer = try #require(tmux.commandPIDs().first, "the designer's process")
        tmux.closeTerminal()
        let deadline = ContinuousClock.now + .seconds(10)
        func alive() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(designer)/stat", encoding: .utf8) else { return false }
            return !stat.contains(") Z ")
        }
        while alive(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!alive(), "the designer still runs 10 s after its terminal closed")
    }

    @Test("tokens revoked before Preview & Connect: a 401 dialog, and the form keeps what was typed")
    func unauthorizedPreview() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let tmux = try Self.startDesigner(home: home)
        defer { tmux.kill() }
        try await Self.signIn(tmux)
        try await Self.fillForm(tmux)
        let root = try String(contentsOf: home.path("sandbox.url"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-f", "-X", "POST", root + "/_sandbox/revoke"]
        curl.standardOutput = FileHandle.nullDevice
        try curl.run()
        curl.waitUntilExit()
        #expect(curl.terminationStatus == 0)
        try tmux.keys("C-s")
        let dialog = try await tmux.waitUntil("an authorization error dialog", timeout: .seconds(60)) {
            $0.contains("re-authorization") || $0.contains("(401)")
        }
        #expect(dialog.contains("Connected accounts"))
        try tmux.keys("Enter")
        let form = try await tmux.waitFor("Contacts report")
        #expect(form.contains("2500"))
        #expect(form.contains("[Every hour"))
    }

    @Test("`infuse` with stdin not a terminal prints one line and exits non-zero")
    func notATerminal() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let output = try await runInfuse([], home: home.url, stdin: "")
        #expect(output.status != 0)
        #expect(output.stderr.split(separator: "\n").count == 1)
        #expect(output.stderr.contains("needs an interactive terminal"))
    }
}
