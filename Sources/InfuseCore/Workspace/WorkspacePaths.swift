#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where the workspace lives: `$INFUSE_HOME` if set, else `$XDG_DATA_HOME/infuse`, else
/// `~/.local/share/infuse`. The directory holds `infuse.sqlite`, `secrets.json` and `locks/`.
public struct WorkspacePaths: Sendable, Equatable {
    /// The workspace directory.
    public let directory: URL

    /// Resolves the directory from an environment (the process's by default). Empty variables
    /// count as unset; a relative `XDG_DATA_HOME` is ignored, as the XDG spec says.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let home = environment["INFUSE_HOME"], !home.isEmpty {
            directory = URL(fileURLWithPath: home, isDirectory: true).standardizedFileURL
        } else if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            directory = URL(fileURLWithPath: data, isDirectory: true).appendingPathComponent("infuse", isDirectory: true)
                .standardizedFileURL
        } else {
            let userHome = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? FileManager.default.homeDirectoryForCurrentUser.path
            directory = URL(fileURLWithPath: userHome, isDirectory: true)
                .appendingPathComponent(".local/share/infuse", isDirectory: true).standardizedFileURL
        }
    }

    /// A workspace at an explicit directory (tests, `--workspace`).
    public init(directory: URL) {
        self.directory = directory.standardizedFileURL
    }

    /// `infuse.sqlite`: accounts, data sources, refresh history and the imported tables.
    public var databaseURL: URL { directory.appendingPathComponent("infuse.sqlite") }
    /// `secrets.json`: tokens, client secrets and API keys (mode 0600).
    public var secretsURL: URL { directory.appendingPathComponent("secrets.json") }
    /// `locks/`: one lock file per data source being refreshed.
    public var locksDirectory: URL { directory.appendingPathComponent("locks", isDirectory: true) }

    /// Creates the workspace directory (mode 0700) and `locks/` if missing. Fixes nothing
    /// silently: an existing directory that the group or others can access is refused with an
    /// error that says to run `chmod 700 <path>`.
    public func ensureExists() throws {
        try Self.ensurePrivateDirectory(directory, createParents: true)
        try Self.ensurePrivateDirectory(locksDirectory, createParents: false)
    }

    private static func ensurePrivateDirectory(_ url: URL, createParents: Bool) throws {
        let path = url.path
        var info = stat()
        if stat(path, &info) != 0 {
            guard errno == ENOENT else { throw WorkspaceError.cannotCreateDirectory(path: path, reason: String(cString: strerror(errno))) }
            if createParents {
                do {
                    try FileManager.default.createDirectory(
                        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                } catch {
                    throw WorkspaceError.cannotCreateDirectory(path: path, reason: "cannot create its parent directory")
                }
            }
            if mkdir(path, 0o700) != 0 && errno != EEXIST {
                throw WorkspaceError.cannotCreateDirectory(path: path, reason: String(cString: strerror(errno)))
            }
            // mkdir applies the umask, which can only remove bits; make the mode exact anyway.
            chmod(path, 0o700)
            guard stat(path, &info) == 0 else {
                throw WorkspaceError.cannotCreateDirectory(path: path, reason: String(cString: strerror(errno)))
            }
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw WorkspaceError.notADirectory(path: path) }
        let mode = UInt32(info.st_mode) & 0o777
        if mode & 0o077 != 0 {
            throw WorkspaceError.directoryNotPrivate(path: path, mode: mode)
        }
    }
}
