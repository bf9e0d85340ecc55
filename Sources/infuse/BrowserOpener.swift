import Foundation

/// Opens a URL with the user's browser: `$BROWSER` if set, else `xdg-open` when a display exists.
enum BrowserOpener {
    /// Returns true when a browser command was started.
    @discardableResult
    static func open(_ url: URL) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        let command: String
        if let browser = environment["BROWSER"], !browser.isEmpty {
            command = browser
        } else if environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil,
            FileManager.default.isExecutableFile(atPath: "/usr/bin/xdg-open")
        {
            command = "/usr/bin/xdg-open"
        } else {
            return false
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(command) \"$1\" >/dev/null 2>&1", "infuse-browser", url.absoluteString]
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
            return true
        } catch {
            return false
        }
    }
}
