import Foundation

/// Everything one benchmark run measured, printed as a table or as JSON.
struct BenchReport: Encodable, Sendable {
    /// When the run started (ISO 8601).
    var date: String
    /// `uname -srm`, cores and the 1-minute load average when the run started.
    var machine: String
    /// Load averages (1, 5, 15 min) at the start and end of the run.
    var loadAtStart: [Double]
    var loadAtEnd: [Double] = []
    /// The contact count of the import section.
    var contacts: Int
    var figures: [Figure] = []
    var skipped: [SkippedSection] = []

    /// The figures as an aligned text table: figure, value, goal, pass/fail.
    func table() -> String {
        var lines: [[String]] = [["figure", "value", "goal", "result"]]
        for figure in figures {
            let goal = figure.goal.map { "\($0.direction.rawValue) \(Self.format($0.bound)) \(figure.unit)" } ?? ""
            let result = figure.passed.map { $0 ? "pass" : "FAIL" } ?? ""
            lines.append(["\(figure.section).\(figure.name)", "\(Self.format(figure.value)) \(figure.unit)", goal, result])
        }
        let widths = (0..<4).map { column in lines.map { $0[column].count }.max() ?? 0 }
        var text = "Infuse benchmark — \(date) — \(machine)\n"
        text += "load average at start \(loadAtStart.map { Self.format($0) }.joined(separator: " ")), "
        text += "at end \(loadAtEnd.map { Self.format($0) }.joined(separator: " "))\n\n"
        for (index, line) in lines.enumerated() {
            let cells = line.enumerated().map { column, cell in
                column == 1 ? String(repeating: " ", count: widths[column] - cell.count) + cell
                    : cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            text += cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
            if index == 0 { text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        let notes = figures.compactMap { f in f.note.map { "  \(f.section).\(f.name): \($0)" } }
        if !notes.isEmpty { text += "\nnotes:\n" + notes.joined(separator: "\n") + "\n" }
        for skip in skipped { text += "\nskipped \(skip.section): \(skip.reason)\n" }
        return text
    }

    /// The report as pretty-printed JSON.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A number with at most three significant decimals, without trailing zeros.
    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 1 : (magnitude >= 1 ? 2 : 3)
        return String(format: "%.\(decimals)f", value)
    }
}

/// Facts about the machine for the report header.
enum MachineInfo {
    /// `Linux 6.1.0 x86_64, 2 cores`.
    static func summary() -> String {
        var name = utsname()
        uname(&name)
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return "\(text(name.sysname)) \(text(name.release)) \(text(name.machine)), \(ProcessInfo.processInfo.activeProcessorCount) cores"
    }

    /// The 1, 5 and 15 minute load averages.
    static func loadAverage() -> [Double] {
        var loads = [Double](repeating: 0, count: 3)
        let count = getloadavg(&loads, 3)
        return count == 3 ? loads : []
    }
}
