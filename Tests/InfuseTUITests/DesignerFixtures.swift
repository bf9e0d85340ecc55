import Foundation
import InfuseApp
import InfuseCore
@testable import InfuseTUI

/// Fixed states of every designer screen, built directly (no network, no clock).
enum DesignerFixtures {
    static let sandboxBase = URL(string: "http://127.0.0.1:8765/crm/rest")!
    static let context = DesignerContext(workspaceLabel: "~/.local/share/infuse", sandboxAPIBase: sandboxBase)
    static let created = Date(timeIntervalSince1970: 1_767_225_600)

    static func account(_ name: String, base: URL = sandboxBase, kind: AuthKind = .oauth, status: AccountStatus = .ok) -> Account {
        Account(name: name, apiBase: base, authKind: kind, createdAt: created, lastAuthorizedAt: created, status: status)
    }

    static let accounts: [AccountRow] = [
        AccountRow(account: account("Demo"), appText: "sandbox", statusText: "ok", authorizedText: "today", usedBy: ["Contacts report", "Open orders"]),
        AccountRow(account: account("Sales", base: URL(string: "https://api.infusionsoft.com/crm/rest")!, status: .needsReauthorization),
                   appText: "api.infusionsoft.com", statusText: "needs re-authorization", authorizedText: "3 Nov", usedBy: ["Pipeline"]),
        AccountRow(account: account("Ops key", base: URL(string: "https://api.infusionsoft.com/crm/rest")!, kind: .apiKey),
                   appText: "api.infusionsoft.com", statusText: "ok", authorizedText: "1 Oct", usedBy: []),
    ]

    static func source(_ name: String, _ endpoint: String, account: String = "Demo", maxRows: Int? = 2500,
                       refresh: RefreshInterval = .hour1, schemas: [String] = []) -> DataSource {
        DataSource(name: name, accountName: account, target: .endpoint(id: endpoint), maxRows: maxRows,
                   refreshInterval: refresh, selectedSchemas: schemas, createdAt: created)
    }

    static let sources: [SourceRow] = [
        SourceRow(source: source("Contacts report", "contacts", schemas: ["contacts", "contacts.email_addresses"]),
                  accountText: "Demo (ok)", rowsText: "6,241", lastRefreshText: "today 09:12", statusText: "ok",
                  nextDueText: "10:12",
                  details: ["Tables: contacts_report__contacts (2,500) · contacts_report__contacts__email_addresses (3,741) · view contacts_report",
                            "Last run: 2.1 s, succeeded. Schema: contacts: +job_title"]),
        SourceRow(source: source("Open orders", "orders", maxRows: nil), accountText: "Demo (ok)", rowsText: "1,204",
                  lastRefreshText: "today 08:00", statusText: "failed ⚠", failed: true, nextDueText: "09:00",
                  details: ["Tables: open_orders__orders (1,204) · view open_orders", "Last run: 40.0 s, failed",
                            "Last error: Keap is throttling requests (429); retried 5 times over 40 s"]),
        SourceRow(source: source("Pipeline", "opportunities", account: "Sales", maxRows: 500, refresh: .never),
                  accountText: "Sales (re-auth)", rowsText: "312", lastRefreshText: "yesterday 17:40", statusText: "ok",
                  nextDueText: "never", details: ["Tables: pipeline__opportunities (312) · view pipeline"]),
    ]

    /// A contacts preview; `cjk` swaps in Japanese, Chinese and emoji names.
    static func preview(cjk: Bool = false) -> PreviewSummary {
        let names: [(String, String)] = cjk
            ? [("健", "東京"), ("さくら", "山田"), ("Zoë 🎉", "Ñandú"), ("明", "李"), ("🚀", "火箭")]
            : [("Zoë", "Ñandú"), ("Émile", "O'Brien"), ("Ada", "Lovelace"), ("Grace", "Hopper"), ("Alan", "Turing")]
        let contactColumns = [GridColumn(name: "id", type: "int"), GridColumn(name: "given_name", type: "text"),
                              GridColumn(name: "family_name", type: "text"), GridColumn(name: "email_status", type: "text"),
                              GridColumn(name: "date_created", type: "date-time"), GridColumn(name: "score_value", type: "text")]
        let contactRows = names.enumerated().map { i, n in
            ["\(i + 1)", n.0, n.1, ["SingleOptIn", "NonMarketable", "Confirmed"][i % 3], "2024-01-0\(i + 1)T10:00:00Z", "\(i * 7)"]
        }
        let emailRows = [["1", "0", "zoe@example.com", "EMAIL1"], ["1", "1", "z.nandu@work.example", "EMAIL2"],
                         ["2", "0", cjk ? "さくら@例え.jp" : "emile@example.com", "EMAIL1"], ["4", "0", "grace@example.com", "EMAIL1"]]
        let emails = SchemaSummary(
            path: "contacts.email_addresses", rowCount: 3_741,
            columns: [GridColumn(name: "contact_id", type: "int"), GridColumn(name: "_position", type: "int"),
                      GridColumn(name: "email", type: "text"), GridColumn(name: "field", type: "text")],
            linkColumn: "contact_id", parentPath: "contacts", previewRows: emailRows)
        let phones = SchemaSummary(
            path: "contacts.phone_numbers", rowCount: 1_210,
            columns: [GridColumn(name: "contact_id", type: "int"), GridColumn(name: "_position", type: "int"),
                      GridColumn(name: "number", type: "text")],
            linkColumn: "contact_id", parentPath: "contacts", previewRows: [["1", "0", "+1 555 0100"]])
        let contacts = SchemaSummary(path: "contacts", rowCount: 2_500, columns: contactColumns, keyColumn: "id",
                                     parentPath: "root", previewRows: contactRows, children: [emails, phones])
        let root = SchemaSummary(path: "root", rowCount: 1, columns: [GridColumn(name: "count", type: "int")],
                                 previewRows: [["5000"]], children: [contacts])
        return PreviewSummary(roots: [root], rowsFetched: 2_500, pagesFetched: 3)
    }

