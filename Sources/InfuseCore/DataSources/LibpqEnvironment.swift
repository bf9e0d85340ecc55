#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The libpq environment variables a PostgreSQL destination reads, with libpq's meanings:
/// `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGPASSWORD`, `PGSSLMODE`, `PGPASSFILE`, and
/// `HOME` for the default password file `~/.pgpass`.
///
/// An empty variable counts as unset (libpq does the same for the password). The value never
/// prints its password: `description` and `dump` name only which variables are set.
public struct LibpqEnvironment: Sendable, Equatable, Hashable, CustomStringConvertible, CustomReflectable {
    /// `PGHOST`: the server's host when the URL names none.
    public var host: String?
    /// `PGPORT`: the server's port when the URL names none (text, as given).
    public var port: String?
    /// `PGUSER`: the login role when the URL names none.
    public var user: String?
    /// `PGDATABASE`: the database when the URL names none.
    public var database: String?
    /// `PGPASSWORD`: the password when the secrets file has none for the URL.
    public var password: String?
    /// `PGSSLMODE`: the sslmode when the URL has no `sslmode` option.
    public var sslMode: String?
    /// `PGPASSFILE`: the password file, instead of `~/.pgpass`.
    public var passFile: String?
    /// `HOME`: where `~/.pgpass` lives (else the account's home directory from the password database).
    public var home: String?

    /// Takes the libpq variables from `environment` (by default the process's).
    public init(_ environment: [String: String] = ProcessInfo.processInfo.environment) {
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        host = value("PGHOST")
        port = value("PGPORT")
        user = value("PGUSER")
        database = value("PGDATABASE")
        password = value("PGPASSWORD")
        sslMode = value("PGSSLMODE")
        passFile = value("PGPASSFILE")
        home = value("HOME")
    }

    /// The password file libpq would read: `PGPASSFILE`, else `~/.pgpass`; nil without a home.
    public var passwordFilePath: String? {
        if let passFile { return passFile }
        guard let home = home ?? Self.accountHomeDirectory() else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".pgpass").path
    }

    /// The names of the variables that are set, never their values.
    public var description: String {
        let names: [(String, String?)] = [
            ("PGHOST", host), ("PGPORT", port), ("PGUSER", user), ("PGDATABASE", database),
            ("PGPASSWORD", password), ("PGSSLMODE", sslMode), ("PGPASSFILE", passFile),
        ]
        let set = names.filter { $0.1 != nil }.map(\.0)
        return "libpq environment: " + (set.isEmpty ? "none set" : set.joined(separator: ", "))
    }

    /// Mirrors without the password, so `dump` cannot show it.
    public var customMirror: Mirror {
        Mirror(self, children: ["set": description], displayStyle: .struct)
    }

    /// The name of the effective OS user, libpq's default login role.
    public static func operatingSystemUserName() -> String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        let text = String(cString: name)
        return text.isEmpty ? nil : text
    }

    /// The effective OS user's home directory from the password database.
    static func accountHomeDirectory() -> String? {
        guard let entry = getpwuid(geteuid()), let directory = entry.pointee.pw_dir else { return nil }
        let text = String(cString: directory)
        return text.isEmpty ? nil : text
    }
}
