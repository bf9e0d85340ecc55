#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import InfuseCore

/// Secrets for the command line without putting them on it: `-` reads one line from standard
/// input (a prompt with echo off on a terminal), an environment variable can stand in for the
/// option, and a value typed as an argument still works with a one-line warning.
enum SecretInput {
    /// The secret for `option`.
    /// - Parameters:
    ///   - value: the option's argument: `-`, a literal secret, or nil when the option is absent.
    ///   - option: the option's name for messages (`--api-key`).
    ///   - variable: the environment variable that may give it (`INFUSE_API_KEY`).
    ///   - label: what to prompt for (`API key`).
    ///   - promptWhenMissing: prompt on a terminal when neither the option nor the variable gives it.
    /// - Returns: the secret, or nil when it is not given and no prompt was made.
    static func resolve(_ value: String?, option: String, variable: String?, label: String,
                        promptWhenMissing: Bool = false) throws -> String? {
        switch value {
        case "-"?:
            return try read(label: label, option: option)
        case let literal?:
            CLI.printError("warning: a secret given as \(option) VALUE can be seen in the process list and the shell history; use \(option) - to read it from standard input")
            return literal
        case nil:
            if let variable, let fromEnvironment = ProcessInfo.processInfo.environment[variable], !fromEnvironment.isEmpty {
                return fromEnvironment
            }
            guard promptWhenMissing, isatty(STDIN_FILENO) == 1 else { return nil }
            return try read(label: label, option: option)
        }
    }

    /// One line from standard input; on a terminal a prompt on stderr with echo turned off.
    private static func read(label: String, option: String) throws -> String {
        let line: String?
        if isatty(STDIN_FILENO) == 1 {
            FileHandle.standardError.write(Data("\(label) (not shown): ".utf8))
            line = withEchoOff { Swift.readLine(strippingNewline: true) }
            FileHandle.standardError.write(Data("\n".utf8))
        } else {
            line = Swift.readLine(strippingNewline: true)
        }
        let secret = (line ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw SecretInputError.empty(option: option, label: label) }
        return secret
    }

    private static func withEchoOff<T>(_ body: () -> T) -> T {
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return body() }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
        return body()
    }
}

/// A secret that was asked for and not given.
enum SecretInputError: UserFacingError {
    case empty(option: String, label: String)

    var userMessage: String {
        switch self {
        case .empty(let option, let label): "no \(label) on standard input for \(option) -; nothing was saved"
        }
    }
}
