import Foundation

/// *startup*: `infuse --help` (median of `--help-runs` spawns of the release binary) and the time
/// from starting `infuse --sandbox` in a 120×40 tmux pane to the home screen's title appearing
/// (median of `--sandbox-runs`).
enum StartupSection {
    static func run(_ options: BenchOptions) throws -> SectionOutcome {
        let infuse = URL(fileURLWithPath: ChildProcess.currentExecutable()).deletingLastPathComponent()
            .appendingPathComponent("infuse").path
        guard FileManager.default.isExecutableFile(atPath: infuse) else {
            return SectionOutcome(skipped: [SkippedSection(
                section: "startup", reason: "no infuse binary at \(infuse); build it with `swift build -c release --product infuse`")])
        }
        let scratch = try ScratchDirectory("infuse-bench-startup")
        defer { scratch.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["INFUSE_HOME"] = scratch.url.appendingPathComponent("home").path
        _ = try ChildProcess.run(infuse, ["--help"], environment: environment)  // warm the page cache
        var helpMs: [Double] = []
        for _ in 0..<options.helpRuns {
            let run = try ChildProcess.run(infuse, ["--help"], environment: environment)
            guard run.exitCode == 0 else { throw BenchError("infuse --help exited with \(run.exitCode)") }
            helpMs.append(run.wall.milliseconds)
        }
        var outcome = SectionOutcome(figures: [
            Figure("startup", "help_ms", Sample.median(helpMs), "ms", goal: .atMost(100),
                   note: "median of \(helpMs.count) spawns of the release binary")
        ])
        do {
            let firstFrames = try TmuxFirstFrame.measure(
                infuse: infuse, home: environment["INFUSE_HOME"] ?? "", title: options.homeTitle, runs: options.sandboxRuns)
            outcome.figures.append(Figure("startup", "sandbox_first_frame_ms", Sample.median(firstFrames), "ms", goal: .atMost(500),
                                          note: "median of \(firstFrames.count) runs in tmux 120×40 until \"\(options.homeTitle)\" shows"))
        } catch {
            outcome.skipped.append(SkippedSection(section: "startup.sandbox_first_frame", reason: "\(error)"))
        }
        return outcome
    }
}

/// Times `infuse --sandbox` to its first frame in a private tmux server (`-L infuse-bench`).
enum TmuxFirstFrame {
    static let socket = "infuse-bench-\(getpid())"

    static func measure(infuse: String, home: String, title: String, runs: Int) throws -> [Double] {
        guard let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first(where: FileManager.default.isExecutableFile) else {
            throw BenchError("tmux is not installed")
        }
        // Start the server with an idle pane so each measured run only respawns the pane.
        try tmuxCommand(tmux, ["-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", "120", "-y", "40", "sleep 3600"])
        defer { try? tmuxCommand(tmux, ["kill-server"]) }
        try tmuxCommand(tmux, ["set-option", "-g", "remain-on-exit", "on"])
        var times: [Double] = []
        for _ in 0..<runs {
            let command = "env INFUSE_HOME='\(home)' TERM=xterm-256color '\(infuse)' --sandbox"
            let started = ContinuousClock.now
            try tmuxCommand(tmux, ["respawn-pane", "-k", "-t", "bench:0", command])
            var screen = ""
            while true {
                screen = try tmuxCapture(tmux)
                if screen.contains(title) { break }
                let elapsed = ContinuousClock.now - started
                if elapsed > .seconds(10) || paneIsDead(tmux) {
                    let text = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                        .filter { !$0.isEmpty }.prefix(2).joined(separator: " / ")
                    throw BenchError("`infuse --sandbox` showed no \"\(title)\" (designer not built yet?): \(text.isEmpty ? "blank screen" : text)")
                }
                usleep(2_000)
            }
            times.append((ContinuousClock.now - started).milliseconds)
            try tmuxCommand(tmux, ["respawn-pane", "-k", "-t", "bench:0", "sleep 3600"])
        }
        return times
    }

    private static func paneIsDead(_ tmux: String) -> Bool {
        (try? tmuxOutput(tmux, ["display-message", "-p", "-t", "bench:0", "#{pane_dead}"]))?.hasPrefix("1") ?? true
    }

    private static func tmuxCapture(_ tmux: String) throws -> String {
        try tmuxOutput(tmux, ["capture-pane", "-p", "-t", "bench:0"])
    }

    /// Runs a tmux command whose output is not needed. Its stdout is /dev/null, not a pipe: the
    /// server that `new-session` forks would hold a pipe open and a read would never end.
    private static func tmuxCommand(_ tmux: String, _ arguments: [String]) throws {
        let result = try ChildProcess.run(tmux, ["-L", socket] + arguments, stdout: "/dev/null", stderr: "/dev/null")
        guard result.exitCode == 0 else {
            throw BenchError("tmux \(arguments.first ?? "") failed with status \(result.exitCode)")
        }
    }

    private static func tmuxOutput(_ tmux: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tmux)
        process.arguments = ["-L", socket] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("tmux \(arguments.first ?? "") failed with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
