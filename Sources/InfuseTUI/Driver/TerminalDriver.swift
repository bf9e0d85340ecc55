/// A terminal size in columns and rows.
public struct TerminalSize: Hashable, Sendable {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int
    /// Creates a size.
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}

/// What the app loop needs from a terminal. The ncurses backend (`CursesTerminal` in
/// InfuseTerminal) implements it for real; ``MemoryTerminal`` implements it for tests.
@MainActor
public protocol TerminalDriver: AnyObject {
    /// The current size.
    var size: TerminalSize { get }
    /// True once SIGINT or SIGTERM asked the program to stop; the loop should shut down.
    var terminationRequested: Bool { get }
    /// Waits up to `timeoutMs` for a key; nil when none arrived (so background work can be drained).
    func readKey(timeoutMs: Int) -> Key?
    /// Shows `buffer` on the screen.
    func draw(_ buffer: CellBuffer)
    /// Restores the terminal. Safe to call more than once.
    func shutdown()
    /// Puts `text` on the clipboard of the terminal (or of tmux with `set-clipboard on`) with
    /// OSC 52; the text travels base64-encoded, so no control character in it reaches the terminal.
    func copyToClipboard(_ text: String)
}
