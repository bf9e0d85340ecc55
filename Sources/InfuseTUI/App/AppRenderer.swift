import Foundation
import InfuseApp
import InfuseCore

/// Draws the whole designer for a state: the frame (title bar, status line, footer from the
/// keymap stack), the top screen's body, then overlays (dialog, help). Pure: state in, cells out.
public enum AppRenderer {
    /// A buffer of `size` showing `state`.
    public static func render(_ state: AppState, size: TerminalSize, theme: Theme) -> CellBuffer {
        var buffer = CellBuffer(width: size.width, height: size.height)
        render(state, into: &buffer, theme: theme)
        return buffer
    }

    /// Draws `state` over the whole of `buffer`.
    public static func render(_ state: AppState, into buffer: inout CellBuffer, theme: Theme) {
        if TerminalTooSmall.applies(width: buffer.width, height: buffer.height) {
            TerminalTooSmall.render(into: &buffer, theme: theme)
            return
        }
        let frame = AppFrame(titles: titles(state), rightTitle: rightTitle(state, width: buffer.width))
        let layout = frame.render(into: &buffer, bounds: buffer.bounds, theme: theme)
        switch state.top {
        case .home: renderHome(state, into: &buffer, area: layout.body, theme: theme)
        case .picker(let p): renderPicker(p, into: &buffer, area: layout.body, theme: theme)
        case .signIn(let s): renderSignIn(s, state: state, into: &buffer, area: layout.body, theme: theme)
        case .accounts(let a): renderAccounts(a, state: state, into: &buffer, area: layout.body, theme: theme)
        case .form(let f): renderForm(f, state: state, into: &buffer, area: layout.body, theme: theme)
        case .schemas(let s): renderSchemas(s, into: &buffer, area: layout.body, theme: theme)
        case .design(let d): renderDesign(d, into: &buffer, area: layout.body, theme: theme)
        case .browse(let b): renderBrowse(b, into: &buffer, area: layout.body, theme: theme)
        case .history(let h): renderHistory(h, into: &buffer, area: layout.body, theme: theme)
        }
        renderStatus(state, into: &buffer, area: layout.status, theme: theme)
        let stack = AppKeymaps.stack(for: state)
        Footer.render(stack, into: &buffer, area: layout.footer, theme: theme)
        if let dialog = state.dialog {
            dialog.render(into: &buffer, bounds: layout.body, theme: theme)
        }
        if let scroll = state.helpScroll {
            var under = state
            under.helpScroll = nil
            HelpScreen.render(AppKeymaps.stack(for: under), scroll: scroll, into: &buffer, bounds: buffer.bounds, theme: theme)
        }
    }

    /// The status line: progress bar, else the spinner with what is running, else the message.
    static func renderStatus(_ state: AppState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let right = statusRight(state)
        if let progress = state.progress {
            StatusLine.render(nil, right: right, into: &buffer, area: area, theme: theme)
            let width = area.width - 2 - (right.map { $0.displayWidth + 2 } ?? 0)
            ProgressBar.render(progress, into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: max(0, width), height: 1), theme: theme)
        } else if let busy = state.busy {
            StatusLine.render(nil, right: right, into: &buffer, area: area, theme: theme)
            state.spinner.render(text: busy, into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1), theme: theme)
        } else {
            StatusLine.render(state.status, right: right, into: &buffer, area: area, theme: theme)
        }
    }

    static func statusRight(_ state: AppState) -> String? {
        switch state.top {
        case .home: state.sources.isEmpty ? nil : "\(state.sources.count) data source\(state.sources.count == 1 ? "" : "s")"
        case .schemas(let s): "\(NumberText.grouped(s.preview.rowsFetched)) rows in \(s.preview.pagesFetched) page\(s.preview.pagesFetched == 1 ? "" : "s")"
        case .browse(let b): browseStatusRight(b)
        case .history(let h): h.runs.map { "\($0.count) run\($0.count == 1 ? "" : "s")" }
        default: nil
        }
    }

    /// The title segments for the top screen.
    public static func titles(_ state: AppState) -> [String] {
        switch state.top {
        case .home: ["Infuse", "Data sources"]
        case .picker: ["Infuse", "New data source", "Choose a connection"]
        case .signIn(let s): ["Infuse", s.connection.isSandbox ? "Infusionsoft (sandbox)" : "Infusionsoft", "Sign in"]
        case .accounts: ["Infuse", "Connected accounts"]
        case .form(let f): ["Infuse", f.original.map { "Edit \($0.name)" } ?? "New data source", "Infusionsoft", f.account]
        case .schemas(let s): ["Infuse", s.draft.name, "Choose Schema(s)"]
        case .design(let d): ["Infuse", d.draft.name, "Design"]
        case .browse(let b): ["Infuse", b.source, "Browse"]
        case .history(let h): ["Infuse", h.source, "History"]
        }
    }

    /// The right side of the title bar: sandbox marker, workspace, account.
    public static func rightTitle(_ state: AppState, width: Int = 200) -> String {
        let full = rightParts(state)
        let titleWidth = (" " + titles(state).joined(separator: " ─ ") + " ").displayWidth
        // Drop the workspace, then the account, when the titles would be cut.
        for drop in [[], ["workspace"], ["workspace", "account"]] {
            let kept = full.filter { !drop.contains($0.kind) }.map(\.text).joined(separator: " · ")
            if titleWidth + kept.displayWidth + 6 <= width || drop.count == 2 { return kept }
        }
        return ""
    }

    static func rightParts(_ state: AppState) -> [(kind: String, text: String)] {
        var parts: [(kind: String, text: String)] = []
        if let base = state.context.sandboxAPIBase {
            parts.append(("sandbox", "sandbox \(base.host ?? "127.0.0.1"):\(base.port.map(String.init) ?? "")"))
        }
        parts.append(("workspace", "workspace " + state.context.workspaceLabel))
        if let account = state.currentAccount, state.screens.count > 1 { parts.append(("account", account)) }
        return parts
    }
}
