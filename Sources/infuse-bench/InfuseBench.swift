import ArgumentParser
import Foundation

/// `infuse-bench`: measures import, fetch, render and start-up in release and prints each figure
/// beside its goal from issue 5 (`--json` for machine-readable figures). Measuring is the default
/// subcommand, so `infuse-bench --contacts N only import` needs no subcommand name.
@main
struct InfuseBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infuse-bench",
        abstract: "Measure Infuse's import, fetch, render and start-up figures against their goals.",
        subcommands: [RunBench.self, GenerateCommand.self, ImportChildCommand.self, RenderChildCommand.self, PrepareWorkspaceCommand.self],
        defaultSubcommand: RunBench.self
    )
}

/// `infuse-bench [run] [--contacts N] [--json] [only SECTION…]`: runs the sections and prints the report.
struct RunBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the benchmark sections (the default subcommand).",
        discussion: """
            Run in release: swift run -c release infuse-bench [--contacts N] [--json] [only SECTION…]
            Sections: import, fetch, incremental, render, startup (all by default). The startup section needs the
            release `infuse` binary beside this one (swift build -c release --product infuse).
            """
    )

    @OptionGroup var options: BenchOptions

    @Flag(help: "Print the figures as JSON instead of a table.")
    var json = false

    @Argument(help: "Sections to run (import, fetch, incremental, render, startup), optionally after the word `only`.")
    var sections: [String] = []

    func validate() throws {
        _ = try parsedSections()
        if options.contacts < 1 { throw ValidationError("--contacts must be at least 1") }
        if options.fetchRecords < 1 { throw ValidationError("--fetch-contacts must be at least 1") }
        if options.renderRows < 1 { throw ValidationError("--render-rows must be at least 1") }
        if options.frames < 1 { throw ValidationError("--frames must be at least 1") }
    }

    private func parsedSections() throws -> [BenchSection] {
        let words = sections.first == "only" ? Array(sections.dropFirst()) : sections
        if words.isEmpty { return BenchSection.allCases }
        return try words.map { word in
            guard let section = BenchSection(rawValue: word) else {
                throw ValidationError("unknown section `\(word)`; choose from \(BenchSection.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return section
        }
    }

    func run() async throws {
        var report = BenchReport(
            date: ISO8601DateFormatter().string(from: Date()), machine: MachineInfo.summary(),
            loadAtStart: MachineInfo.loadAverage(), contacts: options.contacts)
        for section in try parsedSections() {
            progress("running \(section.rawValue)…")
            do {
                let outcome = try await section.run(options)
                report.figures += outcome.figures
                report.skipped += outcome.skipped
            } catch {
                report.skipped.append(SkippedSection(section: section.rawValue, reason: "failed: \(error)"))
            }
        }
        report.loadAtEnd = MachineInfo.loadAverage()
        print(json ? try report.json() : report.table())
    }
}

/// Settings shared by the sections.
struct BenchOptions: ParsableArguments {
    @Option(help: "Contacts for the import section.")
    var contacts = 100_000

    @Option(help: "Contacts for the fetch section (default: --contacts, at most 100,000).")
    var fetchContacts: Int?

    @Option(help: "Latency the fetch section's sandbox adds to every response, in ms.")
    var latencyMs = 100

    @Option(help: "Rows of the table the render section browses.")
    var renderRows = 1_000_000

    @Option(help: "Frames the render section draws while scrolling.")
    var frames = 500

    @Option(help: "Seed of the generated data.")
    var seed: UInt64 = ContactCorpus.defaultSeed

    @Option(help: "Runs of `infuse --help` (median reported).")
    var helpRuns = 10

    @Option(help: "Runs of `infuse --sandbox` to its first frame (median reported).")
    var sandboxRuns = 5

    @Option(help: "Text on the designer's home screen that marks its first frame.")
    var homeTitle = "Data sources"

    /// Contacts the fetch section pages through.
    var fetchRecords: Int { fetchContacts ?? min(contacts, 100_000) }
}

/// What a section measured, and what it could not.
struct SectionOutcome {
    var figures: [Figure] = []
    var skipped: [SkippedSection] = []
}

/// The benchmark's sections.
enum BenchSection: String, CaseIterable, ExpressibleByArgument {
    case `import`, fetch, incremental, render, startup

    func run(_ options: BenchOptions) async throws -> SectionOutcome {
        switch self {
        case .import: try await ImportSection.run(options)
        case .fetch: try await FetchSection.run(options)
        case .incremental: try await IncrementalSection.run(options)
        case .render: try RenderSection.run(options)
        case .startup: try StartupSection.run(options)
        }
    }
}

/// A progress line on stderr (the table or JSON goes to stdout).
func progress(_ message: String) {
    FileHandle.standardError.write(Data("infuse-bench: \(message)\n".utf8))
}
