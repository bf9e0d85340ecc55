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
            case .close: state.helpScroll = nil
            case nil: break
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

    /// Runs a command: the global ones here, a screen's own by that screen (its update edits its
    /// state and returns intents, which ``apply(_:to:)`` carries out).
    public static func handleCommand(_ state: inout AppState, _ command: AppCommand, key: Key) -> [AppEffect] {
        let effects: [AppEffect]?
        switch command {
        case .global(let command): return global(&state, command)
        case .help, .dialog, .dropDown: return [] // overlays take their keys before the stack resolves
        case .home(let c): effects = onTop(&state) { (s: inout HomeState, ctx) in s.update(c, key: key, in: ctx) }
        case .picker(let c): effects = onTop(&state) { (s: inout PickerState, ctx) in s.update(c, key: key, in: ctx) }
        case .signIn(let c): effects = onTop(&state) { (s: inout SignInState, ctx) in s.update(c, key: key, in: ctx) }
        case .accounts(let c): effects = onTop(&state) { (s: inout AccountsState, ctx) in s.update(c, key: key, in: ctx) }
        case .form(let c): effects = onTop(&state) { (s: inout FormState, ctx) in s.update(c, key: key, in: ctx) }
        case .schemas(let c): effects = onTop(&state) { (s: inout SchemaChooserState, ctx) in s.update(c, key: key, in: ctx) }
        case .design(let c): effects = onTop(&state) { (s: inout DesignState, ctx) in s.update(c, key: key, in: ctx) }
        case .browse(let c): effects = onTop(&state) { (s: inout BrowseState, ctx) in s.update(c, key: key, in: ctx) }
        case .history(let c): effects = onTop(&state) { (s: inout HistoryState, ctx) in s.update(c, key: key, in: ctx) }
        }
        // Nil only for a command of a screen that is not on top, which the stack never resolves.
        return effects ?? []
    }

    /// The global commands: the help screen, and quitting (asking when a design is not saved).
    static func global(_ state: inout AppState, _ command: GlobalCommand) -> [AppEffect] {
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
        }
    }

    /// Keys no binding took go to the focused widget of the top screen.
    static func routeInput(_ state: inout AppState, _ key: Key) -> [AppEffect] {
        let effects: [AppEffect]?
        switch state.top {
        case .home: effects = onTop(&state) { (s: inout HomeState, _) in s.input(key) }
        case .picker: effects = onTop(&state) { (s: inout PickerState, _) in s.input(key) }
        case .signIn: effects = onTop(&state) { (s: inout SignInState, _) in s.input(key) }
        case .form: effects = onTop(&state) { (s: inout FormState, _) in s.input(key) }
        case .design: effects = onTop(&state) { (s: inout DesignState, _) in s.input(key) }
        case .accounts, .schemas, .browse, .history: effects = []
        }
        return effects ?? []
    }
}
