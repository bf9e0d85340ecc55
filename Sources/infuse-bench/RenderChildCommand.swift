import ArgumentParser
import Foundation
import InfuseApp
import InfuseCore
import InfuseTUI

/// Hidden `render-child`: builds the render table (`--build`), or browses it on the designer's
/// Browse screen (the app's grid source, reducer and renderer) and writes per-frame times to `--result`. Run as a child process so its
/// peak RSS is the browsing alone.
struct RenderChildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render-child", shouldDisplay: false)

    @Option var workspace: String
    @Option var rows = 1_000_000
    @Flag var build = false
    @Option var frames = 500
    @Option var width = 200
    @Option var height = 60
    @Option var result: String?

    /// What the browsing child measured.
    struct Measurement: Codable {
        var openMs: Double
        var frameMs: [Double]
        var firstJumpToLastMs: Double
        var jumpToLastMs: [Double]
        var lastRowShown: Bool
        var rowCount: Int
        /// Per scrolling frame: the part spent reading rows from SQLite, and diffing the buffers.
        var readMs: [Double]
        var diffMs: [Double]
        /// This process's peak RSS (VmHWM) after browsing, in bytes.
        var peakRSSBytes: Int
    }

    func run() throws {
        let workspace = try Workspace.open(WorkspacePaths(directory: URL(fileURLWithPath: workspace)))
        if build {
            try RenderTable.build(in: workspace, rows: rows)
            return
        }
        let opened = ContinuousClock.now
        let table = BrowseTable(label: "contacts", relation: RenderTable.name, isView: false)
        let source = try SQLiteGridSource(reader: workspace.dbPool, table: table)
        let openMs = (ContinuousClock.now - opened).milliseconds
        let browser = BrowseScreenDriver(source: source, width: width, height: height)
        var measurement = Measurement(openMs: openMs, frameMs: [], firstJumpToLastMs: 0, jumpToLastMs: [],
                                      lastRowShown: false, rowCount: source.rowCount, readMs: [], diffMs: [], peakRSSBytes: 0)
        _ = browser.frame(.home)
        for index in 0..<frames {
            measurement.frameMs.append(browser.frame(BrowseScreenDriver.scrollKey(index)))
            measurement.readMs.append(browser.lastReadMs)
            measurement.diffMs.append(browser.lastDiffMs)
        }
        measurement.firstJumpToLastMs = browser.frame(.end)
        measurement.lastRowShown = browser.showsRow(source.rowCount)
        for _ in 0..<10 {
            _ = browser.frame(.home)
            measurement.jumpToLastMs.append(browser.frame(.end))
        }
        if let error = source.lastError { throw BenchError("reading the grid's rows failed: \(error)") }
        measurement.peakRSSBytes = ProcessMemory.peakRSSBytes()
        guard let result else { return }
        try ChildResultFile.write(measurement, to: result)
    }
}

/// Drives the designer's Browse screen like a user, through the app's own reducer, renderer and
/// grid source (``SQLiteGridSource``): one key, then one frame (the whole screen rendered into a
/// cell buffer and diffed against the previous frame, as the terminal backend does).
final class BrowseScreenDriver {
    private var state: AppState
    private var buffer: CellBuffer
    private var previous: CellBuffer
    private let source: SQLiteGridSource
    private(set) var changedCells = 0
    /// The last frame's time in ``SQLiteGridSource/rows(in:)`` and in the buffer diff, in ms.
    private(set) var lastReadMs = 0.0
    private(set) var lastDiffMs = 0.0

    init(source: SQLiteGridSource, width: Int, height: Int) {
        self.source = source
        state = AppState(context: DesignerContext(workspaceLabel: "bench"))
        var browse = BrowseState(source: "Bench")
        browse.tables = [source.table]
        browse.data = BrowseGrid(source)
        state.push(.browse(browse))
        state.screenSize = TerminalSize(width: width, height: height)
        buffer = CellBuffer(width: width, height: height)
        previous = buffer
    }

    /// Handles `key` and draws a frame; returns its time in milliseconds.
    func frame(_ key: Key) -> Double {
        let started = ContinuousClock.now
        _ = AppReducer.reduce(&state, .key(key))
        let reads = source.readTime
        AppRenderer.render(state, into: &buffer, theme: .standard)
        lastReadMs = (source.readTime - reads).milliseconds
        let diffStarted = ContinuousClock.now
        changedCells += buffer.diff(from: previous).count
        previous = buffer
        let finished = ContinuousClock.now
        lastDiffMs = (finished - diffStarted).milliseconds
        return (finished - started).milliseconds
    }

    /// Whether the last frame's position line shows row `row` (1-based) as selected.
    func showsRow(_ row: Int) -> Bool {
        buffer.lines().contains { $0.contains("row \(NumberText.grouped(row))/") }
    }

    /// The scrolling script: mostly single rows down, some pages, some back, some sideways.
    static func scrollKey(_ index: Int) -> Key {
        switch index % 20 {
        case 0..<11: .down
        case 11..<15: .pageDown
        case 15, 16: .up
        case 17: .pageUp
        case 18: index % 40 == 18 ? .right : .left
        default: .down
        }
    }
}
