import Foundation
import Testing
import InfuseTUI

/// Compares `lines` with the golden file `__Snapshots__/<name>.txt` next to this file.
/// Trailing spaces are trimmed per line. `RECORD_SNAPSHOTS=1` rewrites the file; a missing file
/// is written and reported as a failure so it gets reviewed; a mismatch reports a line diff.
func assertSnapshot(_ lines: [String], named name: String, filePath: String = #filePath,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent(name + ".txt")
    let actual = lines.map(trimmingTrailingSpaces).joined(separator: "\n") + "\n"
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    let existing = try? String(contentsOf: file, encoding: .utf8)
    if record || existing == nil {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do { try actual.write(to: file, atomically: true, encoding: .utf8) } catch {
            Issue.record("could not write snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        if existing == nil && !record {
            Issue.record("snapshot \(name) was missing; recorded it at \(file.path). Review it and re-run.", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = existing, expected != actual else { return }
    let diff = lineDiff(expected: expected, actual: actual)
    Issue.record("snapshot \(name) differs (RECORD_SNAPSHOTS=1 rewrites it):\n\(diff)",
                 sourceLocation: sourceLocation)
}

/// Asserts the snapshot of a buffer's lines.
func assertSnapshot(_ buffer: CellBuffer, named name: String, filePath: String = #filePath,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    assertSnapshot(buffer.lines(), named: name, filePath: filePath, sourceLocation: sourceLocation)
}

/// A simple line diff: `-` expected, `+` actual, for every differing line number.
func lineDiff(expected: String, actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    for i in 0..<max(e.count, a.count) {
        let el = i < e.count ? String(e[i]) : nil
        let al = i < a.count ? String(a[i]) : nil
        if el != al {
            if let el { out.append(String(format: "%3d - ", i + 1) + el) }
            if let al { out.append(String(format: "%3d + ", i + 1) + al) }
        }
    }
    return out.joined(separator: "\n")
}

/// `line` without trailing spaces.
func trimmingTrailingSpaces(_ line: String) -> String {
    var s = Substring(line)
    while s.last == " " { s = s.dropLast() }
    return String(s)
}
