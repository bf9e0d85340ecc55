extension CellBuffer {
    /// The text of each row, exactly `width` columns wide (continuation cells add nothing).
    public func lines() -> [String] {
        (0..<height).map { yy in
            var s = ""
            for xx in 0..<width { s += cells[yy * width + xx].text }
            return s
        }
    }

    /// The rows joined by newlines, for quick `contains` checks.
    public var text: String { lines().joined(separator: "\n") }

    /// Each row's text followed, when the row has styled cells, by a legend line listing the runs
    /// of non-plain style: `  ~ 2-9 fg=cyan bold | 12-20 reverse` (columns are inclusive).
    public func styledDump() -> String {
        var out: [String] = []
        let rows = lines()
        for yy in 0..<height {
            out.append(rows[yy])
            var runs: [String] = []
            var xx = 0
            while xx < width {
                let style = cells[yy * width + xx].style
                var end = xx
                while end + 1 < width, cells[yy * width + end + 1].style == style { end += 1 }
                if style != .plain { runs.append("\(xx)-\(end) \(style.summary)") }
                xx = end + 1
            }
            if !runs.isEmpty { out.append("  ~ " + runs.joined(separator: " | ")) }
        }
        return out.joined(separator: "\n")
    }
}
