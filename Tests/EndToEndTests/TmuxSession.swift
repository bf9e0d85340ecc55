import Foundation
#if canImport(Glibc)
import Glibc
#endif
import InfuseTestSupport

/// A private tmux server (`tmux -L <unique> -f /dev/null`) running one command in a detached
/// session, for driving the designer with `send-keys` and reading it with `capture-pane`.
final class TmuxSession: @unchecked Sendable {
    let socket: String
    let session = "main"
    /// The pane's first process (the shell running the command), also its process group.
    private(set) var panePID: pid_t?

    /// True when a `tmux` executable is on the usual paths.
    static var available: Bool { tmuxPath != nil }
    static let tmuxPath: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Starts `command` (a shell command line) in a `width`×`height` session.
    init(command: String, width: Int = 120, height: Int = 40) throws {
        socket = "infuse-e2e-\(UUID().uuidString.prefix(8))"
        try start(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", session, command])
        panePID = (try? run(["display-message", "-p", "-t", session, "#{pane_pid}"]))
            .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The processes the pane's shell started (e.g. the designer), from /proc.
    func commandPIDs() -> [pid_t] {
        guard let pid = panePID,
              let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8) else { return [] }
        return text.split(separator: " ").compactMap { pid_t($0) }
    }

    /// Closes the terminal as a window manager would: the session ends and its pty goes away.
    func closeTerminal() { _ = try? run(["kill-session", "-t", session]) }

    /// Runs a tmux command that starts the server: its output is not read, since the daemonized
    /// server inherits the descriptors and would keep a pipe open forever.
    func start(_ arguments: [String]) throws {
        // posix_spawn + waitpid: Foundation's Process waits on a descriptor the daemonized
        // server would inherit, so it never sees the client exit.
        let argv = [Self.tmuxPath ?? "/usr/bin/tmux", "-L", socket] + arguments
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
        guard rc == 0 else { throw TmuxTimeout(what: "tmux to start (posix_spawn \(rc))", screen: "") }
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    /// Runs tmux with `arguments` on this session's socket; returns stdout.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.tmuxPath ?? "/usr/bin/tmux")
        process.arguments = ["-L", socket] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Sends tmux key names (`Enter`, `Tab`, `C-s`, `a`).
    func keys(_ names: String...) throws { try run(["send-keys", "-t", session] + names) }

    /// Types `text` literally.
    func type(_ text: String) throws { try run(["send-keys", "-t", session, "-l", text]) }

    /// The screen as text.
    func capture() -> String { (try? run(["capture-pane", "-p", "-t", session])) ?? "" }

    /// Polls the screen every 50 ms until it contains `text`; returns the screen, or throws with
    /// the last screen after `timeout`.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(20)) async throws -> String {
        try await waitUntil("`\(text)`", timeout: timeout) { $0.contains(text) }
    }

    /// Polls until `condition` holds for the screen.
    @discardableResult
    func waitUntil(_ what: String, timeout: Duration = .seconds(20), _ condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var screen = capture()
        while !condition(screen) {
            if ContinuousClock.now > deadline { throw TmuxTimeout(what: what, screen: screen) }
            try await Task.sleep(for: .milliseconds(50))
            screen = capture()
        }
        return screen
    }

    /// Resizes the window.
    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Stops the server and everything in it; the pane's process group is killed too, so nothing a
    /// test started outlives it.
    func kill() {
        _ = try? run(["kill-session", "-t", session])
        _ = try? run(["kill-server"])
        if let pid = panePID { _ = Glibc.kill(-pid, SIGKILL) }
    }

    deinit { kill() }
}

/// The screen never showed what a test waited for.
struct TmuxTimeout: Error, CustomStringConvertible {
    let what: String
    let screen: String
    var description: String { "timed out waiting for \(what); the screen was:\n\(screen)" }
}

/// `sqlite3 -batch DB SQL` output, trimmed.
func sqlite(_ database: URL, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = ["-batch", database.path, sql]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
