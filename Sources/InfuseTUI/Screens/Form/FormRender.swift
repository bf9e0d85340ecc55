import Foundation
import InfuseApp
import InfuseCore

extension AppRenderer {
    static let formLabelWidth = 16

    static func renderForm(_ f: FormState, state: AppState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let inner = area.inset(dx: 2, dy: 1)
        let labelWidth = formLabelWidth
        let fieldX = inner.x + labelWidth
        let fieldWidth = max(10, min(48, inner.width - labelWidth - 16))
        var y = inner.y
        var overlay: (DropDownState, Rect)? = nil
        func label(_ text: String, _ field: FormState.Field?) {
            let focused = field == f.focus
            let style = focused ? theme.accent : theme.normal
            buffer.put((focused && !theme.usesColor ? ">" : " ") + text, x: inner.x - 1, y: y, style: style, maxWidth: labelWidth)
        }
        func errorsFor(_ field: FormState.Field) {
            for message in f.errors[field] ?? [] where y < inner.maxY {
                buffer.put(theme.attentionMarker + message, x: fieldX, y: y, style: theme.error, maxWidth: inner.maxX - fieldX)
                y += 1
            }
        }
        func dropDown(_ d: DropDownState, _ field: FormState.Field, width: Int) {
            let rect = Rect(x: fieldX, y: y, width: width, height: 1)
            d.render(into: &buffer, area: rect, theme: theme, focused: f.focus == field)
            if d.isOpen { overlay = (d, rect) }
        }
        let rows = inner.maxY
        // Name
        label("Name", .name)
        f.name.render(into: &buffer, area: Rect(x: fieldX, y: y, width: fieldWidth, height: 1), theme: theme, focused: f.focus == .name)
        y += 1; errorsFor(.name)
        guard y < rows else { return }
        label("Description", .description)
        f.description.render(into: &buffer, area: Rect(x: fieldX, y: y, width: fieldWidth, height: 1), theme: theme, focused: f.focus == .description)
        buffer.put(" (optional)", x: fieldX + fieldWidth, y: y, style: theme.dim, maxWidth: inner.maxX - fieldX - fieldWidth)
        y += 1; errorsFor(.description)
        guard y < rows else { return }
        label("API Endpoints", .endpoint)
        dropDown(f.endpoint, .endpoint, width: fieldWidth)
        var toggle = f.customURLOn
        toggle.label = "Custom Url"
        toggle.render(into: &buffer, area: Rect(x: fieldX + fieldWidth + 2, y: y, width: max(0, inner.maxX - fieldX - fieldWidth - 2), height: 1),
                      theme: theme, focused: f.focus == .customToggle)
        y += 1
        if !f.pathParameters.isEmpty, y < rows {
            let text = f.pathParameters.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
            buffer.put(text, x: fieldX, y: y, style: theme.dim, maxWidth: inner.maxX - fieldX)
            y += 1
        }
        errorsFor(.endpoint)
        guard y < rows else { return }
        label("Custom Url", .customURL)
        if f.customURLOn.isOn {
            f.customURL.render(into: &buffer, area: Rect(x: fieldX, y: y, width: max(10, inner.maxX - fieldX - 1), height: 1),
                               theme: theme, focused: f.focus == .customURL)
        } else {
            let url = f.resolvedURL(apiBase: state.screenContext.apiBase(of: f.account))
            let text = url.isEmpty ? "(read-only until Custom Url is ticked)" : url + "   (read-only until ☑)"
            buffer.put(text, x: fieldX, y: y, style: theme.dim, maxWidth: inner.maxX - fieldX)
        }
        y += 1; errorsFor(.customURL)
        guard y < rows else { return }
        label("Method", .method)
        dropDown(f.method, .method, width: 9)
        y += 1; errorsFor(.method)
        guard y < rows else { return }
        label("Max Rows", .maxRows)
        f.maxRows.render(into: &buffer, area: Rect(x: fieldX, y: y, width: 12, height: 1), theme: theme, focused: f.focus == .maxRows)
        buffer.put("  rows are fetched in pages of up to 1,000", x: fieldX + 12, y: y, style: theme.dim, maxWidth: inner.maxX - fieldX - 12)
        y += 1; errorsFor(.maxRows)
        guard y < rows else { return }
        label("Refresh", .refresh)
        dropDown(f.refresh, .refresh, width: 22)
        y += 1; errorsFor(.refresh)
        guard y < rows else { return }
        label("Data Format", .dataFormat)
        dropDown(f.dataFormat, .dataFormat, width: 10)
        y += 1
        guard y < rows else { return }
        label("Destination", .destination)
        f.destination.render(into: &buffer, area: Rect(x: fieldX, y: y, width: max(10, inner.maxX - fieldX - 1), height: 1),
                             theme: theme, focused: f.focus == .destination)
        y += 1
        if f.focus == .destination, f.errors[.destination] == nil, y < rows {
            buffer.put("empty: tables in the workspace's SQLite · PostgreSQL password: `infuse destinations set-password`, PGPASSWORD or ~/.pgpass",
                       x: fieldX, y: y, style: theme.dim, maxWidth: inner.maxX - fieldX)
            y += 1
        }
        errorsFor(.destination)
        guard y < rows else { return }
        label("Sync", .sync)
        dropDown(f.sync, .sync, width: 14)
        let resolved: String
        switch f.sync.selectedIndex ?? 0 {
        case 0:
            let target: DataSourceTarget = f.customURLOn.isOn ? .customURL(f.customURL.text) : .endpoint(id: f.chosenEndpoint?.id ?? "")
            resolved = ChangeCursor.forTarget(target) == nil
                ? "  full: no change filter here"
                : "  incremental: reads only what changed"
        case 1: resolved = "  only what changed; deletes once a day"
        default: resolved = "  every record, every refresh"
        }
        buffer.put(resolved, x: fieldX + 14, y: y, style: theme.dim, maxWidth: inner.maxX - fieldX - 14)
        y += 1; errorsFor(.sync)
        guard y < rows else { return }
        label("Authentication", nil)
        let kind = state.accounts.first { $0.account.name == f.account }?.account.authKind == .apiKey ? "API key" : "OAuth"
        buffer.put("Infusionsoft (\(kind) · \(f.account))", x: fieldX, y: y, style: theme.normal, maxWidth: inner.maxX - fieldX)
        y += 2
        if y < rows {
            let focusIndex: Int? = f.focus == .preview ? 0 : (f.focus == .cancel ? 1 : nil)
            ButtonState.renderRow([ButtonState(label: "Preview & Connect"), ButtonState(label: "Cancel")], focusedIndex: focusIndex,
                                  into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: 1), theme: theme)
        }
        if let (d, rect) = overlay { d.renderOverlay(into: &buffer, below: rect, within: area, theme: theme) }
    }
}
