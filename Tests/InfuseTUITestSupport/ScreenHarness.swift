import InfuseTUI
/// Renders views at a fixed size for tests and screenshots: `ScreenHarness(width: 60, height: 12)
/// .render { buffer, area, theme in … }.lines()`.
public struct ScreenHarness: Sendable {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int
    /// The theme passed to the drawing closure.
    public var theme: Theme

    /// Creates a harness.
    public init(width: Int, height: Int, theme: Theme = .standard) {
        self.width = width
        self.height = height
        self.theme = theme
    }

    /// A fresh buffer of the harness size after running `draw` on it with the full area.
    public func render(_ draw: (inout CellBuffer, Rect, Theme) -> Void) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        draw(&buffer, buffer.bounds, theme)
        return buffer
    }

    /// The lines of ``render(_:)``.
    public func lines(_ draw: (inout CellBuffer, Rect, Theme) -> Void) -> [String] {
        render(draw).lines()
    }
}
