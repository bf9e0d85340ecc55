#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes files so that a reader (or a process killed mid-write) sees the old content or the new,
/// never a mix: write a temporary file in the same directory, `fsync` it, `rename` it over the
/// target, then `fsync` the directory.
public enum AtomicFile {
    /// Replaces `url` with `data`, creating the file with `mode`.
    public static func write(_ data: Data, to url: URL, mode: mode_t = 0o600) throws {
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw AtomicFileError.io(path: url.path, operation: "create", errno: errno) }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        do {
            defer { close(fd) }
            try data.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc.write(fd, raw.baseAddress!.advanced(by: offset), raw.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw AtomicFileError.io(path: url.path, operation: "write", errno: errno)
                    }
                    offset += n
                }
            }
            fchmod(fd, mode)
            guard fsync(fd) == 0 else { throw AtomicFileError.io(path: url.path, operation: "fsync", errno: errno) }
        }
        TestHooks.pause(at: .secretsWrite)
        guard rename(temporary, url.path) == 0 else {
            throw AtomicFileError.io(path: url.path, operation: "rename", errno: errno)
        }
        ok = true
        let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }
}

/// Errors from `AtomicFile`.
public enum AtomicFileError: UserFacingError {
    case io(path: String, operation: String, errno: Int32)

    public var userMessage: String {
        switch self {
        case .io(let path, let operation, let code):
            let reason = String(cString: strerror(code))
            let hint = code == ENOSPC ? " (the disk is full; free some space and try again; nothing was changed)" : ""
            return "cannot \(operation) \(path): \(reason)\(hint)"
        }
    }
}
