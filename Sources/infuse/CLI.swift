import ArgumentParser
import Foundation
import InfuseCore

/// Shared plumbing of the headless commands.
enum CLI {
    /// Runs `body`; any error becomes one line on stderr and exit code 1 (no stack traces).
    static func guarded(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch let error as ValidationError {
            printError(error.message)
            throw ExitCode(1)
        } catch {
            printError(userMessage(for: error))
            throw ExitCode(1)
        }
    }

    /// Writes `infuse: <message>` on stderr.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("infuse: \(TextSafety.visible(message))\n".utf8))
    }

    /// Writes a progress line on stderr (overwriting the previous one on a terminal).
    static func progress(_ message: String) {
        let prefix = isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[K" : ""
        let suffix = isatty(STDERR_FILENO) == 1 ? "" : "\n"
        FileHandle.standardError.write(Data("\(prefix)\(TextSafety.visible(message))\(suffix)".utf8))
    }

    /// Ends a progress line on a terminal.
    static func endProgress() {
        if isatty(STDERR_FILENO) == 1 { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// Writes `text` and a newline to stdout.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((TextSafety.visible(text) + "\n").utf8))
    }
}
