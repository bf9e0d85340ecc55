import Foundation
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// A seeded JSON fuzz run through inference, flattening and the import path: random bytes,
/// mutations of real sandbox pages, deep nesting, huge values and invalid UTF-8. Nothing may
/// crash or hang; every refusal is one clear line.
@Suite("Reliability: JSON fuzz through inference, flattening and import")
struct ReliabilityFuzzTests {
    /// Counts flattened rows.
    struct CountingSink: RowSink {
        var rows = 0
        mutating func appendRow(table: Int, values: UnsafeBufferPointer<FlatValue>) throws { rows += 1 }
    }

    /// Real list pages from the sandbox (contacts with custom fields, opportunities, orders, products, companies).
    static func realPages() async throws -> [[UInt8]] {
        try await withSandbox({ $0.records = 200 }) { _, _, apiBase in
            let client = KeapClient(apiBase: apiBase, credentials: APIKeyCredential(key: SandboxCredentials.apiKey))
            var pages: [[UInt8]] = []
            for path in ["v1/contacts?limit=15&optional_properties=custom_fields", "v1/opportunities?limit=10", "v1/orders?limit=10",
                         "v1/products?limit=10", "v1/companies?limit=10", "v1/tags?limit=20"] {
                pages.append(try await client.get(URL(string: apiBase.absoluteString + "/" + path)!).body)
            }
            return pages
        }
    }

    /// Runs one input through inference and flattening; returns the refusal message, if any.
    static func process(_ bytes: [UInt8]) -> Result<Int, any Error> {
        Result {
            let inferrer = SchemaInferrer(options: SchemaInferenceOptions(previewRowLimit: 5))
            try inferrer.add(page: bytes)
            let tree = try inferrer.tree()
            let flattener = try Flattener(tree: tree, tables: tree.allSchemas.map { FlattenTable(schema: $0) })
            var sink = CountingSink()
            try flattener.flatten(page: bytes, into: &sink)
            return sink.rows
        }
    }