    static let sandboxConnection = context.connections[0]

    static func base() -> AppState {
        var state = AppState(context: context)
        _ = AppReducer.reduce(&state, .homeLoaded(sources: sources, accounts: accounts))
        return state
    }

    static func home(cjk: Bool = false) -> AppState {
        var state = AppState(context: context)
        var rows = sources
        if cjk {
            rows[0].source.name = "顧客リスト 🎉"
            rows[1].source.name = "東京 orders"
            rows[0].details[0] = "Tables: s_gu_ke_risuto__contacts (2,500) · 表 ✓"
        }
        _ = AppReducer.reduce(&state, .homeLoaded(sources: rows, accounts: accounts))
        return state
    }

    static func emptyHome() -> AppState { AppState(context: context) }

    static func picker() -> AppState {
        var state = base()
        state.push(.picker(PickerState(connections: context.connections)))
        return state
    }

    static func signIn(_ phase: SignInState.Phase) -> AppState {
        var state = base()
        var s = SignInState(connection: sandboxConnection)
        s.phase = phase
        s.name = TextFieldState(text: "Keap – sandbox")
        state.push(.signIn(s))
        return state
    }

    /// The Keap app step of a first real sign-in: the Client ID typed, the secret being typed (masked).
    static func keapAppSignIn() -> AppState {
        var state = base()
        var s = SignInState(connection: context.connections[1])
        s.phase = .keapApp
        s.clientID = TextFieldState(text: "k3ap-app-1d", placeholder: s.clientID.placeholder)
        s.clientSecret.setText("s3cret-typed-here")
        s.secretFocused = true
        state.push(.signIn(s))
        return state
    }

    static let authorizeURL = "http://127.0.0.1:8765/app/oauth/authorize?client_id=infuse-sandbox&redirect_uri=http://127.0.0.1:40001/callback&response_type=code&scope=full&state=Qm9yZWQgZml4dHVyZSBzdGF0ZQ"

    static func accountsScreen() -> AppState {
        var state = base()
        state.push(.accounts(AccountsState(purpose: .manage, rows: accounts)))
        return state
    }

    static func form(withErrors: Bool = false) -> AppState {
        var state = base()
        state.currentAccount = "Demo"
        var f = FormState(account: "Demo")
        f.name.setText(withErrors ? "Contacts report" : "Weekly contacts")
        f.description.setText("Weekly CRM contacts")
        if let i = FormState.endpoints.firstIndex(where: { $0.id == "contacts" }) { f.endpoint.select(i) }
        f.maxRows.setText(withErrors ? "2,500,000x" : "2500")
        f.refresh.select(3)
        f.focus = .maxRows
        if withErrors { _ = f.validate(existingNames: sources.map(\.source.name), accounts: ["Demo"], now: created) }
        state.push(.form(f))
        return state
    }

    static func schemas(cjk: Bool = false) -> AppState {
        var state = base()
        state.currentAccount = "Demo"
        var s = SchemaChooserState(draft: source("Weekly contacts", "contacts"), replacing: nil, preview: preview(cjk: cjk))
        _ = s.tree.handle(.char(" "))
        state.push(.schemas(s))
        return state
    }

    static func design(cjk: Bool = false) -> AppState {
        var state = base()
        state.currentAccount = "Demo"
        var d = DesignState(draft: source("Weekly contacts", "contacts"), replacing: nil, preview: preview(cjk: cjk),
                            tables: ["contacts", "contacts.email_addresses"])
        d.columnIndex = 5
        d.cycleFocusedColumnType()
        d.pane = .columns
        state.push(.design(d))
        return state
    }
}
