import Foundation

/// The designer's event loop: read a key (50 ms timeout) → keymaps → reduce → run effects on
/// tasks → drain their results → render → draw. Runs until the state asks to quit or the
/// terminal reports SIGINT/SIGTERM.
@MainActor
public final class AppLoop {
    /// The current state.
    public private(set) var state: AppState
    /// The terminal.
    public let terminal: any TerminalDriver
    /// The effect runner.
    public let runtime: AppRuntime
    /// The theme.
    public let theme: Theme
    /// The clock the reducer is given (through ``AppState/now``); tests pass a fixed one.
    public let clock: @Sendable () -> Date
    private var lastFrame: CellBuffer?
    /// The state and size ``lastFrame`` was rendered from: a frame depends on nothing else, so an
    /// idle loop (a read timeout every 50 ms) renders nothing.
    private var lastRendered: (state: AppState, size: TerminalSize)?

    /// Creates a loop; `initialEffects` run first (the home screen's load).
    public init(state: AppState, terminal: any TerminalDriver, runtime: AppRuntime, theme: Theme,
                initialEffects: [AppEffect] = [.loadHome], clock: @escaping @Sendable () -> Date = { Date() }) {
        self.state = state
        self.clock = clock
        self.terminal = terminal
        self.runtime = runtime
        self.theme = theme
        initialEffects.forEach(runtime.perform)
    }

    /// Applies one action and starts its effects.
    public func dispatch(_ action: AppAction) {
        // Ticks only move the spinner: leaving the time alone keeps an idle state unchanged, so
        // an idle loop renders nothing.
        if case .tick = action {} else {
            state.now = clock()
            state.screenSize = terminal.size
        }
        for effect in AppReducer.reduce(&state, action) {
            if case .copyToClipboard(let text) = effect { terminal.copyToClipboard(text) } else { runtime.perform(effect) }
        }
    }

    /// Applies every queued result action.
    public func drainResults() {
        for action in runtime.drain() { dispatch(action) }
    }

    /// Renders the state and draws it when it changed (or the size did).
    public func redraw(force: Bool = false) {
        let size = terminal.size
        if !force, lastFrame != nil, let last = lastRendered, last.size == size, last.state == state { return }
        let frame = AppRenderer.render(state, size: size, theme: theme)
        lastRendered = (state, size)
        if force || frame != lastFrame {
            terminal.draw(frame)
            lastFrame = frame
        }
    }

    /// Runs until quit; always shuts the terminal down.
    public func run() async {
        defer { terminal.shutdown() }
        redraw(force: true)
        var ticks = 0
        while !state.shouldQuit && !terminal.terminationRequested {
            if let key = terminal.readKey(timeoutMs: 50) {
                dispatch(.key(key))
                if key == .resize { lastFrame = nil }
            } else {
                ticks += 1
                if ticks % 2 == 0 { dispatch(.tick) }
            }
            await Task.yield()
            drainResults()
            redraw()
        }
        await runtime.waitUntilIdleOrTimeout(seconds: 2)
    }

    /// Test driver: sends `keys` one by one, after each waiting for the effects to finish and
    /// applying their results; then renders.
    public func send(_ keys: [Key]) async {
        for key in keys {
            dispatch(.key(key))
            await settle()
        }
        redraw()
    }

    /// Waits for running effects and applies their results until nothing is left.
    public func settle() async {
        repeat {
            await runtime.waitUntilIdle()
            await Task.yield()
            drainResults()
        } while runtime.isBusy
    }
}

extension AppRuntime {
    /// Waits for running effects, at most `seconds` (used on quit so a refresh can record its end).
    func waitUntilIdleOrTimeout(seconds: Double) async {
        let deadline = Date().addingTimeInterval(seconds)
        while isBusy && Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
    }
}
