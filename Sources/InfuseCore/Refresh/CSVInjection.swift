/// CSV formula injection ("CSV injection", OWASP): a cell that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return is run as a formula by spreadsheets, and CRM text comes from web
/// forms anyone can fill.
public enum CSVInjection {
    /// The characters that make a spreadsheet read a cell as a formula.
    public static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// True when a spreadsheet would treat `cell` as a formula.
    public static func looksLikeFormula(_ cell: String) -> Bool {
        guard let first = cell.unicodeScalars.first else { return false }
        return formulaStarts.contains(Character(first))
    }

    /// The cell as OWASP advises: a leading `'`, inner quotes doubled, the whole quoted.
    public static func neutralised(_ cell: String) -> String {
        "\"'" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
