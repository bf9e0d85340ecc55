/// A braille spinner for work in progress; advance ``tick`` on each timer or loop turn.
public struct Spinner: Hashable, Sendable {
    /// The frames, in order.
    public static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    /// Turns so far.
    public var tick: Int

    /// Creates a spinner at turn `tick`.
    public init(tick: Int = 0) { self.tick = tick }

    /// The glyph for the current turn.
    public var frame: String { Self.frames[((tick % Self.frames.count) + Self.frames.count) % Self.frames.count] }

    /// Moves to the next frame.
    public mutating func advance() { tick &+= 1 }

    /// Draws the frame then ` text` at the top-left of `area`.
    public func render(text: String, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let used = buffer.put(frame, x: area.x, y: area.y, style: theme.accent, maxWidth: area.width)
        buffer.put(" " + text, x: area.x + used, y: area.y, style: theme.normal, maxWidth: area.width - used)
    }
}
