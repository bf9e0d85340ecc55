import ArgumentParser
import Foundation

/// `infuse-bench generate --contacts N --output DIR`: writes the benchmark's contact pages, so
/// other tools (pandas, dlt) load exactly the files Infuse imports.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write N generated contacts as Keap list pages of 1000 (contacts-00001.json, …).")

    @Option(help: "Contacts to generate.")
    var contacts = 100_000

    @Option(help: "Directory to write the pages into (created if missing).")
    var output: String

    @Option(help: "Seed of the generated data.")
    var seed: UInt64 = ContactCorpus.defaultSeed

    func run() async throws {
        let corpus = try await ContactCorpus.write(contacts: contacts, seed: seed, to: URL(fileURLWithPath: output))
        print("\(corpus.records) contacts in \(corpus.files.count) pages, \(corpus.bytes) bytes, in \(output)")
    }
}
