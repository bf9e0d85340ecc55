import Foundation
import GRDB
import InfuseCore
import InfuseTestSupport
import Testing

/// Terminal control sequences in CRM text (names the public types into web forms) through the
/// CLI's printed output: they must arrive as visible escapes, never as raw ESC, OSC, CR or C1.
@Suite("Reliability: control characters through the CLI", .serialized, .enabled(if: InfuseBinary.exists, "run `swift build` first"))
struct ReliabilityTerminalTests {
    /// Clear screen, set the window title (OSC … BEL), carriage-return overwrite, C1 CSI, bidi override.
    static let hostile = [
        "Ann\u{1B}[2J\u{1B}[H", "Bob\u{1B}]0;owned\u{07}", "Cy\rFAKE", "Di\u{9B}31mred", "Ed\u{202E}txt.exe",
    ]

    /// Whether `text` holds anything a terminal would act on (other than newline and tab).
    static func raw(_ text: String) -> [String] {
        text.unicodeScalars.filter {
            switch $0.value {
            case 0x0A, 0x09: false
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }.map { String(format: "U+%04X", $0.value) }
    }

    /// Runs `infuse` with its output on a pseudo-terminal (util-linux `script -q -e -c … /dev/null`).
    static func onTerminal(_ arguments: [String], home: URL) async throws -> ProcessOutput {
        let quoted = ([InfuseBinary.url.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", quoted.joined(separator: " "), "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["INFUSE_HOME"] = home.path
        environment["LANG"] = "C.UTF-8"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessOutput(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }

    @Test("preview, preview --json, import, export to a terminal and error messages print control characters as visible escapes")
    func controlCharacters() async throws {
        let scenario = "control-chars-cli", description = "ESC, OSC, CR, C1 and bidi bytes in CRM text through infuse's printed output"
        ReliabilityReport.begin(scenario, description: description)
        let harness = try await ReliabilityHarness(sandbox: ["--records", "50"])
        defer { harness.finish() }
        try await harness.addAPIKeyAccount()
        try await harness.createContactsSource("Hostile", account: "Ops", maxRows: 50)
        let records = Self.hostile.enumerated().map { index, name -> [String: Any] in
            ["id": 700 + index, "given_name": name, "family_name": "Row", "email_addresses": [] as [Any]]
        }
        let file = harness.home.path("hostile.json")
        try JSONSerialization.data(withJSONObject: ["contacts": records, "count": records.count]).write(to: file)

        var outputs: [(String, ProcessOutput)] = []
        outputs.append(("preview --file", try await harness.run(["preview", "--file", file.path])))
        outputs.append(("preview --file --json", try await harness.run(["preview", "--file", file.path, "--json"])))
        outputs.append(("import", try await harness.run(["import", "--source", "Hostile", file.path])))
        outputs.append(("refresh of a hostile name", try await harness.run(["refresh", "Evil\u{1B}]0;owned\u{07}\u{9B}2J"])))
        outputs.append(("sources show of a hostile name", try await harness.run(["sources", "show", "Evil\u{1B}[2J\r"])))

        // `infuse export` on a real terminal (a pty from script(1)): visible escapes. The pty turns
        // each newline into CR LF, which is folded back before looking for raw bytes.
        for format in ["csv", "json"] {
            var onTerminal = try await Self.onTerminal(["export", "Hostile", "--format", format], home: harness.home.url)
            while onTerminal.stdout.contains("\r\n") { onTerminal.stdout = onTerminal.stdout.replacingOccurrences(of: "\r\n", with: "\n") }
            outputs.append(("export --format \(format) to a terminal", onTerminal))
        }

        var problems: [String] = []
        for (label, output) in outputs {
            let found = Self.raw(output.stdout) + Self.raw(output.stderr)
            if !found.isEmpty { problems.append("\(label): raw \(Set(found).sorted())") }
        }
        let preview = outputs[0].1.stdout
        for shown in ["Ann\\e[2J\\e[H", "Bob\\e]0;owned\\u0007", "Cy\\rFAKE", "Di\\u009B31mred", "Ed\\u202Etxt.exe"] where !preview.contains(shown) {
            problems.append("preview lacks \(shown)")
        }
        if !outputs[3].1.stderr.contains("Evil\\e]0;owned") { problems.append("refresh error: \(outputs[3].1.stderr)") }
        #expect(outputs[2].1.status == 0, "\(outputs[2].1.stderr)")
        #expect(problems.isEmpty, "\(problems)")
        // The data itself is kept as it came: the table holds the raw bytes.
        let stored = try await harness.openWorkspace().dbPool.read { db in
            try String.fetchAll(db, sql: "SELECT given_name FROM \(TableNaming.tableName(source: "Hostile", schemaPath: "contacts").quotedDatabaseIdentifier) ORDER BY id")
        }
        #expect(stored == Self.hostile)
        // Exported to a pipe or a file (for machines), the text is exactly as stored.
        let piped = try await harness.run(["export", "Hostile", "--format", "csv"])
        for name in Self.hostile where !piped.stdout.contains(name) { problems.append("export to a pipe changed \(Self.raw(name))") }
        for (label, output) in outputs where label.hasPrefix("export") {
            let shown = output.stdout.lowercased()
            if !shown.contains("ann\\e[2j") && !shown.contains("ann\\u001b[2j") { problems.append("\(label) lacks Ann's escape") }
        }
        #expect(problems.isEmpty, "\(problems)")
        ReliabilityReport.write(ReliabilityResult(
            scenario: scenario, description: description, passed: problems.isEmpty && stored == Self.hostile, runs: outputs.count,
            faultsInjected: Self.hostile.count + 2, rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil,
            notes: "outputs with a raw control character: \(problems.filter { $0.contains("raw") }.count) of \(outputs.count); stored text unchanged: \(stored == Self.hostile)"
                + (problems.isEmpty ? "" : "; " + problems.joined(separator: " | "))))
    }
}
