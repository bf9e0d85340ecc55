import Foundation
import InfuseApp
import InfuseCore

extension AppRenderer {
    static func renderAccounts(_ a: AccountsState, state: AppState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        var body = area
        if case .choose(let c) = a.purpose {
            buffer.put(" Choose the account for \(c.label), or Connect New Account (c).", x: area.x, y: area.y,
                       style: theme.dim, maxWidth: area.width)
            body = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2)
        }
        let app = state.keapAppClientID.map { "Keap app: Client ID \($0), secret stored (a to change)" }
            ?? "Keap app: none saved yet (a to add; OAuth sign-ins ask for it)"
        body.height -= 1
        a.list.render(into: &buffer, area: body, theme: theme, focused: true)
        buffer.put(" " + app, x: area.x, y: area.maxY - 1, style: theme.dim, maxWidth: area.width)
    }
}
