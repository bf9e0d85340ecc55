import Foundation
import InfuseApp
import InfuseCore
import Testing
@testable import InfuseTUI
import InfuseTUITestSupport

/// Scripted key sequences through the state machine (the pure reducer), checking state, the
/// effects asked for, and the screen.
@Suite("Designer state machine: scripted journeys")
struct DesignerFlowTests {
    /// Feeds keys; returns every effect asked for.
    @discardableResult
    static func press(_ state: inout AppState, _ keys: [Key]) -> [AppEffect] {
        keys.flatMap { AppReducer.reduce(&state, .key($0)) }
    }

    static func type(_ text: String) -> [Key] { text.map { .char($0) } }

    static func screen(_ state: AppState, _ w: Int = 120, _ h: Int = 40) -> String {
        AppRenderer.render(state, size: TerminalSize(width: w, height: h), theme: .standard).text
    }

    @Test("home → n → picker → Enter → sign in (sandbox a) → name → Connect → form → preview → schemas → design → save")
    func wholeJourney() throws {
        var state = AppState(context: DesignerFixtures.context)
        #expect(Self.press(&state, [.char("n")]).isEmpty)
        guard case .picker = state.top else { Issue.record("expected the picker"); return }
        var effects = Self.press(&state, [.enter])
        #expect(effects == [.startSignIn(apiBase: DesignerFixtures.sandboxBase, sandbox: true, reauthorizing: nil)])
        _ = AppReducer.reduce(&state, .signInStarted(url: DesignerFixtures.authorizeURL, port: 40001))
        #expect(Self.screen(state).contains("listening on 127.0.0.1:40001"))
        #expect(Self.press(&state, [.char("a")]) == [.answerSandboxConsent(allow: true)])
        _ = AppReducer.reduce(&state, .signInRedirect(approved: true))
        #expect(Self.screen(state).contains("Set a name to identify the account"))
        #expect(Self.press(&state, [.enter]) == [.finishSignIn(name: "Keap – sandbox", apiBase: DesignerFixtures.sandboxBase, reauthorizing: false)])
        _ = AppReducer.reduce(&state, .accountConnected(name: "Keap – sandbox", reauthorized: false))
        #expect(Self.screen(state).contains("Successfully authorized Keap – sandbox"))
        let demo = AccountRow(account: DesignerFixtures.account("Keap – sandbox"), appText: "sandbox", statusText: "ok",
                              authorizedText: "today", usedBy: [])
        _ = AppReducer.reduce(&state, .homeLoaded(sources: [], accounts: [demo]))
        Self.press(&state, [.enter])
        guard case .form(let form) = state.top else { Issue.record("expected the form"); return }
        #expect(form.account == "Keap – sandbox")
        #expect(state.screens.count == 2)

        // The form: name, endpoint (filter the drop-down to v1's contacts: plain `List Contacts`
        // lands on the default, v2), Max Rows, refresh every hour.
        Self.press(&state, Self.type("Contacts report") + [.tab, .tab, .enter] + Self.type("List Contacts Contact v1") + [.enter])
        Self.press(&state, [.tab, .tab, .tab] + Self.type("2500") + [.tab, .enter] + Self.type("Every hour") + [.enter])
        guard case .form(let filled) = state.top else { Issue.record("expected the form"); return }
        #expect(filled.name.text == "Contacts report")
        #expect(filled.chosenEndpoint?.id == "contacts")
        #expect(filled.refreshInterval == .hour1)
        effects = Self.press(&state, [.ctrl("s")])
        #expect(effects == [.preview(PreviewRequest(accountName: "Keap – sandbox", target: .endpoint(id: "contacts"), maxRows: 2500))])
        #expect(Self.screen(state).contains("Preview"))

        _ = AppReducer.reduce(&state, .previewFinished(DesignerFixtures.preview()))
        guard case .schemas(let chooser) = state.top else { Issue.record("expected Choose Schema(s)"); return }
        #expect(chooser.focusedSchema?.path == "contacts")
        Self.press(&state, [.char(" "), .down, .char(" "), .enter])
        guard case .design(let design) = state.top else { Issue.record("expected the design view"); return }
        #expect(design.tables == ["contacts", "contacts.email_addresses"])
        #expect(design.design.joins == [JoinDesign(parentTable: "contacts", parentColumn: "id", childTable: "contacts.email_addresses", childColumn: "contact_id")])
        #expect(Self.screen(state).contains("contacts.id = email_addresses.contact_id"))

        Self.press(&state, [.ctrl("s")])
        #expect(state.dialog?.field?.text == "Contacts report")
        effects = Self.press(&state, [.enter])
        guard case .saveSource(let saved, let replacing)? = effects.first else { Issue.record("expected a save"); return }
        #expect(replacing == nil)
        #expect(saved.name == "Contacts report")
        #expect(saved.maxRows == 2500)
        #expect(saved.refreshInterval == .hour1)
        #expect(saved.selectedSchemas == ["contacts", "contacts.email_addresses"])
        #expect(saved.accountName == "Keap – sandbox")
        effects = AppReducer.reduce(&state, .sourceSaved(name: "Contacts report"))
        #expect(effects == [.loadHome, .refresh("Contacts report")])
        #expect(state.screens.count == 1)
        _ = AppReducer.reduce(&state, .refreshProgress(ProgressInfo(label: "Refreshing", done: 1_750, total: 2_500, page: 2, pageCount: 3, secondsLeft: 0.8)))
        #expect(Self.screen(state).contains("Refreshing ███████░░░ 1,750/2,500 rows · page 2/3 · 0.8 s left"))
    }

