import Foundation

/// One scenario's figures from the reliability suite, written to
/// `.build/reliability/<scenario>.json` and turned into a table by `scripts/reliability-table.sh`.
///
/// Nothing has a default: a scenario states every figure it measured, and `nil` for a figure it
/// has no way to measure (an input-validation scenario loads no rows), shown as `–`.
public struct ReliabilityResult: Codable, Sendable {
    /// A short id, also the file name (`throttle-10k`, `crash-swap`, …).
    public var scenario: String
    /// What was done, in a few words.
    public var description: String
    /// Whether every check of the scenario held (a failing scenario still writes its row).
    public var passed: Bool
    /// How many runs (refreshes, fetches, inputs) the scenario made.
    public var runs: Int
    /// Faults injected or met, counted where they happen (the sandbox's counters, kills made…).
    public var faultsInjected: Int
    /// Rows the oracle expected that the tables lack (parent and child tables), summed over runs.
    public var rowsLost: Int?
    /// Rows present more often than the oracle has them.
    public var rowsDuplicated: Int?
    /// Rows whose key the oracle knows but whose values differ (a stale or garbled row).
    public var rowsChanged: Int?
    /// Refreshes that left a table neither the old content nor the new (a mix, or half loaded).
    public var tablesPartial: Int?
    /// Anything else worth a line (outcomes, counts).
    public var notes: String

    /// A result; every figure must be given (`nil` = not measurable in this scenario).
    public init(
        scenario: String, description: String, passed: Bool, runs: Int, faultsInjected: Int, rowsLost: Int?,
        rowsDuplicated: Int?, rowsChanged: Int?, tablesPartial: Int?, notes: String
    ) {
        self.scenario = scenario
        self.description = description
        self.passed = passed
        self.runs = runs
        self.faultsInjected = faultsInjected
        self.rowsLost = rowsLost
        self.rowsDuplicated = rowsDuplicated
        self.rowsChanged = rowsChanged
        self.tablesPartial = tablesPartial
        self.notes = notes
    }
}

/// Writes scenario results where the table script finds them.
public enum ReliabilityReport {
    /// `.build/reliability` in the package (or `$INFUSE_RELIABILITY_DIR`).
    public static var directory: URL {
        if let custom = ProcessInfo.processInfo.environment["INFUSE_RELIABILITY_DIR"] { return URL(fileURLWithPath: custom) }
        return PackagePaths.root.appendingPathComponent(".build/reliability")
    }

    /// Removes the result files of earlier runs, once per test process (the first time a
    /// scenario begins or writes), so the table shows this run only.
    private static let cleared: Bool = {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        for file in files where file.pathExtension == "json" { try? FileManager.default.removeItem(at: file) }
        return true
    }()

    /// Writes a failing row for `scenario` before it runs: if it then throws, is interrupted or
    /// crashes, the table shows it failed instead of an older figure or nothing.
    public static func begin(_ scenario: String, description: String) {
        write(ReliabilityResult(
            scenario: scenario, description: description, passed: false, runs: 0, faultsInjected: 0, rowsLost: nil,
            rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil,
            notes: "did not finish: the scenario threw or was interrupted before its figures were written"))
    }

    /// Writes `result` to `<directory>/<scenario>.json` (best effort: a read-only tree only loses the figure).
    public static func write(_ result: ReliabilityResult) {
        _ = cleared
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(result) else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? data.write(to: directory.appendingPathComponent("\(result.scenario).json"), options: .atomic)
    }
}

/// Collects the secrets a test used and everything the program printed, and finds any secret
/// in the printed text or in files (the workspace database). Findings name the secret's kind and
/// where it was seen, never its value.
public final class SecretLedger: @unchecked Sendable {
    private let lock = NSLock()
    private var secrets: [String: String] = [:]
    private var outputs: [(label: String, text: String)] = []
    /// Per secret, how many of `outputs` were already searched for it: each pair is searched
    /// once, however often `leaks` is asked (every harness asks at its end).
    private var searched: [String: Int] = [:]
    private var found: [String] = []

    /// An empty ledger.
    public init() {}

    /// Remembers `value` (at least 8 characters) as a secret of `kind`.
    public func addSecret(_ value: String, kind: String) {
        guard value.count >= 8 else { return }
        lock.withLock { secrets[value] = kind }
    }

    /// Reads every token, refresh token, client secret and API key in a `secrets.json`.
    public func harvest(secretsFile url: URL) {
        guard let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let accounts = object["accounts"] as? [String: Any]
        else { return }
        for case let entry as [String: Any] in accounts.values {
            for key in ["access_token", "refresh_token", "client_secret", "api_key"] {
                if let value = entry[key] as? String { addSecret(value, kind: key) }
            }
        }
    }

    /// Records what a command printed.
    public func record(_ label: String, _ output: ProcessOutput) {
        lock.withLock {
            outputs.append(("stdout of \(label)", Self.searchable(output.stdout)))
            outputs.append(("stderr of \(label)", Self.searchable(output.stderr)))
        }
    }

    /// Records arbitrary text (an error message, a description).
    public func record(_ label: String, text: String) {
        lock.withLock { outputs.append((label, Self.searchable(text))) }
    }

    /// How many secrets and outputs are held.
    public var counts: (secrets: Int, outputs: Int) { lock.withLock { (secrets.count, outputs.count) } }

    /// Every place a secret was seen: in the recorded outputs and in the bytes of `files`.
    public func leaks(files: [URL] = []) -> [String] {
        let (inOutputs, known) = lock.withLock { () -> ([String], [String: String]) in
            for (value, kind) in self.secrets {
                let start = searched[value] ?? 0
                guard start < outputs.count else { continue }
                for output in outputs[start...] where Self.text(output.text, contains: value) {
                    found.append("\(kind) in \(output.label)")
                }
                searched[value] = outputs.count
            }
            return (found, self.secrets)
        }
        var inFiles: [String] = []
        let contents = files.compactMap { file in (try? Data(contentsOf: file)).map { (file.lastPathComponent, $0) } }
        for (value, kind) in known {
            let needle = Data(value.utf8)
            for (name, bytes) in contents where bytes.range(of: needle) != nil { inFiles.append("\(kind) in \(name)") }
        }
        return inOutputs + inFiles
    }

    /// Whether `text` (NUL-free, see ``searchable(_:)``) contains `needle`, with the C library's
    /// `strstr`: Foundation's `contains` is far slower, and the suite searches thousands of
    /// outputs for hundreds of tokens.
    static func text(_ text: String, contains needle: String) -> Bool {
        text.withCString { haystack in needle.withCString { strstr(haystack, $0) != nil } }
    }

    /// `text` with NUL bytes (which would end a C string early) turned into newlines; no secret
    /// holds a NUL, so no match is lost.
    static func searchable(_ text: String) -> String {
        text.utf8.contains(0) ? text.replacingOccurrences(of: "\0", with: "\n") : text
    }
}
