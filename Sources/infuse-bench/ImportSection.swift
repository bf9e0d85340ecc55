import Foundation

/// *import*: writes `--contacts` generated contacts as page files (not timed), then imports them
/// into a fresh workspace in a child process: import time, MB/s, rows/s, rows per table, the
/// child's peak RSS and its whole wall time (start-up, workspace, import, exit).
enum ImportSection {
    static func run(_ options: BenchOptions) async throws -> SectionOutcome {
        let scratch = try ScratchDirectory("infuse-bench-import")
        defer { scratch.remove() }
        let pages = scratch.url.appendingPathComponent("pages")
        progress("import: generating \(options.contacts) contacts")
        let corpus = try await ContactCorpus.write(contacts: options.contacts, seed: options.seed, to: pages)
        let resultPath = scratch.url.appendingPathComponent("import.json").path
        let errorPath = scratch.url.appendingPathComponent("import.err").path
        progress("import: importing \(corpus.files.count) pages, \(corpus.bytes / 1_000_000) MB")
        let child = try ChildProcess.run(ChildProcess.currentExecutable(), [
            "import-child", "--workspace", scratch.url.appendingPathComponent("workspace").path,
            "--pages", pages.path, "--result", resultPath,
        ], stderr: errorPath)
        guard child.exitCode == 0 else {
            let reason = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            throw BenchError("the import failed (exit \(child.exitCode)): \(reason.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let m = try ChildResultFile.read(ImportChildCommand.Measurement.self, from: resultPath)
        let rows = m.tables.values.reduce(0, +)
        let megabytes = Double(corpus.bytes) / 1e6
        // The goals are stated for 100,000 contacts; other counts are shown without them.
        let atGoalSize = options.contacts <= 100_000
        var figures = [
            Figure("import", "import_seconds", m.importSeconds, "s", goal: atGoalSize ? .atMost(3) : nil,
                   note: "\(corpus.records) contacts, \(corpus.files.count) pages, \(BenchReport.format(megabytes)) MB"),
            Figure("import", "process_wall_seconds", child.wall.seconds, "s", note: "the whole child process, as the comparison script times pandas and dlt"),
            Figure("import", "megabytes_per_second", megabytes / m.importSeconds, "MB/s"),
            Figure("import", "rows_per_second", Double(rows) / m.importSeconds, "rows/s"),
            Figure("import", "rows", Double(rows), "", note: "\(m.tables.count) tables"),
            Figure("import", "peak_rss_mib", ProcessMemory.mebibytes(m.peakRSSBytes), "MiB", goal: atGoalSize ? .atMost(300) : nil,
                   note: atGoalSize ? "VmHWM of the import child" : "VmHWM of the import child; compare with the 100,000 run (goal ≤ 1.3×)"),
        ]
        for (table, count) in m.tables.sorted(by: { $0.key < $1.key }) {
            figures.append(Figure("import", "rows[\(table)]", Double(count), ""))
        }
        return SectionOutcome(figures: figures)
    }
}
