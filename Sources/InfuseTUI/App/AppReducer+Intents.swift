extension AppReducer {
    /// Applies a screen's intents to `state`, in order; returns the effects they ask to run, in
    /// order. With the top-screen write-back in ``onTop(_:_:)`` this is the only way a screen's
    /// update reaches the rest of the state.
    public static func apply(_ intents: [AppIntent], to state: inout AppState) -> [AppEffect] {
        var effects: [AppEffect] = []
        for intent in intents {
            switch intent {
            case .push(let screen): state.push(screen)
            case .pop: state.pop()
            case .popToHome: state.popToHome()
            case .present(let dialog, let purpose): state.open(dialog, for: purpose)
            case .status(let message): state.status = message
            case .busy(let text): state.busy = text
            case .progress(let info): state.progress = info
            case .selectAccount(let name): state.currentAccount = name
            case .run(let effect): effects.append(effect)
            }
        }
        return effects
    }

    /// Runs `update` on the top screen's own state when the top screen is an `S`: the edited
    /// state goes back to the top first, then its intents are applied (so a push lands above
    /// it and a pop removes it). Nil when the top screen is not an `S`.
    @discardableResult
    static func onTop<S: ScreenModel>(_ state: inout AppState, _ update: (inout S, ScreenContext) -> [AppIntent]) -> [AppEffect]? {
        guard var screen = S(state.top) else { return nil }
        let context = state.screenContext
        let intents = update(&screen, context)
        state.top = screen.screen
        return apply(intents, to: &state)
    }
}