    @Test("a bad Max Rows gives an inline red message naming the field and keeps what was typed")
    func validation() {
        var state = DesignerFixtures.form()
        Self.press(&state, [.ctrl("u")] + Self.type("lots"))
        let effects = Self.press(&state, [.ctrl("s")])
        #expect(effects.isEmpty)
        guard case .form(let f) = state.top else { Issue.record("expected the form"); return }
        #expect(f.errors[.maxRows] == ["Max Rows must be a whole number from 1 to 1,000,000"])
        #expect(f.name.text == "Weekly contacts")
        #expect(f.maxRows.text == "lots")
        #expect(f.focus == .maxRows)
        let buffer = AppRenderer.render(state, size: TerminalSize(width: 100, height: 30), theme: .standard)
        let row = buffer.lines().firstIndex { $0.contains("Max Rows must be") }
        #expect(row != nil)
        if let row {
            let x = buffer.lines()[row].distance(of: "Max Rows must")
            #expect(buffer[x, row].style.fg == .red)
        }
    }

    @Test("a core error shows a dialog; dismissing it returns to the form with its contents")
    func errorKeepsForm() {
        var state = DesignerFixtures.form()
        _ = AppReducer.reduce(&state, .failed(ErrorPresenter.report(KeapAPIError.unauthorized(message: "token revoked"), account: "Demo")))
        #expect(state.dialog?.title == "Keap refused the token (401)")
        #expect(state.dialog?.message.contains("press x on Connected accounts") == true)
        Self.press(&state, [.enter])
        #expect(state.dialog == nil)
        guard case .form(let f) = state.top else { Issue.record("expected the form"); return }
        #expect(f.name.text == "Weekly contacts")
        #expect(f.maxRows.text == "2500")
    }

    @Test("a denied consent pops the sign-in and shows the permission message in red")
    func denial() {
        var state = DesignerFixtures.signIn(.waiting(url: DesignerFixtures.authorizeURL, port: 40001))
        #expect(Self.press(&state, [.char("x")]) == [.answerSandboxConsent(allow: false)])
        let effects = AppReducer.reduce(&state, .signInRedirect(approved: false))
        #expect(effects == [.cancelSignIn])
        #expect(state.dialog?.kind == .error)
        #expect(state.dialog?.message.contains("permission was denied: the account is not accessible") == true)
        let buffer = AppRenderer.render(state, size: TerminalSize(width: 80, height: 24), theme: .standard)
        #expect(buffer.cells.contains { $0.text == "┏" && $0.style.fg == .red })
    }

