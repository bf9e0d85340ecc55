import Foundation

/// The built `infuse` executable, run as a child process (end-to-end tests).
public enum InfuseBinary {
    /// `.build/debug/infuse` (or `$INFUSE_BINARY`). The README's test command builds it first.
    public static var url: URL {
        if let custom = ProcessInfo.processInfo.environment["INFUSE_BINARY"] { return URL(fileURLWithPath: custom) }
        return PackagePaths.root.appendingPathComponent(".build/debug/infuse")
    }

    public static var exists: Bool { FileManager.default.isExecutableFile(atPath: url.path) }
}

/// What a finished child process left behind.
public struct ProcessOutput: Sendable {
    public let status: Int32
    public var stdout: String
    public let stderr: String

    /// An output (for a process the test ran another way, e.g. on a pty).
    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs `infuse` with `arguments` in `environment` (merged over a clean base with `INFUSE_HOME`),
/// feeding `stdin`, and waits for it (killing it after `timeout`).
public func runInfuse(
    _ arguments: [String], home: URL, environment: [String: String] = [:], stdin: String? = nil,
    timeout: Duration = .seconds(120)
) async throws -> ProcessOutput {
    let process = Process()
    process.executableURL = InfuseBinary.url
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["INFUSE_HOME"] = home.path
    env["LANG"] = "C.UTF-8"
    env.removeValue(forKey: "BROWSER")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let outPipe = Pipe.closedOnExec()
    let errPipe = Pipe.closedOnExec()
    let inPipe = Pipe.closedOnExec()
    process.standardOutput = outPipe
    process.standardError = errPipe
    process.standardInput = inPipe
    let outData = DataCollector(handle: outPipe.fileHandleForReading)
    let errData = DataCollector(handle: errPipe.fileHandleForReading)
    try process.run()
    if let stdin { inPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
    try? inPipe.fileHandleForWriting.close()
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while process.isRunning {
        if ContinuousClock.now > deadline {
            process.terminate()
            break
        }
        try await Task.sleep(for: .milliseconds(20))
    }
    process.waitUntilExit()
    return ProcessOutput(
        status: process.terminationStatus, stdout: String(decoding: outData.finish(), as: UTF8.self),
        stderr: String(decoding: errData.finish(), as: UTF8.self))
}

/// Drains a pipe on a background thread so a chatty child never blocks.
final class DataCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.lock()
                data.append(chunk)
                lock.unlock()
            }
            done.signal()
        }
    }

    func finish() -> Data {
        done.wait()
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}

/// `infuse sandbox` running as a child process.
public final class SandboxProcess: @unchecked Sendable {
    public let process: Process
    public let root: URL
    public var apiBase: URL { root.appendingPathComponent("crm/rest") }

    private init(process: Process, root: URL) {
        self.process = process
        self.root = root
    }

    /// Starts `infuse sandbox --port PORT EXTRA…` (0: a free port) and reads its first stdout line.
    public static func start(_ extra: [String] = [], home: URL, port: Int = 0) async throws -> SandboxProcess {
        let process = Process()
        process.executableURL = InfuseBinary.url
        process.arguments = ["sandbox", "--port", String(port)] + extra
        var env = ProcessInfo.processInfo.environment
        env["INFUSE_HOME"] = home.path
        process.environment = env
        let out = Pipe.closedOnExec()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = try await Task.detached { () -> String in
            var bytes: [UInt8] = []
            while true {
                let byte = out.fileHandleForReading.readData(ofLength: 1)
                if byte.isEmpty || byte[0] == 10 { break }
                bytes.append(byte[0])
            }
            return String(decoding: bytes, as: UTF8.self)
        }.value
        let prefix = "listening on "
        guard line.hasPrefix(prefix), let root = URL(string: String(line.dropFirst(prefix.count))) else {
            process.terminate()
            throw SandboxProcessError.badFirstLine(line)
        }
        return SandboxProcess(process: process, root: root)
    }

    /// Sends SIGTERM and waits; returns the exit status.
    @discardableResult
    public func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

public enum SandboxProcessError: Error, CustomStringConvertible {
    case badFirstLine(String)
    public var description: String {
        switch self {
        case .badFirstLine(let line): "sandbox printed \(line.debugDescription) instead of `listening on URL`"
        }
    }
}

/// A running `infuse` child whose stderr can be read while it runs and whose stdin can be
/// written to (for prompts such as the OAuth paste flow).
public final class InteractiveInfuse: @unchecked Sendable {
    public let process = Process()
    private let input = Pipe.closedOnExec()
    private let output: DataCollector
    private let errorPipe = Pipe.closedOnExec()
    private let lock = NSLock()
    private var errorText = ""

    public init(_ arguments: [String], home: URL, environment: [String: String] = [:]) throws {
        process.executableURL = InfuseBinary.url
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["INFUSE_HOME"] = home.path
        env.removeValue(forKey: "BROWSER")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe.closedOnExec()
        process.standardOutput = out
        process.standardError = errorPipe
        process.standardInput = input
        output = DataCollector(handle: out.fileHandleForReading)
        try process.run()
        Thread.detachNewThread { [self] in
            while true {
                let chunk = errorPipe.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                lock.lock()
                errorText += String(decoding: chunk, as: UTF8.self)
                lock.unlock()
            }
        }
    }

    /// What the child wrote to stderr so far.
    public var stderr: String {
        lock.lock()
        defer { lock.unlock() }
        return errorText
    }

    /// Waits until stderr contains `text` (or throws after `timeout`).
    public func waitForStderr(containing text: String, timeout: Duration = .seconds(30)) async throws -> String {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            let current = stderr
            if current.contains(text) { return current }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw InteractiveError.timedOut(waitingFor: text, stderr: stderr)
    }

    /// Writes a line to the child's stdin.
    public func send(line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Waits for the exit and returns the output.
    public func finish(timeout: Duration = .seconds(60)) async throws -> ProcessOutput {
        try? input.fileHandleForWriting.close()
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning {
            if ContinuousClock.now > deadline { process.terminate() }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        return ProcessOutput(status: process.terminationStatus, stdout: String(decoding: output.finish(), as: UTF8.self), stderr: stderr)
    }
}

public enum InteractiveError: Error, CustomStringConvertible {
    case timedOut(waitingFor: String, stderr: String)
    public var description: String {
        switch self {
        case .timedOut(let text, let stderr): "timed out waiting for \(text.debugDescription); stderr so far: \(stderr)"
        }
    }
}

extension Pipe {
    /// A pipe whose descriptors are marked close-on-exec, so a process another test spawns at the
    /// same moment does not inherit them: an inherited write end keeps a child's standard input
    /// from ever reaching end of file (a `--api-key -` read that hangs until the timeout). The
    /// process the pipe is given to still gets its end as descriptor 0, 1 or 2.
    public static func closedOnExec() -> Pipe {
        let pipe = Pipe()
        for fd in [pipe.fileHandleForReading.fileDescriptor, pipe.fileHandleForWriting.fileDescriptor] {
            _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
        }
        return pipe
    }
}
