import Foundation
import InfuseApp
import InfuseCore
import Testing
@testable import InfuseTUI

/// Screens as closed features: a screen's update edits only its own state and returns intents;
/// one applier carries them out; each screen's keymap yields only that screen's commands.
@Suite("Screen intents and commands")
struct ScreenIntentTests {
    static let context = ScreenContext(designer: DesignerFixtures.context, sources: DesignerFixtures.sources,
                                       accounts: DesignerFixtures.accounts)

    static func home() -> HomeState {
        var home = HomeState()
        home.show(DesignerFixtures.sources)
        return home
    }

    @Test("home: commands return the screen to push, the dialog to present, the work to run; no AppState involved")
    func homeIntents() {
        var home = Self.home()
        #expect(home.update(.newSource, key: .char("n"), in: Self.context)
            == [.push(.picker(PickerState(connections: DesignerFixtures.context.connections)))])
        #expect(home.update(.browseSource, key: .enter, in: Self.context)
            == [.push(.browse(BrowseState(source: "Contacts report"))), .busy("Opening Contacts report…"),
                .run(.openBrowse("Contacts report"))])
        // Moving edits the screen's own list and asks nothing of the app; the next command sees it.
        #expect(home.update(.navigate, key: .down, in: Self.context).isEmpty)
        let delete = home.update(.deleteSource, key: .char("d"), in: Self.context)
        guard delete.count == 1, case .present(let dialog, let purpose) = delete[0] else {
            Issue.record("expected one dialog, got \(delete)"); return
        }
        #expect(purpose == .home(.deleteSource("Open orders")))
        #expect(dialog.kind == .confirm && dialog.message.contains("Delete Open orders?"))
        #expect(home.update(.editSource, key: .char("e"), in: Self.context)
            == [.selectAccount("Demo"), .push(.form(FormState(editing: DesignerFixtures.sources[1].source, account: "Demo")))])
        // The answer goes back to the home screen's own answer.
        #expect(HomeState.answer(.deleteSource("Open orders"), .confirmed)
            == [.status(StatusMessage(.info, "Deleting Open orders…")), .run(.deleteSource("Open orders"))])
        #expect(HomeState.answer(.deleteSource("Open orders"), .cancelled).isEmpty)
        var empty = HomeState()
        #expect(empty.update(.editSource, key: .char("e"), in: ScreenContext(designer: DesignerFixtures.context))
            == [.status(StatusMessage(.info, "Nothing to edit: press n to create a data source"))])
    }

    @Test("accounts: choosing an account needing re-authorization only warns; an ok one starts a form")
    func accountsIntents() {
        var accounts = AccountsState(purpose: .manage, rows: DesignerFixtures.accounts)
        #expect(accounts.update(.choose, key: .enter, in: Self.context)
            == [.selectAccount("Demo"), .popToHome, .push(.form(FormState(account: "Demo")))])
        _ = accounts.update(.navigate, key: .down, in: Self.context)
        #expect(accounts.update(.choose, key: .enter, in: Self.context)
            == [.status(StatusMessage(.warning, "Sales needs re-authorization: press x first"))])
        let rename = accounts.update(.renameAccount, key: .char("e"), in: Self.context)
        guard case .present(_, let purpose)? = rename.first else { Issue.record("expected a prompt"); return }
        #expect(purpose == .accounts(.renameAccount("Sales")))
        #expect(AccountsState.answer(.renameAccount("Sales"), .submitted("Demo"), in: Self.context)
            == [.status(StatusMessage(.error, "Account name Demo is already used by another account"))])
        #expect(AccountsState.answer(.renameAccount("Sales"), .submitted(" Sales EU "), in: Self.context)
            == [.run(.renameAccount(from: "Sales", to: "Sales EU"))])
    }

    @Test("History browses by going back to the Browse under it, else by opening Browse")
    func historyUsesTheScreenBelow() {
        var history = HistoryState(source: "Contacts report")
        var below = Self.context
        below.screenBelow = .browse(BrowseState(source: "Contacts report"))
        #expect(history.update(.browseSource, key: .char("b"), in: below) == [.pop])
        below.screenBelow = .browse(BrowseState(source: "Open orders"))
        #expect(history.update(.browseSource, key: .char("b"), in: below)
            == [.push(.browse(BrowseState(source: "Contacts report"))), .busy("Opening Contacts report…"),
                .run(.openBrowse("Contacts report"))])
    }

    @Test("the clock reaches a screen only through its context")
    func clockIsInput() {
        guard case .design(var design) = DesignerFixtures.design().top else { Issue.record("no design"); return }
        let monday = Date(timeIntervalSince1970: 1_767_225_600), tuesday = monday.addingTimeInterval(86_400)
        var early = Self.context, late = Self.context
        early.now = monday
        late.now = tuesday
        let saveEarly = design.answer(.saveName, .submitted(" Weekly "), in: early)
        let saveLate = design.answer(.saveName, .submitted(" Weekly "), in: late)
        guard case .run(.saveSource(let a, nil))? = saveEarly.last, case .run(.saveSource(let b, nil))? = saveLate.last else {
            Issue.record("expected a save, got \(saveEarly)"); return
        }
        #expect(saveEarly.first == .busy("Saving Weekly…"))
        #expect(a.name == "Weekly" && a.updatedAt == monday)
        #expect(b.updatedAt == tuesday)
    }

    @Test("Browse answers its own results: a refresh of its source reopens the grid; a failure before it opened closes it")
    func browseResults() {
        var browse = BrowseState(source: "Contacts report")
        browse.tables = [BrowseTable(label: "view", relation: "contacts_report", isView: true)]
        browse.query = BrowseQuery(sort: BrowseSort(column: "id", descending: true))
        #expect(browse.refreshed(source: "Contacts report")
            == [.run(.openGrid(source: "Contacts report", table: browse.tables[0], query: browse.query))])
        #expect(browse.refreshed(source: "Open orders").isEmpty)
        #expect(browse.failed() == [.pop])
        var state = DesignerFixtures.base()
        state.push(.browse(browse))
        let effects = AppReducer.reduce(&state, .refreshFinished(name: "Contacts report", summary: "Refreshed"))
        #expect(effects == [.loadHome, .openGrid(source: "Contacts report", table: browse.tables[0], query: browse.query)])
        #expect(AppReducer.reduce(&state, .failed(ErrorReport(title: "Browse failed", message: "no table"))) == [.loadHome])
        #expect(state.screens.count == 1 && state.dialog?.title == "Browse failed")
    }

    @Test("apply carries intents out in order and returns the effects in order")
    func applyIntents() {
        var state = DesignerFixtures.base()
        let picker = Screen.picker(PickerState(connections: DesignerFixtures.context.connections))
        let history = Screen.history(HistoryState(source: "Contacts report"))
        let dialog = DialogState.confirm(title: "Sure?", message: "Really?")
        let progress = ProgressInfo(label: "Refreshing", done: 1, total: 2)
        let effects = AppReducer.apply([
            .push(picker), .run(.loadHome), .push(history), .status(StatusMessage(.warning, "careful")), .busy("working"),
            .progress(progress), .present(dialog, .home(.deleteSource("x"))), .selectAccount("Sales"), .pop,
            .run(.refresh("x")),
        ], to: &state)
        #expect(effects == [.loadHome, .refresh("x")])
        #expect(state.screens.count == 2 && state.top == picker)
        #expect(state.status == StatusMessage(.warning, "careful"))
        #expect(state.busy == "working" && state.progress == progress)
        #expect(state.dialog == dialog && state.dialogPurpose == .home(.deleteSource("x")))
        #expect(state.currentAccount == "Sales")
        _ = AppReducer.apply([.push(history), .push(picker), .popToHome, .pop, .status(nil), .busy(nil), .progress(nil)], to: &state)
        #expect(state.screens.count == 1, "pops never remove the home screen")
        #expect(state.status == nil && state.busy == nil && state.progress == nil)
    }

    @Test("a screen's edits are written back before its intents: a pop removes it, a push lands above it")
    func writeBackBeforeIntents() {
        var state = DesignerFixtures.form()
        let depth = state.screens.count
        // Typing and Tab edit the form's own state (a changed field, the focus) and ask nothing else.
        #expect(AppReducer.reduce(&state, .key(.char("0"))).isEmpty)
        #expect(AppReducer.reduce(&state, .key(.tab)).isEmpty)
        guard case .form(let moved) = state.top else { Issue.record("expected the form"); return }
        #expect(moved.focus == .refresh && moved.isDirty && moved.maxRows.text == "25000")
        _ = AppReducer.reduce(&state, .key(.escape))
        #expect(state.dialogPurpose == .form(.discardForm))
        _ = AppReducer.reduce(&state, .key(.char("y")))
        #expect(state.screens.count == depth - 1)
        if case .form = state.top { Issue.record("the form should be gone") }
        var home = DesignerFixtures.home()
        _ = AppReducer.reduce(&home, .key(.down))
        _ = AppReducer.reduce(&home, .key(.char("h")))
        guard case .history(let h) = home.top else { Issue.record("expected History"); return }
        #expect(h.source == "Open orders")
        #expect(home.home.selected(in: home.sources)?.source.name == "Open orders", "home kept its moved selection under History")
    }

    /// An enum value's case name (`home` for `.home(...)`): a command's case names the screen
    /// (or `global`, an overlay) it belongs to, as a ``Screen``'s case names the screen.
    static func caseName(_ value: some Any) -> String {
        String(String(describing: value).prefix { $0 != "(" })
    }

    @Test("each screen's keymap yields only its own commands, the global layer only global ones")
    func keymapsAreTyped() {
        var filtering = DesignerFixtures.home()
        _ = AppReducer.reduce(&filtering, .key(.char("/")))
        var moving = DesignerFixtures.design()
        moving.top = { if case .design(var d) = moving.top { d.pane = .tables; d.grabbed = true; return .design(d) }; return moving.top }()
        var browse = DesignerFixtures.base()
        browse.push(.browse(BrowseState(source: "Contacts report")))
        var history = DesignerFixtures.base()
        history.push(.history(HistoryState(source: "Contacts report")))
        let states = [DesignerFixtures.home(), filtering, DesignerFixtures.picker(), DesignerFixtures.accountsScreen(),
                      DesignerFixtures.form(), DesignerFixtures.schemas(), DesignerFixtures.design(), moving, browse, history,
                      DesignerFixtures.signIn(.starting), DesignerFixtures.signIn(.waiting(url: "u", port: 1)),
                      DesignerFixtures.signIn(.naming), DesignerFixtures.signIn(.authorized("Demo")), DesignerFixtures.keapAppSignIn()]
        var owners = Set<String>()
        for state in states {
            let screen = AppKeymaps.screen(state)
            #expect(!screen.bindings.isEmpty)
            for binding in screen.bindings {
                #expect(Self.caseName(binding.action) == Self.caseName(state.top), "\(screen.name): \(binding.action)")
            }
            owners.insert(Self.caseName(state.top))
        }
        #expect(owners.count == 9, "every screen was checked")
        #expect(AppKeymaps.stack(for: DesignerFixtures.home()).layers.last?.bindings.map(\.action) == [.global(.help), .global(.quit)])
        // A key resolves to the command of the screen on top.
        #expect(AppKeymaps.stack(for: DesignerFixtures.home()).resolve(.char("a")) == .home(.manageAccounts))
        #expect(AppKeymaps.stack(for: DesignerFixtures.accountsScreen()).resolve(.char("a")) == .accounts(.editKeapApp))
        #expect(AppKeymaps.stack(for: browse).resolve(.char("h")) == .browse(.showHistory))
        #expect(AppKeymaps.stack(for: DesignerFixtures.home()).resolve(.char("h")) == .home(.showHistory))
    }

    @Test("Keymap.map keeps keys, help and footer and only changes the action")
    func keymapMap() {
        let mapped = HistoryState.keymap.map(AppCommand.history)
        #expect(mapped.name == HistoryState.keymap.name && mapped.blocksFallThrough == HistoryState.keymap.blocksFallThrough)
        #expect(mapped.bindings.map(\.keys) == HistoryState.keymap.bindings.map(\.keys))
        #expect(mapped.bindings.map(\.help) == HistoryState.keymap.bindings.map(\.help))
        #expect(mapped.bindings.map(\.footerText) == HistoryState.keymap.bindings.map(\.footerText))
        #expect(mapped.bindings.map(\.showInFooter) == HistoryState.keymap.bindings.map(\.showInFooter))
        #expect(mapped.bindings.map(\.action) == HistoryState.keymap.bindings.map { .history($0.action) })
    }
}
