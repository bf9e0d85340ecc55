/// An error that can be shown to a person as one clear line.
///
/// Every error that leaves `InfuseCore` conforms, so the CLI prints `userMessage` on stderr and
/// the terminal UI shows it in a dialog. Messages say what happened and what to do next, and
/// never contain a token, a refresh token, a client secret or an API key.
public protocol UserFacingError: Error, Sendable {
    /// One line, no trailing period needed, safe to show on screen and in logs.
    var userMessage: String { get }
}

extension UserFacingError {
    public var localizedDescription: String { userMessage }
}

/// Returns the one-line message for any error: the `userMessage` of a `UserFacingError`, else a
/// generic description that never includes request headers or bodies.
public func userMessage(for error: any Error) -> String {
    if let error = error as? any UserFacingError { return error.userMessage }
    return "unexpected error: \(String(describing: type(of: error)))"
}
