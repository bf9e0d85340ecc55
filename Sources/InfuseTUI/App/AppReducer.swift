import Foundation
import InfuseCore

/// The designer's state machine: `reduce(&state, action)` changes the state and returns the
/// effects to run. Pure: no I/O, no clock, no terminal.
public enum AppReducer {
    /// Applies `action` to `state`; returns the work for the runtime.
    public static func reduce(_ state: inout AppState, _ action: AppAction) -> [AppEffect] {
        switch action {
        case .key(let key): return handleKey(&state, key)
        case .tick:
            if state.busy != nil || isWaitingForRedirect(state) { state.spinner.advance() }
            return []
        default: return handleResult(&state, action)
        }
    }

    static func isWaitingForRedirect(_ state: AppState) -> Bool {
        if case .signIn(let s) = state.top, case .waiting = s.phase { return true }
        return false
    }

    // MARK: Keys

    static func handleKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
        if key == .resize { return [] }
        if let scroll = state.helpScroll {
            // The help screen's keys come from its bindings (AppKeymaps.help), as everywhere.
            switch AppKeymaps.help.binding(for: key)?.action {
            case .scrollUp: state.helpScroll = max(0, scroll - 1)
            case .scrollDown: state.helpScroll = scroll + 1
            case .pageUp: state.helpScroll = max(0, scroll - 10)
            case .pageDown: state.helpScroll = scroll + 10
            case .back: state.helpScroll = nil
            default: break
            }
            return []
        }
        if state.dialog != nil { return handleDialogKey(&state, key) }
        if AppKeymaps.modalDropDownOpen(state) { return routeInput(&state, key) }
        if let command = AppKeymaps.stack(for: state).resolve(key) {
            return handleCommand(&state, command, key: key)
        }
        return routeInput(&state, key)
    }

    /// Runs a command: the global ones here, the rest by the top screen.
    public static func handleCommand(_ state: inout AppState, _ command: AppCommand, key: Key) -> [AppEffect] {
        switch command {
        case .help:
            state.helpScroll = 0
            return []
        case .quit:
            if state.hasUnsavedWork {
                state.open(.confirm(title: "Quit", message: "The data source being designed is not saved. Quit anyway?",
                                    confirmLabel: "Quit", cancelLabel: "Keep designing", destructive: true), for: .app(.confirmQuit))
                return []
            }
            state.shouldQuit = true
            return [.cancelSignIn, .quit]
        default:
            break
        }
        let depth = state.screens.count - 1
        var effects: [AppEffect] = []
        var edited: Screen
        switch state.top {
        case .home:
            return home(&state, command, key: key)
        case .picker(var p):
            effects = picker(&state, &p, command, key: key); edited = .picker(p)
        case .signIn(var s):
            effects = signIn(&state, &s, command, key: key); edited = .signIn(s)
        case .accounts(var a):
            effects = accounts(&state, &a, command, key: key); edited = .accounts(a)
        case .form(var f):
            effects = form(&state, &f, command, key: key); edited = .form(f)
        case .schemas(var s):
            effects = schemas(&state, &s, command, key: key); edited = .schemas(s)
        case .design(var d):
            effects = design(&state, &d, command, key: key); edited = .design(d)
        case .browse(var b):
            effects = browse(&state, &b, command, key: key); edited = .browse(b)
        case .history(var h):
            effects = history(&state, &h, command, key: key); edited = .history(h)
        }
        writeBack(&state, edited, at: depth)
        return effects
    }

    /// Writes a screen's edited state back to the slot it came from, unless the handler popped it
    /// (screens may have been pushed above it, which is fine).
    static func writeBack(_ state: inout AppState, _ screen: Screen, at depth: Int) {
        guard depth < state.screens.count, sameKind(state.screens[depth], screen) else { return }
        state.screens[depth] = screen
    }

    static func sameKind(_ a: Screen, _ b: Screen) -> Bool {
        switch (a, b) {
        case (.home, .home), (.picker, .picker), (.signIn, .signIn), (.accounts, .accounts), (.form, .form),
             (.schemas, .schemas), (.design, .design), (.browse, .browse), (.history, .history): true
        default: false
        }
    }

    /// Keys no binding took go to the focused widget.
    static func routeInput(_ state: inout AppState, _ key: Key) -> [AppEffect] {
        switch state.top {
        case .home:
            return homeInput(&state, key)
        case .picker(var p):
            _ = p.list.handle(key)
            state.top = .picker(p)
        case .signIn(var s):
            signInInput(&s, key)
            state.top = .signIn(s)
        case .form(var f):
            let depth = state.screens.count - 1
            formInput(&state, &f, key)
            state.screens[depth] = .form(f)
        case .design(var d):
            if d.addTable.isOpen { designAddTableInput(&d, key) }
            state.top = .design(d)
        case .accounts, .schemas, .browse, .history:
            break
        }
        return []
    }
}
