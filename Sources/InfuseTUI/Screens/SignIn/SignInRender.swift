import Foundation
import InfuseApp
import InfuseCore

extension AppRenderer {
    static func renderSignIn(_ s: SignInState, state: AppState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let inner = area.inset(dx: 2, dy: 1)
        var y = inner.y
        func line(_ text: String, _ style: Style, indent: Int = 0) {
            guard y < inner.maxY else { return }
            buffer.put(text, x: inner.x + indent, y: y, style: style, maxWidth: inner.width - indent)
            y += 1
        }
        let title = s.reauthorizing.map { "Re-authorize \($0) at \(s.connection.label)" } ?? "Sign in to \(s.connection.label)"
        line(title, theme.header)
        y += 1
        switch s.phase {
        case .starting:
            state.spinner.render(text: "Starting the sign-in…", into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: 1), theme: theme)
            y += 2
            line("Or use a Service Account Key instead (k).", theme.dim)
        case .keapApp:
            let intro = s.editingAppOnly ? "The Keap developer app OAuth sign-ins use."
                : "Infuse signs in as your Keap developer app: enter its Client ID and Client Secret once."
            for text in intro.wrapped(toWidth: max(1, inner.width)) { line(text, theme.normal) }
            let whereFrom = "Where: Keap's developer portal → Apps → New App → enable the API; the app's key is the Client ID, "
                + "its secret the Client Secret. Kept in secrets.json (0600), never shown again."
            for text in whereFrom.wrapped(toWidth: max(1, inner.width)) { line(text, theme.dim) }
            y += 1
            let labelWidth = 15
            let fieldWidth = max(10, min(60, inner.width - labelWidth))
            for (label, field, focused) in [("Client ID", s.clientID, !s.secretFocused), ("Client Secret", s.clientSecret, s.secretFocused)] {
                guard y < inner.maxY else { break }
                buffer.put(label, x: inner.x, y: y, style: focused ? theme.accent : theme.normal, maxWidth: labelWidth)
                field.render(into: &buffer, area: Rect(x: inner.x + labelWidth, y: y, width: fieldWidth, height: 1),
                             theme: theme, focused: focused)
                y += 2
            }
            if y < inner.maxY {
                ButtonState(label: s.editingAppOnly ? "Save" : "Save and sign in").render(
                    into: &buffer, area: Rect(x: inner.x + labelWidth, y: y, width: 22, height: 1), theme: theme, focused: s.secretFocused)
                y += 2
            }
            line(s.editingAppOnly ? "Ctrl-D removes the saved app." : "Or use a Service Account Key instead (Ctrl-K).", theme.dim)
        case .waiting(let url, let port):
            line("1  Open this address in a browser and click Allow:", theme.normal)
            for part in chunks(url, width: max(10, inner.width - 5)).prefix(4) { line(part, theme.accent, indent: 3) }
            if let note = s.browserNote { line("(o: open) " + note, theme.dim, indent: 3) } else { line("(o: open in your browser)", theme.dim, indent: 3) }
            y += 1
            let listening = port.map { "  (listening on 127.0.0.1:\($0))" } ?? ""
            if y < inner.maxY {
                state.spinner.render(text: "Waiting for Keap to send you back…" + listening, into: &buffer,
                                     area: Rect(x: inner.x + 3, y: y, width: inner.width - 3, height: 1), theme: theme)
                buffer.put("2", x: inner.x, y: y, style: theme.normal)
                y += 1
            }
            line("Browser on another machine? Paste the address it lands on, or the code (Tab):", theme.normal, indent: 3)
            if y < inner.maxY {
                s.paste.render(into: &buffer, area: Rect(x: inner.x + 3, y: y, width: max(10, inner.width - 6), height: 1),
                               theme: theme, focused: s.pasteFocused)
                y += 2
            }
            if s.connection.isSandbox { line("On the sandbox, press a to approve the consent from here.", theme.success) }
            line("Or use a Service Account Key instead (k).", theme.dim)
        case .naming:
            line("✓ Keap sent you back: access allowed.", theme.success)
            y += 1
            line("Set a name to identify the account:", theme.normal)
            if y < inner.maxY {
                s.name.render(into: &buffer, area: Rect(x: inner.x, y: y, width: min(50, inner.width), height: 1), theme: theme, focused: true)
                y += 2
            }
            if y < inner.maxY {
                ButtonState(label: "Next").render(into: &buffer, area: Rect(x: inner.x, y: y, width: 10, height: 1), theme: theme, focused: true)
            }
        case .finishing:
            state.spinner.render(text: "Saving the account…", into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: 1), theme: theme)
        case .authorized(let name):
            line("✓ Successfully authorized \(name).", theme.success)
            y += 1
            line(s.reauthorizing == nil ? "Connect to continue with the new data source." : "Its data sources can refresh again.", theme.normal)
            y += 1
            if y < inner.maxY {
                ButtonState(label: "Connect").render(into: &buffer, area: Rect(x: inner.x, y: y, width: 13, height: 1), theme: theme, focused: true)
            }
        }
    }

    /// `text` cut into pieces of at most `width` columns (URLs have no spaces to wrap at).
    static func chunks(_ text: String, width: Int) -> [String] {
        var out: [String] = []
        var current = ""
        for c in text {
            if (current + String(c)).displayWidth > width { out.append(current); current = "" }
            current.append(c)
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
