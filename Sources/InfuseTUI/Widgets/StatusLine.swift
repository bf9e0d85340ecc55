/// A message for the status line.
public struct StatusMessage: Hashable, Sendable {
    /// How the message is styled.
    public enum Kind: Hashable, Sendable {
        /// Neutral information.
        case info
        /// Something worked (green; no marker without colour).
        case success
        /// Something to note (yellow).
        case warning
        /// Something failed (red, or `*` without colour).
        case error
    }

    /// The kind.
    public var kind: Kind
    /// The text.
    public var text: String

    /// Creates a message.
    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// The status line: a message on the left and optional text (e.g. counts) on the right.
public enum StatusLine {
    /// Draws `message` (or nothing) and `right` on the first row of `area`.
    public static func render(_ message: StatusMessage?, right: String? = nil, into buffer: inout CellBuffer,
                              area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(row, style: theme.normal)
        var rightWidth = 0
        if let right, !right.isEmpty, right.displayWidth + 2 < row.width {
            rightWidth = right.displayWidth + 1
            buffer.put(right, x: row.maxX - rightWidth, y: row.y, style: theme.dim)
        }
        guard let message else { return }
        let (style, marker): (Style, String) = switch message.kind {
        case .info: (theme.normal, "")
        case .success: (theme.success, "")
        case .warning: (theme.warning, theme.attentionMarker)
        case .error: (theme.error, theme.attentionMarker)
        }
        let prefix = marker.isEmpty ? "" : marker + " "
        buffer.put(" " + prefix + message.text, x: row.x, y: row.y, style: style, maxWidth: row.width - rightWidth - 1)
    }
}
