/// Why the full-screen terminal could not start. Each case's ``message`` is one clear line for stderr.
public enum TerminalStartError: Error, Equatable, Sendable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (a pipe, a file, CI).
    case notATerminal(program: String)
    /// `newterm` rejected the terminal type (unknown, empty or unset `TERM`).
    case unknownTerminal(program: String, term: String)
    /// The terminal cannot position the cursor (`TERM=dumb`).
    case noCursorAddressing(program: String, term: String)
    /// The locale's character set is not UTF-8, so non-ASCII text would vanish.
    case localeNotUTF8(program: String, codeset: String)

    /// The one-line explanation, naming what to do.
    public var message: String {
        switch self {
        case .notATerminal(let p):
            "\(p): needs an interactive terminal (stdin/stdout is not a TTY); refusing to start the UI."
        case .unknownTerminal(let p, let term):
            "\(p): cannot initialise terminal TERM=\(term.isEmpty ? "(unset)" : term); set TERM to a known type such as xterm-256color."
        case .noCursorAddressing(let p, let term):
            "\(p): terminal TERM=\(term) cannot position the cursor; run the UI in a full terminal (xterm, tmux, screen)."
        case .localeNotUTF8(let p, let codeset):
            "\(p): the locale's character set is \(codeset), not UTF-8; set LANG=C.UTF-8 (or another UTF-8 locale) and retry."
        }
    }

    /// Same as ``message``.
    public var description: String { message }
}
