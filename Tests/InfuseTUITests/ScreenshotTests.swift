import Foundation
import InfuseApp
import InfuseCore
import Testing
@testable import InfuseTUI
import InfuseTUITestSupport
import InfuseTestSupport

/// Screenshots of each numbered screen, from the real render path (state → cell buffer → SVG),
/// written to `Screenshots/` with `RECORD_SCREENSHOTS=1 swift test --filter ScreenshotTests`;
/// PNGs are made with `rsvg-convert` when it is installed. Without the variable the test only
/// checks that the SVGs are well formed.
@Suite("Screenshots")
struct ScreenshotTests {
    static let shots: [(String, String, @Sendable () -> AppState)] = [
        ("1-data-sources", "Data sources (home)", { DesignerFixtures.home() }),
        ("2-connection-picker", "Connection picker", { DesignerFixtures.picker() }),
        ("3-sign-in", "Sign in", { DesignerFixtures.signIn(.waiting(url: DesignerFixtures.authorizeURL, port: 40001)) }),
        ("3b-keap-app", "Sign in: the Keap app", { DesignerFixtures.keapAppSignIn() }),
        ("4-connected-accounts", "Connected accounts", { DesignerFixtures.accountsScreen() }),
        ("5-new-data-source", "New data source", { DesignerFixtures.form(withErrors: true) }),
        ("6-choose-schemas", "Choose Schema(s)", { DesignerFixtures.schemas(cjk: true) }),
        ("7-design-view", "Design view", { DesignerFixtures.design() }),
        ("8-error-dialog", "Error dialog", {
            var s = DesignerFixtures.form()
            s.showError(ErrorPresenter.report(KeapAPIError.unauthorized(message: "the access token was revoked"), account: "Demo"))
            return s
        }),
        ("9-refresh-progress", "First refresh", {
            var s = DesignerFixtures.home()
            s.progress = ProgressInfo(label: "Refreshing", done: 1_750, total: 2_500, page: 2, pageCount: 3, secondsLeft: 0.8)
            return s
        }),
    ]

    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Screenshots")
    }

    @Test("each numbered screen renders to SVG (written to Screenshots/ with RECORD_SCREENSHOTS=1)")
    func screenshots() throws {
        let record = ProcessInfo.processInfo.environment["RECORD_SCREENSHOTS"] == "1"
        if record { try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true) }
        let converter = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert", "/opt/homebrew/bin/rsvg-convert"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        // Browse and History read a real workspace: made once, removed after.
        let fixture = try BrowseFixture.make(count: 500)
        defer { fixture.remove() }
        let size = TerminalSize(width: 120, height: 34)
        let browse = try BrowseScreenTests.browse(fixture, size: size)
        let history = try BrowseScreenTests.history(fixture)
        let live: [(String, String, @Sendable () -> AppState)] = [
            ("10-browse", "Browse", { browse }),
            ("11-history", "History", { history }),
        ]
        for (file, title, make) in Self.shots + live {
            let buffer = AppRenderer.render(make(), size: size, theme: .standard)
            let svg = CellBufferSVG.svg(buffer, title: "Infuse — \(title)")
            #expect(svg.hasPrefix("<svg"))
            #expect(svg.contains("</svg>"))
            #expect(!svg.contains("<text x=\"\" "))
            guard record else { continue }
            let svgURL = Self.directory.appendingPathComponent(file + ".svg")
            try svg.write(to: svgURL, atomically: true, encoding: .utf8)
            if let converter {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: converter)
                process.arguments = ["-o", Self.directory.appendingPathComponent(file + ".png").path, svgURL.path]
                try process.run()
                process.waitUntilExit()
                #expect(process.terminationStatus == 0)
            }
        }
    }
}
