import CCurses
import CNcursesw
import Foundation
import InfuseTUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

typealias CursesWindow = UnsafeMutablePointer<WINDOW>

/// The ncurses terminal: the only code in Infuse that calls curses. Start it with
/// ``start(options:)``, which runs the checks in order (TTY, locale, `newterm`, cursor addressing)
/// and throws a ``TerminalStartError`` with one clear line when any fails. Always call
/// ``shutdown()`` (it is idempotent); SIGINT/SIGTERM set ``terminationRequested`` so the loop can
/// shut down cleanly.
@MainActor
public final class CursesTerminal: TerminalDriver {
    /// Start-up options.
    public struct Options: Sendable {
        /// Program name used in error lines.
        public var programName: String
        /// Refuse to start when the locale is not UTF-8 (else start and record a warning).
        public var requireUTF8Locale: Bool
        /// Environment consulted for `NO_COLOR` and `TERM`.
        public var environment: [String: String]

        /// Creates options; by default the process environment is used.
        public init(programName: String = "infuse", requireUTF8Locale: Bool = true,
                    environment: [String: String]? = nil) {
            self.programName = programName
            self.requireUTF8Locale = requireUTF8Locale
            self.environment = environment ?? CursesTerminal.processEnvironment()
        }
    }

    private let screen: OpaquePointer
    let window: CursesWindow
    let styles: CursesStyleMapper
    private let signals = SignalFlag()
    private var pendingKey: Key?
    private var isOpen = true
    private var currentTimeout: Int32 = -2

    /// Non-fatal start-up notes (e.g. a non-UTF-8 locale when allowed).
    public private(set) var warnings: [String] = []
    /// Whether colours are used (the terminal has colours and `NO_COLOR` is unset).
    public var usesColor: Bool { styles.colorEnabled }
    /// The theme matching the colour decision: ``InfuseTUI/Theme/noColor`` without colour.
    public var theme: Theme { usesColor ? .standard : .noColor }

    private init(screen: OpaquePointer, window: CursesWindow, styles: CursesStyleMapper) {
        self.screen = screen
        self.window = window
        self.styles = styles
    }

    /// Opens the terminal and puts it in UI mode (cbreak, noecho, keypad, hidden cursor, 25 ms
    /// escape delay, default colours).
    public static func start(options: Options = Options()) throws(TerminalStartError) -> CursesTerminal {
        let program = options.programName
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw .notATerminal(program: program)
        }
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        var warnings: [String] = []
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            let error = TerminalStartError.localeNotUTF8(program: program, codeset: codeset)
            if options.requireUTF8Locale { throw error }
            warnings.append(error.message)
        }
        let term = options.environment["TERM"] ?? ""
        guard let screen = cs_newterm_stdio(nil) else {
            throw .unknownTerminal(program: program, term: term)
        }
        guard cs_has_cursor_addressing() != 0, let window = cs_stdscr() else {
            _ = endwin()
            delscreen(screen)
            throw .noCursorAddressing(program: program, term: term)
        }
        _ = set_escdelay(25)
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        _ = curs_set(0)
        disableFlowControl()
        let noColor = !(options.environment["NO_COLOR"] ?? "").isEmpty
        var colorEnabled = false, defaultColors = false
        if !noColor && has_colors() {
            colorEnabled = start_color() != ERR
            defaultColors = use_default_colors() != ERR
        }
        let mapper = CursesStyleMapper(colorEnabled: colorEnabled, defaultColors: defaultColors,
                                       maxPairs: colorEnabled ? cs_color_pairs() : 0)
        let terminal = CursesTerminal(screen: screen, window: window, styles: mapper)
        terminal.warnings = warnings
        terminal.signals.install()
        return terminal
    }

    /// The process environment as a dictionary.
    nonisolated static func processEnvironment() -> [String: String] {
        ProcessInfo.processInfo.environment
    }

    /// The current screen size (updated by ncurses after a resize).
    public var size: TerminalSize {
        var h: Int32 = 0, w: Int32 = 0
        cs_getmaxyx(window, &h, &w)
        return TerminalSize(width: Int(w), height: Int(h))
    }

    /// True once SIGINT, SIGTERM or SIGHUP arrived, or the terminal hung up.
    public var terminationRequested: Bool { signals.signalReceived != nil || hungUp }

    /// True once the terminal went away (its window closed, tmux killed): reads fail at once and
    /// no SIGHUP may come, so ``readKey(timeoutMs:)`` checks standard input when a read fails.
    public private(set) var hungUp = false

    /// Whether standard input reports a hang-up or an error (a zero-timeout poll).
    private static func inputHungUp() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return errno != EINTR }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    private func setTimeout(_ ms: Int32) {
        if ms != currentTimeout { wtimeout(window, ms); currentTimeout = ms }
    }

    /// Waits up to `timeoutMs` (negative waits forever) for a key. ESC followed at once by a
    /// character becomes `.alt(c)`. Returns nil on timeout or when termination was requested.
    public func readKey(timeoutMs: Int) -> Key? {
        guard isOpen else { return nil }
        if let k = pendingKey { pendingKey = nil; return k }
        if terminationRequested { return nil }
        setTimeout(Int32(clamping: timeoutMs))
        var ch: wint_t = 0
        let status = wget_wch(window, &ch)
        if status == ERR, Self.inputHungUp() {
            hungUp = true
            return nil
        }
        guard status != ERR, let key = KeyTranslator.translate(status: status, ch: ch) else { return nil }
        guard key == .escape else { return key }
        setTimeout(0)
        var next: wint_t = 0
        let nextStatus = wget_wch(window, &next)
        let following = nextStatus == ERR ? nil : KeyTranslator.translate(status: nextStatus, ch: next)
        let combined = KeyDecoder.combineEscape(with: following)
        pendingKey = combined.pending
        return combined.key
    }

    /// Writes the OSC 52 clipboard sequence straight to the terminal, after curses' own output.
    public func copyToClipboard(_ text: String) {
        guard isOpen else { return }
        fflush(nil)
        var bytes = Array(OSC52.sequence(text).utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Restores the terminal (`endwin`, `delscreen`) and the default signal actions. Idempotent.
    public func shutdown() {
        guard isOpen else { return }
        isOpen = false
        _ = curs_set(1)
        _ = endwin()
        delscreen(screen)
        signals.uninstall()
    }

    /// Turns off XON/XOFF flow control so Ctrl-S (save) and Ctrl-Q reach the app instead of
    /// pausing output, and records it as curses' program mode; `endwin` restores the shell's.
    private static func disableFlowControl() {
        var mode = termios()
        guard tcgetattr(STDIN_FILENO, &mode) == 0 else { return }
        mode.c_iflag &= ~tcflag_t(IXON | IXOFF)
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &mode)
        _ = def_prog_mode()
    }
}
