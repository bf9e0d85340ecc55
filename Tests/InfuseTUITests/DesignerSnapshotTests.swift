import Foundation
import InfuseApp
import InfuseCore
import Testing
@testable import InfuseTUI

/// Every designer screen rendered from a fixed state, at 80×24 and 120×40, compared with golden
/// text in `__Snapshots__/designer_*.txt` (`RECORD_SNAPSHOTS=1` rewrites them).
@Suite("Designer screens: snapshots")
struct DesignerSnapshotTests {
    static let screens: [(String, @Sendable () -> AppState)] = [
        ("1_home", { DesignerFixtures.home() }),
        ("1_home_empty", { DesignerFixtures.emptyHome() }),
        ("2_picker", { DesignerFixtures.picker() }),
        ("3_signin_waiting", { DesignerFixtures.signIn(.waiting(url: DesignerFixtures.authorizeURL, port: 40001)) }),
        ("3_signin_naming", { DesignerFixtures.signIn(.naming) }),
        ("3_signin_authorized", { DesignerFixtures.signIn(.authorized("Keap – sandbox")) }),
        ("3_signin_keap_app", { DesignerFixtures.keapAppSignIn() }),
        ("4_accounts", { DesignerFixtures.accountsScreen() }),
        ("5_form", { DesignerFixtures.form() }),
        ("5_form_errors", { DesignerFixtures.form(withErrors: true) }),
        ("6_schemas", { DesignerFixtures.schemas() }),
        ("7_design", { DesignerFixtures.design() }),
    ]

    static func render(_ state: AppState, _ width: Int, _ height: Int, theme: Theme = .standard) -> CellBuffer {
        AppRenderer.render(state, size: TerminalSize(width: width, height: height), theme: theme)
    }

    @Test("each screen at 80×24", arguments: screens.map(\.0))
    func at80x24(_ name: String) {
        let state = Self.screens.first { $0.0 == name }!.1()
        assertSnapshot(Self.render(state, 80, 24), named: "designer_\(name)_80x24")
    }

    @Test("each screen at 120×40", arguments: screens.map(\.0))
    func at120x40(_ name: String) {
        let state = Self.screens.first { $0.0 == name }!.1()
        assertSnapshot(Self.render(state, 120, 40), named: "designer_\(name)_120x40")
    }

    @Test("CJK and emoji data keep the columns aligned")
    func cjk() {
        for (name, state) in [("home", DesignerFixtures.home(cjk: true)), ("schemas", DesignerFixtures.schemas(cjk: true)),
                              ("design", DesignerFixtures.design(cjk: true))] {
            let buffer = Self.render(state, 100, 30)
            assertSnapshot(buffer, named: "designer_cjk_\(name)_100x30")
            for line in buffer.lines() { #expect(line.displayWidth == 100, "\(name): \(line)") }
        }
    }

    @Test("an error dialog over the form, and the help screen, at 80×24")
    func overlays() {
        var state = DesignerFixtures.form()
        state.showError(ErrorReport(title: "Keap refused the token (401)",
                                    message: "Keap refused the credentials (401): token revoked; re-authorize the account. The account Demo needs re-authorization: press x on Connected accounts."))
        assertSnapshot(Self.render(state, 80, 24), named: "designer_8_error_dialog_80x24")
        var help = DesignerFixtures.home()
        help.helpScroll = 0
        assertSnapshot(Self.render(help, 80, 24), named: "designer_help_80x24")
    }

    @Test("NO_COLOR: the selection and checkboxes carry meaning with > and [x]")
    func noColor() {
        let buffer = Self.render(DesignerFixtures.schemas(), 80, 24, theme: .noColor)
        assertSnapshot(buffer, named: "designer_6_schemas_no_color_80x24")
        #expect(buffer.text.contains("[x]"))
        #expect(buffer.text.contains(">"))
        #expect(!buffer.cells.contains { $0.style.fg != .default || $0.style.bg != .default })
    }

    @Test("below 60×16 every screen shows the too-small message")
    func tooSmall() {
        for (_, make) in Self.screens {
            let text = Self.render(make(), 59, 20).text + Self.render(make(), 80, 15).text
            #expect(text.contains("terminal too small (need 60×16)"))
        }
    }

    @Test("every screen fills exactly its width at several sizes (no wide-character overflow)")
    func widths() {
        for (name, make) in Self.screens {
            for (w, h) in [(60, 16), (80, 24), (101, 33), (120, 40)] {
                for line in Self.render(make(), w, h).lines() { #expect(line.displayWidth == w, "\(name) \(w)×\(h)") }
            }
        }
    }
}
