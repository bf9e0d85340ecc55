import Foundation

/// An error as the designer shows it: a dialog title and a message.
public struct ErrorReport: Hashable, Sendable {
    /// The dialog title (`Keap refused the token`).
    public var title: String
    /// What happened and what to do next.
    public var message: String
    /// Creates a report.
    public init(title: String, message: String) {
        self.title = title
        self.message = message
    }
}
