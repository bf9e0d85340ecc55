import Foundation

/// A `$BROWSER` script that answers the sandbox's consent page (Allow, or `deny`): `curl` follows
/// the authorize address with `auto=allow` to the CLI's loopback redirect. It retries a failed or
/// stalled attempt (a loaded machine can be slow to accept), so a sign-in does not hang waiting
/// for a redirect that a single lost request never delivered.
enum ApprovingBrowser {
    /// Writes the script to `url` (mode 0700); with `log`, each address it is given is appended there.
    static func write(to url: URL, decision: String = "allow", log: URL? = nil) throws {
        var script = "#!/bin/sh\n"
        if let log { script += "echo \"$1\" >> '\(log.path)'\n" }
        script += "exec curl -s -f -L --max-time 20 --retry 4 --retry-all-errors --retry-delay 1 -o /dev/null \"$1&auto=\(decision)\"\n"
        try script.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
    }
}
