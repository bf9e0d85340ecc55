import Foundation

/// Turns JSON keys into snake_case, SQL-safe, unique column and table names.
public enum SQLNaming {
    /// snake_case of a key: `ScoreValue` → `score_value`, `lastUpdatedUTC` → `last_updated_utc`,
    /// `first-name` → `first_name`. Letters are folded to ASCII where they have an obvious base
    /// letter; other characters become `_`; runs of `_` collapse; the result may be empty.
    public static func snakeCase(_ key: String) -> String {
        let scalars = Array(key.unicodeScalars)
        var out = ""
        out.reserveCapacity(scalars.count + 4)
        for (i, s) in scalars.enumerated() {
            let isUpper = s.properties.isUppercase
            if isUpper, i > 0 {
                let prev = scalars[i - 1]
                let nextIsLower = i + 1 < scalars.count && scalars[i + 1].properties.isLowercase
                if prev.properties.isLowercase || prev.properties.numericType != nil
                    || (prev.properties.isUppercase && nextIsLower) {
                    out.append("_")
                }
            }
            for folded in String(s).lowercased().unicodeScalars {
                out.unicodeScalars.append(asciiBase(folded) ?? "_")
            }
        }
        var collapsed = ""
        var lastWasUnderscore = false
        for c in out {
            if c == "_" {
                if !lastWasUnderscore { collapsed.append(c) }
                lastWasUnderscore = true
            } else {
                collapsed.append(c)
                lastWasUnderscore = false
            }
        }
        while collapsed.hasPrefix("_") { collapsed.removeFirst() }
        while collapsed.hasSuffix("_") { collapsed.removeLast() }
        return collapsed
    }

    /// A lower-case ASCII letter or digit for `s`, or nil.
    private static func asciiBase(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        if (s >= "a" && s <= "z") || (s >= "0" && s <= "9") { return s }
        // Latin letters with diacritics: the canonical decomposition starts with the base letter.
        if s.value >= 0xC0, s.value < 0x250, let base = String(s).decomposedStringWithCanonicalMapping.unicodeScalars.first,
           base >= "a" && base <= "z" {
            return base
        }
        switch s {
        case "ß": return "s"
        case "æ": return "a"
        case "ø": return "o"
        case "đ": return "d"
        case "ł": return "l"
        default: return nil
        }
    }

    /// A SQL-safe name: snake_case, `field` when empty, `c_` before a leading digit, and `_`
    /// after an SQLite keyword (`order` → `order_`).
    public static func safeName(_ key: String, fallback: String = "field") -> String {
        var name = snakeCase(key)
        if name.isEmpty { name = fallback }
        if let first = name.unicodeScalars.first, first >= "0" && first <= "9" { name = "c_" + name }
        if sqliteKeywords.contains(name) { name += "_" }
        return name
    }

    /// Simple English singular of a snake_case plural: `contacts` → `contact`,
    /// `categories` → `category`, `addresses` → `address`, `boxes` → `box`.
    public static func singular(_ word: String) -> String {
        if word.hasSuffix("ies"), word.count > 3 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("sses") || word.hasSuffix("xes") || word.hasSuffix("ches") || word.hasSuffix("shes")
            || word.hasSuffix("zes") || word.hasSuffix("uses") {
            return String(word.dropLast(2))
        }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.count < 2 { return word }
        if word.hasSuffix("s") { return String(word.dropLast()) }
        return word
    }

    /// SQLite's keywords (lower case), which column names must not equal.
    public static let sqliteKeywords: Set<String> = [
        "abort", "action", "add", "after", "all", "alter", "always", "analyze", "and", "as", "asc", "attach",
        "autoincrement", "before", "begin", "between", "by", "cascade", "case", "cast", "check", "collate",
        "column", "commit", "conflict", "constraint", "create", "cross", "current", "current_date",
        "current_time", "current_timestamp", "database", "default", "deferrable", "deferred", "delete", "desc",
        "detach", "distinct", "do", "drop", "each", "else", "end", "escape", "except", "exclude", "exclusive",
        "exists", "explain", "fail", "filter", "first", "following", "for", "foreign", "from", "full",
        "generated", "glob", "group", "groups", "having", "if", "ignore", "immediate", "in", "index",
        "indexed", "initially", "inner", "insert", "instead", "intersect", "into", "is", "isnull", "join", "key",
        "last", "left", "like", "limit", "match", "materialized", "natural", "no", "not", "nothing", "notnull",
        "null", "nulls", "of", "offset", "on", "or", "order", "others", "outer", "over", "partition", "plan",
        "pragma", "preceding", "primary", "query", "raise", "range", "recursive", "references", "regexp",
        "reindex", "release", "rename", "replace", "restrict", "returning", "right", "rollback", "row", "rows",
        "savepoint", "select", "set", "table", "temp", "temporary", "then", "ties", "to", "transaction",
        "trigger", "unbounded", "union", "unique", "update", "using", "vacuum", "values", "view", "virtual",
        "when", "where", "window", "with", "without", "rowid", "oid", "_rowid_",
    ]
}

/// Hands out unique names: a repeat gets `_2`, `_3`, … (case-insensitively).
struct UniqueNames {
    private var used: Set<String> = []

    /// Reserves and returns `name`, or the first free numbered variant.
    mutating func claim(_ name: String) -> String {
        if used.insert(name.lowercased()).inserted { return name }
        var n = 2
        while true {
            let candidate = "\(name)_\(n)"
            if used.insert(candidate.lowercased()).inserted { return candidate }
            n += 1
        }
    }
}
