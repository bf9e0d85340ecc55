import Foundation
import InfuseApp
import InfuseCore

/// Screen 2, Choose a connection: the connection types, filterable by typing, with a description.
public struct PickerState: Hashable, Sendable {
    /// The choices.
    public var connections: [ConnectionChoice]
    /// The list (always filtering: typing narrows it).
    public var list: ListState

    /// Creates the picker.
    public init(connections: [ConnectionChoice]) {
        self.connections = connections
        self.list = ListState(items: connections.map(\.label), alwaysFiltering: true, emptyText: "(no connections)")
    }

    /// The highlighted connection.
    public var selected: ConnectionChoice? { list.selectedItemIndex.map { connections[$0] } }

    /// The screen's key bindings.
    public static let keymap = Keymap<AppCommand>("Choose a connection", [
        KeyBinding([.up, .down, .pageUp, .pageDown], .navigate, help: "Move the selection", group: "Navigation",
                   footerText: "move"),
        KeyBinding([.enter], .choose, help: "Use the selected connection", footerText: "choose"),
        KeyBinding([.escape], .back, help: "Clear the filter, or go back", footerText: "back"),
    ])
}

extension AppReducer {
    static func picker(_ state: inout AppState, _ picker: inout PickerState, _ command: AppCommand, key: Key) -> [AppEffect] {
        switch command {
        case .navigate:
            _ = picker.list.handle(key)
        case .back:
            if !picker.list.filter.isEmpty { _ = picker.list.handle(.escape) } else { state.pop() }
        case .choose:
            guard let connection = picker.selected else { return [] }
            let existing = state.accounts.filter { $0.account.apiBase == connection.apiBase }
            if !existing.isEmpty {
                state.push(.accounts(AccountsState(purpose: .choose(connection), rows: existing)))
                return []
            }
            return startSignIn(&state, connection: connection, reauthorizing: nil)
        default:
            break
        }
        return []
    }

    /// Pushes the sign-in screen and starts the sign-in.
    static func startSignIn(_ state: inout AppState, connection: ConnectionChoice, reauthorizing: String?) -> [AppEffect] {
        state.push(.signIn(SignInState(connection: connection, reauthorizing: reauthorizing)))
        state.busy = "Starting the sign-in…"
        return [.startSignIn(apiBase: connection.apiBase, sandbox: connection.isSandbox, reauthorizing: reauthorizing)]
    }
}

extension AppRenderer {
    static func renderPicker(_ picker: PickerState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let columns = area.splitHorizontally([.fraction(0.42), .fill], spacing: 1)
        buffer.box(columns[0], style: theme.focusedBorder, title: "Connections", focused: true)
        picker.list.render(into: &buffer, area: columns[0].interior.inset(dx: 1, dy: 0), theme: theme, focused: true)
        buffer.box(columns[1], style: theme.border, title: "About")
        guard let choice = picker.selected else { return }
        let inner = columns[1].interior.inset(dx: 1, dy: 0)
        buffer.put(choice.label, x: inner.x, y: inner.y, style: theme.header, maxWidth: inner.width)
        for (i, line) in choice.description.wrapped(toWidth: max(1, inner.width)).enumerated() where inner.y + 2 + i < inner.maxY {
            buffer.put(line, x: inner.x, y: inner.y + 2 + i, style: theme.normal, maxWidth: inner.width)
        }
    }
}
