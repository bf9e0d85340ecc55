import Foundation
import InfuseApp
import InfuseCore
import Testing
@testable import InfuseTUI

/// The first sign-in to a real Keap account when no Keap app is known: the sign-in asks for the
/// app's Client ID and Client Secret (masked), saves them, then signs in; the key path stays open.
@Suite("Designer: the Keap app step of a real sign-in")
struct KeapAppFlowTests {
    static let keap = DesignerFixtures.context.connections[1]
    static let secret = "s3cr3t-0f-the-app"

    static func startedRealSignIn() -> AppState {
        var state = AppState(context: DesignerFixtures.context)
        DesignerFlowTests.press(&state, [.char("n"), .down])
        let effects = DesignerFlowTests.press(&state, [.enter])
        #expect(effects == [.startSignIn(apiBase: keap.apiBase, sandbox: false, reauthorizing: nil)])
        return state
    }

    @Test("no Keap app: Client ID and Secret asked, the secret masked, saved, then the sign-in starts as that app")
    func asksForTheApp() {
        var state = Self.startedRealSignIn()
        _ = AppReducer.reduce(&state, .keapAppNeeded)
        let asking = DesignerFlowTests.screen(state)
        #expect(asking.contains("Client ID") && asking.contains("Client Secret"))
        #expect(asking.contains("developer portal → Apps → New App"))
        // Enter on an empty Client ID says so and saves nothing.
        #expect(DesignerFlowTests.press(&state, [.enter, .enter]).isEmpty)
        #expect(state.status?.text == "Client ID is required")
        DesignerFlowTests.press(&state, DesignerFlowTests.type("my-app-id") + [.enter])
        DesignerFlowTests.press(&state, DesignerFlowTests.type(Self.secret))
        let typed = DesignerFlowTests.screen(state)
        #expect(!typed.contains(Self.secret))
        #expect(typed.contains(String(repeating: "•", count: Self.secret.count)))
        let save = DesignerFlowTests.press(&state, [.enter])
        #expect(save == [.saveKeapApp(clientID: "my-app-id", secret: SecretText(Self.secret))])
        let start = AppReducer.reduce(&state, .keapAppSaved(removed: false))
        #expect(start == [.loadHome, .startSignIn(apiBase: Self.keap.apiBase, sandbox: false, reauthorizing: nil)])
        guard case .signIn(let s) = state.top else { Issue.record("expected the sign-in"); return }
        #expect(s.phase == .starting)
        #expect(s.clientSecret.text.isEmpty, "the typed secret is dropped once saved")
    }

    @Test("a Service Account Key can be chosen while starting and on the Keap app step")
    func keyPathEverywhere() {
        var starting = Self.startedRealSignIn()
        #expect(DesignerFlowTests.press(&starting, [.char("k")]).isEmpty)
        #expect(starting.dialog != nil && starting.dialogPurpose == .signIn(.apiKey))
        var asking = Self.startedRealSignIn()
        _ = AppReducer.reduce(&asking, .keapAppNeeded)
        DesignerFlowTests.press(&asking, [.ctrl("k")])
        #expect(asking.dialog != nil && asking.dialogPurpose == .signIn(.apiKey))
    }

    @Test("a sign-in that cannot start goes back with the error instead of spinning for ever")
    func failedStartGoesBack() {
        var state = Self.startedRealSignIn()
        _ = AppReducer.reduce(&state, .failed(ErrorReport(title: "Sign-in failed", message: "the listener could not start.")))
        guard case .picker = state.top else { Issue.record("expected the picker again, got \(state.top.name)"); return }
        #expect(state.dialog != nil)
        #expect(state.busy == nil)
    }

    @Test("Connected accounts: a shows the saved app, Save returns; Ctrl-D asks, then removes; t tests the account")
    func editAndRemoveFromAccounts() {
        var state = DesignerFixtures.accountsScreen()
        _ = AppReducer.reduce(&state, .keapAppLoaded(clientID: "my-app-id"))
        #expect(DesignerFlowTests.screen(state).contains("Keap app: Client ID my-app-id, secret stored"))
        DesignerFlowTests.press(&state, [.char("a")])
        guard case .signIn(let editing) = state.top, editing.editingAppOnly else { Issue.record("expected the Keap app screen"); return }
        #expect(editing.clientID.text == "my-app-id")
        DesignerFlowTests.press(&state, [.ctrl("d")])
        #expect(state.dialogPurpose == .signIn(.removeKeapApp))
        #expect(DesignerFlowTests.press(&state, [.char("y")]) == [.removeKeapApp])
        _ = AppReducer.reduce(&state, .keapAppSaved(removed: true))
        guard case .accounts = state.top else { Issue.record("expected Connected accounts"); return }
        #expect(state.status?.text.hasPrefix("Removed the Keap app") == true)
        #expect(DesignerFlowTests.press(&state, [.char("t")]) == [.testAccount("Demo")])
        let health = AccountHealth(account: "Demo", status: .unreachable("cannot reach 127.0.0.1:9"), quota: [])
        _ = AppReducer.reduce(&state, .accountTested(health))
        #expect(state.status?.text == "Demo: unreachable (cannot reach 127.0.0.1:9)")
    }
}