    @Test("typing q in a text field types it; q elsewhere quits, asking when a design is unsaved")
    func quitting() {
        var state = DesignerFixtures.form()
        state.top = { if case .form(var f) = state.top { f.focus = .name; return .form(f) }; return state.top }()
        Self.press(&state, [.char("q")])
        guard case .form(let f) = state.top else { Issue.record("expected the form"); return }
        #expect(f.name.text == "Weekly contactsq")
        #expect(!state.shouldQuit)
        Self.press(&state, [.tab, .tab, .char("q")])
        #expect(state.dialog?.title == "Quit")
        Self.press(&state, [.escape])
        #expect(!state.shouldQuit)
        var home = DesignerFixtures.home()
        #expect(Self.press(&home, [.char("q")]) == [.cancelSignIn, .quit])
        #expect(home.shouldQuit)
    }

    @Test("the footer and the help screen come from the same bindings as the keys")
    func footerAndHelp() {
        var state = DesignerFixtures.home()
        let stack = AppKeymaps.stack(for: state)
        #expect(Footer.text(stack.footerItems(), width: 200).contains("Enter browse  n new  e edit  h history  r refresh  d delete  a connected accounts  / filter  ? help  q quit"))
        Self.press(&state, [.char("?")])
        let text = Self.screen(state, 80, 24)
        #expect(text.contains("Keys — Esc closes"))
        #expect(text.contains("Create a new data source"))
        Self.press(&state, [.escape])
        #expect(state.helpScroll == nil)
        // In a text field, printable bindings drop out of the footer and F1 is shown for help.
        let form = DesignerFixtures.form()
        let footer = Footer.text(AppKeymaps.stack(for: form).footerItems(), width: 200)
        #expect(footer.contains("F1 help"))
        #expect(!footer.contains("q quit"))
    }

    @Test("no keymap binds a key twice")
    func keymapsAreClean() {
        let states = [DesignerFixtures.home(), DesignerFixtures.picker(), DesignerFixtures.accountsScreen(), DesignerFixtures.form(),
                      DesignerFixtures.schemas(), DesignerFixtures.design(),
                      DesignerFixtures.signIn(.waiting(url: "u", port: 1)), DesignerFixtures.signIn(.naming)]
        for state in states {
            #expect(AppKeymaps.stack(for: state).duplicateKeysByContext().isEmpty)
        }
    }

    @Test("home: delete asks first (Cancel focused), then deletes; r refreshes with a progress bar")
    func homeActions() {
        var state = DesignerFixtures.home()
        Self.press(&state, [.char("d")])
        #expect(state.dialog?.message.contains("Delete Contacts report?") == true)
        #expect(Self.press(&state, [.enter]).isEmpty)
        Self.press(&state, [.char("d")])
        #expect(Self.press(&state, [.char("y")]) == [.deleteSource("Contacts report")])
        #expect(Self.press(&state, [.down, .char("r")]) == [.refresh("Open orders")])
        #expect(state.progress?.label == "Refreshing Open orders")
        Self.press(&state, [.char("/")] + Self.type("pipe"))
        #expect(state.home.list.visibleIndices == [2])
    }

