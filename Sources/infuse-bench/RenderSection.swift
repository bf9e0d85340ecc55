import Foundation

/// *render*: builds a `--render-rows` table in a temp workspace (one child), then browses it on
/// the designer's Browse screen, through the app's own grid source (`SQLiteGridSource`), at
/// 200×60 in a second child: median and p99 ms per frame while scrolling,
/// the time of the End key's frame (jump to the last row), and the browsing child's peak RSS.
enum RenderSection {
    static func run(_ options: BenchOptions) throws -> SectionOutcome {
        let scratch = try ScratchDirectory("infuse-bench-render")
        defer { scratch.remove() }
        let workspace = scratch.url.appendingPathComponent("workspace").path
        let executable = ChildProcess.currentExecutable()
        progress("render: building a \(options.renderRows)-row table")
        let build = try ChildProcess.run(executable, ["render-child", "--workspace", workspace, "--rows", "\(options.renderRows)", "--build"])
        guard build.exitCode == 0 else { throw BenchError("building the render table failed (exit \(build.exitCode))") }
        let resultPath = scratch.url.appendingPathComponent("render.json").path
        progress("render: browsing \(options.frames) frames")
        let child = try ChildProcess.run(executable, [
            "render-child", "--workspace", workspace, "--frames", "\(options.frames)",
            "--width", "200", "--height", "60", "--result", resultPath,
        ], stderr: scratch.url.appendingPathComponent("render.err").path)
        guard child.exitCode == 0 else {
            let reason = (try? String(contentsOfFile: scratch.url.appendingPathComponent("render.err").path, encoding: .utf8)) ?? ""
            throw BenchError("browsing failed (exit \(child.exitCode)): \(reason.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let m = try ChildResultFile.read(RenderChildCommand.Measurement.self, from: resultPath)
        guard m.lastRowShown else { throw BenchError("the End key did not show the last row") }
        let setup = "\(m.frameMs.count) frames at 200×60 over \(m.rowCount) rows (key → reducer → whole Browse screen render → diff)"
        return SectionOutcome(figures: [
            Figure("render", "frame_median_ms", Sample.median(m.frameMs), "ms", goal: .atMost(2), note: setup),
            Figure("render", "frame_p99_ms", Sample.percentile(m.frameMs, 99), "ms"),
            Figure("render", "frame_read_median_ms", Sample.median(m.readMs), "ms", note: "of which reading the visible rows from SQLite"),
            Figure("render", "frame_diff_median_ms", Sample.median(m.diffMs), "ms", note: "of which diffing against the previous frame"),
            Figure("render", "jump_to_last_ms", m.firstJumpToLastMs, "ms", goal: .atMost(50),
                   note: "first End after scrolling; median of 10 more Home→End: \(BenchReport.format(Sample.median(m.jumpToLastMs))) ms"),
            Figure("render", "open_ms", m.openMs, "ms", note: "column list and COUNT(*) when the grid opens"),
            Figure("render", "peak_rss_mib", ProcessMemory.mebibytes(m.peakRSSBytes), "MiB", goal: .atMost(150), note: "VmHWM of the browsing child"),
        ])
    }
}
