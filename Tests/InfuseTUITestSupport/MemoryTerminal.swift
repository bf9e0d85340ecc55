import InfuseTUI

/// An in-memory terminal: keys come from a queue, drawn frames are kept for inspection.
@MainActor
public final class MemoryTerminal: TerminalDriver {
    /// The size reported to the app; change it and queue `.resize` to simulate a resize.
    public var size: TerminalSize
    /// Keys still to be read, first first.
    public var pendingKeys: [Key]
    /// Every buffer drawn, oldest first.
    public private(set) var frames: [CellBuffer] = []
    /// Set to simulate SIGINT/SIGTERM.
    public var terminationRequested: Bool = false
    /// True after ``shutdown()``.
    public private(set) var isShutDown = false

    /// Creates a memory terminal of the given size with queued keys.
    public init(width: Int, height: Int, keys: [Key] = []) {
        self.size = TerminalSize(width: width, height: height)
        self.pendingKeys = keys
    }

    /// The next queued key, or nil when the queue is empty (the timeout is not waited).
    public func readKey(timeoutMs: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    /// Records the frame.
    public func draw(_ buffer: CellBuffer) { frames.append(buffer) }

    /// Every text put on the clipboard (OSC 52), oldest first.
    public private(set) var clipboard: [String] = []

    /// Records the copied text.
    public func copyToClipboard(_ text: String) { clipboard.append(text) }

    /// Marks the terminal shut down.
    public func shutdown() { isShutDown = true }

    /// The last frame drawn.
    public var lastFrame: CellBuffer? { frames.last }
}
