import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a child process ended: exit status, wall time and its own peak resident memory.
struct ChildResult: Sendable {
    /// The exit code, or 128 + signal number when a signal ended it.
    var exitCode: Int32
    /// From spawn to reaping.
    var wall: Duration
    /// `ru_maxrss` from `wait4`, in bytes. On Linux `posix_spawn` starts the child on the parent's
    /// address space (vfork), and exec carries that space's high-water mark into the child's
    /// maxrss, so this is at least the parent's own peak: a child section reports its real peak
    /// itself (``ProcessMemory``).
    var maxRSSBytes: Int
}

/// The calling process's own memory figures from `/proc/self/status`.
enum ProcessMemory {
    /// `VmHWM`, the peak resident set size of this process image, in bytes (0 if unreadable).
    static func peakRSSBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.dropFirst(6).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Int($0) } ?? 0
            return kilobytes * 1024
        }
        return 0
    }

    /// Bytes as MiB.
    static func mebibytes(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }
}

/// Starts programs with `posix_spawn` and reaps them with `wait4`, which hands back the child's
/// own resource usage (Foundation's `Process` reaps children itself and loses it).
enum ChildProcess {
    /// Runs `executable` with `arguments`; stdout and stderr go to the given files (nil inherits).
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        stdout: String? = "/dev/null", stderr: String? = nil
    ) throws -> ChildResult {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdout { posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        if let stderr { posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let started = ContinuousClock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw BenchError("could not start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 {
            guard errno == EINTR else { throw BenchError("waiting for \(executable) failed: \(String(cString: strerror(errno)))") }
        }
        let wall = ContinuousClock.now - started
        let signal = status & 0x7f
        let exitCode = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return ChildResult(exitCode: exitCode, wall: wall, maxRSSBytes: Int(usage.ru_maxrss) * 1024)
    }

    /// The path of the running executable (`/proc/self/exe`), to re-exec it for a child section.
    static func currentExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// A benchmark failure with a one-line reason.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }

    /// The duration in milliseconds.
    var milliseconds: Double { seconds * 1000 }
}

/// Order statistics of a sample.
enum Sample {
    /// The median (mean of the middle two for an even count); 0 for an empty sample.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The nearest-rank percentile `p` (0...100); 0 for an empty sample.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }
}

/// A JSON result file a child section writes and the parent reads.
enum ChildResultFile {
    static func write<T: Encodable>(_ value: T, to path: String) throws {
        try JSONEncoder().encode(value).write(to: URL(fileURLWithPath: path))
    }

    static func read<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

/// A fresh directory under the system temp directory, removed by ``remove()``.
struct ScratchDirectory {
    let url: URL

    init(_ prefix: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
