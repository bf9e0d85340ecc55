import Foundation

/// A libpq password file (`~/.pgpass` or `PGPASSFILE`): lines of
/// `hostname:port:database:username:password`.
///
/// As libpq reads it: each of the first four fields is a literal or `*` (matching anything);
/// `\:` and `\\` stand for `:` and `\`; lines starting with `#` and empty lines are skipped, as
/// are lines with fewer than five fields; the first matching line's password wins. The file is
/// ignored, with a warning, when it is not a plain file or the group or others have any access.
public struct PgPassFile: Sendable, Equatable {
    /// One line of the file.
    public struct Entry: Sendable, Equatable {
        /// The host, port, database and user fields; nil is `*`, which matches anything.
        public var host: String?
        public var port: String?
        public var database: String?
        public var user: String?
        /// The password (de-escaped).
        public var password: String

        /// Whether this line is for the given connection (`port` as text, as libpq compares it).
        public func matches(host: String, port: String, database: String, user: String) -> Bool {
            (self.host.map { $0 == host } ?? true) && (self.port.map { $0 == port } ?? true)
                && (self.database.map { $0 == database } ?? true) && (self.user.map { $0 == user } ?? true)
        }
    }

    /// The file's usable lines, in order.
    public var entries: [Entry]

    /// Parses the text of a password file.
    public init(parsing text: String) {
        entries = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .compactMap { Self.entry(line: Substring($0)) }
    }

    /// The password of the first line for this connection, or nil.
    public func password(host: String, port: Int, database: String, user: String) -> String? {
        entries.first { $0.matches(host: host, port: String(port), database: database, user: user) }?.password
    }

    /// What reading a password file gave: its entries, or why it was ignored.
    public enum Reading: Sendable, Equatable {
        /// The file was read.
        case read(PgPassFile)
        /// There is no such file (libpq is silent then).
        case absent
        /// The file was ignored; the one-line warning says why (it names the file, never a password).
        case ignored(warning: String)
    }

    /// Reads the password file at `path`, checking its kind and permissions as libpq does.
    public static func read(path: String) -> Reading {
        var info = stat()
        guard stat(path, &info) == 0 else { return .absent }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return .ignored(warning: "WARNING: password file \"\(path)\" is not a plain file")
        }
        guard info.st_mode & 0o077 == 0 else {
            return .ignored(warning: "WARNING: password file \"\(path)\" has group or world access; permissions should be u=rw (0600) or less")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .ignored(warning: "WARNING: password file \"\(path)\" cannot be read")
        }
        return .read(PgPassFile(parsing: String(decoding: data, as: UTF8.self)))
    }

    /// One line's entry, or nil for a comment, a blank line or a line with too few fields.
    private static func entry(line: Substring) -> Entry? {
        guard !line.hasPrefix("#") else { return nil }
        var fields: [(text: String, wildcard: Bool)] = []
        var current = ""
        var escaped = false
        var sawEscape = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            if fields.count == 4 {
                // The password: de-escaped, and ends at an unescaped ':' (as libpq).
                if character == "\\" && !escaped { escaped = true; continue }
                if character == ":" && !escaped { break }
                escaped = false
                current.append(character)
                continue
            }
            if character == "\\" && !escaped {
                escaped = true
                sawEscape = true
                continue
            }
            if character == ":" && !escaped {
                fields.append((current, current == "*" && !sawEscape))
                current = ""
                sawEscape = false
                continue
            }
            escaped = false
            current.append(character)
        }
        guard fields.count == 4 else { return nil }
        func field(_ index: Int) -> String? { fields[index].wildcard ? nil : fields[index].text }
        return Entry(host: field(0), port: field(1), database: field(2), user: field(3), password: current)
    }
}