    @Test("5,000 seeded inputs: no crash, no hang, every error one clear line")
    func fuzz() async throws {
        ReliabilityReport.begin("fuzz-json-inference", description: "seeded JSON fuzz through SchemaInferrer and Flattener")
        let seeds = try await Self.realPages()
        var generator = FuzzGenerator(seed: 0x1F05E, seeds: seeds)
        var accepted = 0, refused = 0, slowest: Duration = .zero
        var problems: [String] = []
        var kinds: [String: Int] = [:]
        let total = 5_000
        for index in 0..<total {
            let (kind, input) = generator.next(index: index)
            kinds[kind, default: 0] += 1
            let started = ContinuousClock.now
            let result = Self.process(input)
            let elapsed = ContinuousClock.now - started
            slowest = max(slowest, elapsed)
            if elapsed > .seconds(5) { problems.append("#\(index) (\(kind)) took \(elapsed)") }
            switch result {
            case .success: accepted += 1
            case .failure(let error):
                refused += 1
                guard let facing = error as? any UserFacingError else {
                    problems.append("#\(index) (\(kind)): not a user-facing error: \(type(of: error))")
                    continue
                }
                let message = facing.userMessage
                if message.isEmpty || message.contains("\n") || message.count > 400 {
                    problems.append("#\(index) (\(kind)): unclear message \(message.debugDescription.prefix(200))")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        #expect(accepted > 100 && refused > 100, "the generator should make both valid and invalid inputs")
        ReliabilityReport.write(ReliabilityResult(
            scenario: "fuzz-json-inference", description: "seeded JSON fuzz through SchemaInferrer and Flattener",
            passed: problems.isEmpty && accepted > 100 && refused > 100, runs: total,
            faultsInjected: refused, rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil,
            notes: "unclear or non-user-facing errors: \(problems.count); accepted \(accepted), refused with a clear error \(refused); kinds \(kinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")); slowest \(slowest)"))
    }

    @Test("200 fuzzed files through `importFiles`: a clear error and the previous tables whole, or a clean load")
    func fuzzImport() async throws {
        ReliabilityReport.begin("fuzz-json-import", description: "seeded fuzzed files through RefreshEngine.importFiles")
        let seeds = try await Self.realPages()
        let directory = try TemporaryDirectory(prefix: "infuse-fuzz")
        defer { directory.remove() }
        let paths = WorkspacePaths(directory: directory.path("ws"))
        let workspace = try Workspace.open(paths)
        try workspace.insertAccount(Account(
            name: "Fuzz", apiBase: URL(string: "http://127.0.0.1:9/crm/rest")!, authKind: .apiKey, createdAt: Date(), lastAuthorizedAt: nil, status: .ok))
        try workspace.insertDataSource(DataSource(name: "Fuzzed", description: "", accountName: "Fuzz", target: .endpoint(id: "contacts"), selectedSchemas: ["contacts"]))
        let engine = RefreshEngine(
            workspace: workspace, accounts: AccountManager(workspace: workspace, secrets: SecretsStore(fileURL: paths.secretsURL)))
        let good = directory.path("good.json")
        try Data(seeds[0]).write(to: good)
        _ = try await engine.importFiles(sourceNamed: "Fuzzed", files: [good], schemas: nil, progress: nil)
        let table = TableNaming.tableName(source: "Fuzzed", schemaPath: "contacts")
        func census() throws -> [Int64?] {
            try workspace.dbPool.read { db in try Optional<Int64>.fetchAll(db, sql: "SELECT id FROM \(table.quotedIdentifier) ORDER BY rowid") }
        }
        var previous = try census()
        var generator = FuzzGenerator(seed: 0xBAD5EED, seeds: [seeds[0]])
        var loaded = 0, refused = 0, partial = 0
        var problems: [String] = []
        let file = directory.path("fuzzed.json")
        for index in 0..<200 {
            let (kind, input) = generator.next(index: index)
            try Data(input).write(to: file)
            do {
                _ = try await engine.importFiles(sourceNamed: "Fuzzed", files: [file], schemas: nil, progress: nil)
                loaded += 1
                previous = try census()
            } catch {
                refused += 1
                let message = userMessage(for: error)
                if message.contains("\n") || message.isEmpty { problems.append("#\(index) (\(kind)): unclear \(message.prefix(200))") }
                let now = try census()
                if now != previous { partial += 1; problems.append("#\(index) (\(kind)): table changed after a failed import") }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        ReliabilityReport.write(ReliabilityResult(
            scenario: "fuzz-json-import", description: "seeded fuzzed files through RefreshEngine.importFiles", passed: problems.isEmpty, runs: 200,
            faultsInjected: refused, rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: partial, notes: "loaded \(loaded), refused \(refused) with the previous table whole"))
    }
}

/// Makes the fuzz inputs: a fixed mix of kinds, deterministic for a seed.
struct FuzzGenerator {
    private var state: UInt64
    let seeds: [[UInt8]]

    init(seed: UInt64, seeds: [[UInt8]]) {
        state = seed
        self.seeds = seeds
    }

    mutating func random() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(random() % UInt64(max(n, 1))) }

    static let tokens: [[UInt8]] = ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "-0", "1e999", "\\u0000", "\\ud800",
                                    "\"id\"", "{\"id\":1}", "[[[]]]", "\u{202E}", "\u{200B}", "\"contacts\":"].map { Array($0.utf8) }

    /// Input number `index`: its kind and bytes.
    mutating func next(index: Int) -> (String, [UInt8]) {
        switch index % 20 {
        case 0, 1, 2:
            return ("random", (0..<below(600)).map { _ in UInt8(truncatingIfNeeded: random()) })
        case 3, 4:
            return ("token-soup", (0..<below(80)).flatMap { _ in Self.tokens[below(Self.tokens.count)] })
        case 5:
            return ("deep", deep())
        case 6, 7:
            return ("invalid-utf8", invalidUTF8())
        case 8 where index % 400 == 8:
            return ("huge", huge())
        default:
            return ("mutated-page", mutated())
        }
    }

    private mutating func mutated() -> [UInt8] {
        var page = seeds[below(seeds.count)]
        for _ in 0..<(1 + below(4)) {
            guard !page.isEmpty else { break }
            let at = below(page.count)
            switch below(6) {
            case 0: page[at] ^= UInt8(1 << below(8))
            case 1: page.remove(at: at)
            case 2: page.insert(contentsOf: Self.tokens[below(Self.tokens.count)], at: at)
            case 3: page = Array(page.prefix(at))
            case 4: page.replaceSubrange(at..<min(page.count, at + below(50)), with: [])
            default:
                let other = seeds[below(seeds.count)]
                let from = below(other.count)
                page.insert(contentsOf: other[from..<min(other.count, from + below(400))], at: at)
            }
        }
        return page
    }

    private mutating func deep() -> [UInt8] {
        let depth = [10, 100, 511, 512, 513, 5_000, 20_000][below(7)]
        let open = below(2) == 0 ? "[" : "{\"a\":"
        let close = open == "[" ? "]" : "}"
        let balanced = below(3) != 0
        let text = #"{"contacts":[{"id":1,"x":"# + String(repeating: open, count: depth) + "1"
            + String(repeating: close, count: balanced ? depth : depth / 2) + "}]}"
        return Array(text.utf8)
    }

    private mutating func invalidUTF8() -> [UInt8] {
        var page = seeds[below(seeds.count)]
        let bad: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80]]
        for _ in 0..<(1 + below(3)) {
            // Put the bad bytes inside a string value where possible (after a quote).
            let quotes = page.indices.filter { page[$0] == UInt8(ascii: "\"") }
            let at = quotes.isEmpty ? below(page.count) : quotes[below(quotes.count)] + 1
            page.insert(contentsOf: bad[below(bad.count)], at: min(at, page.count))
        }
        return page
    }

    private mutating func huge() -> [UInt8] {
        switch below(3) {
        case 0: return Array((#"{"contacts":[{"id":1,"note":""# + String(repeating: "x", count: 3_000_000) + #""}]}"#).utf8)
        case 1: return Array((#"{"contacts":["# + (0..<40_000).map { #"{"id":\#($0)}"# }.joined(separator: ",") + "]}").utf8)
        default: return Array((#"{"contacts":[{"id":1,"wide":{"# + (0..<20_000).map { #""k\#($0)":\#($0)"# }.joined(separator: ",") + "}}]}").utf8)
        }
    }
}
