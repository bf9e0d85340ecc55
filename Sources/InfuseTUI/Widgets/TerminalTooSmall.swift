/// The view shown instead of any screen when the terminal is below 60×16.
public enum TerminalTooSmall {
    /// Minimum usable width.
    public static let minimumWidth = 60
    /// Minimum usable height.
    public static let minimumHeight = 16
    /// The message.
    public static let message = "terminal too small (need 60×16)"

    /// True when a terminal of this size is too small for the screens.
    public static func applies(width: Int, height: Int) -> Bool {
        width < minimumWidth || height < minimumHeight
    }

    /// Clears the buffer and centres the message (wrapped if narrower than the message).
    public static func render(into buffer: inout CellBuffer, theme: Theme) {
        buffer.fill(buffer.bounds, style: theme.normal)
        let lines = message.wrapped(toWidth: max(1, buffer.width))
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (buffer.width - line.displayWidth) / 2)
            buffer.put(line, x: x, y: top + i, style: theme.warning)
        }
    }
}