    @Test("accounts: delete of an account in use names its data sources; rename prompts with the name")
    func accounts() {
        var state = DesignerFixtures.accountsScreen()
        Self.press(&state, [.char("d")])
        #expect(state.dialog?.kind == .error)
        #expect(state.dialog?.message.contains("Contacts report, Open orders") == true)
        Self.press(&state, [.enter, .down, .down, .char("d")])
        #expect(state.dialog?.kind == .confirm)
        #expect(Self.press(&state, [.char("y")]) == [.removeAccount("Ops key")])
        Self.press(&state, [.char("e")])
        #expect(state.dialog?.field?.text == "Ops key")
        #expect(Self.press(&state, [.ctrl("u")] + Self.type("Ops") + [.enter]) == [.renameAccount(from: "Ops key", to: "Ops")])
        #expect(Self.press(&state, [.home, .down, .char("x")]) ==
                [.startSignIn(apiBase: URL(string: "https://api.infusionsoft.com/crm/rest")!, sandbox: false, reauthorizing: "Sales")])
    }

    @Test("an endpoint with a path parameter asks for it")
    func pathParameter() {
        var state = DesignerFixtures.form()
        Self.press(&state, [.backTab, .backTab, .backTab, .enter] + Self.type("opportunities/{opportunityId}"))
        guard case .form(let open) = state.top else { Issue.record("expected the form"); return }
        #expect(open.endpoint.isOpen)
        Self.press(&state, [.ctrl("u")])
        let id = FormState.endpoints.first { $0.pathParameters == ["opportunityId"] }
        #expect(id != nil)
        var f2 = FormState(account: "Demo")
        f2.focus = .endpoint
        state.top = .form(f2)
        Self.press(&state, [.enter] + Self.type("\(id!.id) — \(id!.summary)") + [.enter])
        #expect(state.dialog?.message.contains("{opportunityId}") == true)
        Self.press(&state, Self.type("42") + [.enter])
        guard case .form(let f) = state.top else { Issue.record("expected the form"); return }
        #expect(f.pathParameters == ["opportunityId": "42"])
    }

    @Test("design: reorder a table with m ↓ m, drop a column, retype, left/inner join, resulting rows")
    func design() {
        var state = DesignerFixtures.design()
        guard case .design(var d) = state.top else { Issue.record("expected the design view"); return }
        d.pane = .tables
        state.top = .design(d)
        Self.press(&state, [.char("m"), .down, .char("m")])
        guard case .design(let moved) = state.top else { return }
        #expect(moved.tables == ["contacts.email_addresses", "contacts"])
        Self.press(&state, [.char("m"), .up, .char("m"), .tab, .home, .down, .char(" ")])
        guard case .design(let dropped) = state.top else { return }
        #expect(dropped.design.table("contacts").keeps("given_name") == false)
        #expect(!dropped.result.columns.map(\.name).contains("given_name"))
        // Joined rows: contact 1 has two emails, 3 and 5 have none (left join keeps them).
        #expect(dropped.result.rowCount == 6)
        Self.press(&state, [.tab, .char(" ")])
        guard case .design(let inner) = state.top else { return }
        #expect(inner.design.joins[0].kind == .inner)
        #expect(inner.result.rowCount == 4)
        Self.press(&state, [.char("a")])
        guard case .design(let adding) = state.top else { return }
        #expect(adding.pane == .joins)
        Self.press(&state, [.tab, .tab, .char("a")] + Self.type("phone") + [.enter])
        guard case .design(let added) = state.top else { return }
        #expect(added.tables.contains("contacts.phone_numbers"))
        #expect(added.design.joins.count == 2)
    }

    @Test("the loop on a real (empty) workspace: empty state, too small, resize back")
    @MainActor
    func loopWithWorkspace() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("infuse-tui-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = WorkspacePaths(directory: directory)
        try paths.ensureExists()
        let workspace = try Workspace.open(paths)
        let accounts = AccountManager(workspace: workspace, secrets: SecretsStore(fileURL: paths.secretsURL))
        let services = CoreDesignerServices(workspace: workspace, accounts: accounts) { _ in false }
        let terminal = MemoryTerminal(width: 50, height: 12)
        let loop = AppLoop(state: AppState(context: DesignerContext(workspaceLabel: "~/w")), terminal: terminal,
                           runtime: AppRuntime(services: services), theme: .standard)
        await loop.settle()
        loop.redraw(force: true)
        #expect(terminal.lastFrame?.text.contains("terminal too small (need 60×16)") == true)
        terminal.size = TerminalSize(width: 80, height: 24)
        await loop.send([.resize])
        #expect(terminal.lastFrame?.width == 80)
        #expect(terminal.lastFrame?.text.contains("No data sources yet") == true)
        await loop.send([.char("a")])
        #expect(terminal.lastFrame?.text.contains("No connected accounts yet") == true)
        terminal.pendingKeys = [.escape, .char("q")]
        await loop.run()
        #expect(terminal.isShutDown)
        #expect(loop.state.shouldQuit)
    }
}

extension String {
    /// The display column where `needle` starts (0 when absent).
    func distance(of needle: String) -> Int {
        guard let r = range(of: needle) else { return 0 }
        return String(self[..<r.lowerBound]).displayWidth
    }
}
