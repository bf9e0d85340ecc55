import Foundation

/// Names of the SQLite tables and the view a data source's refresh produces.
///
/// - The source's slug is the snake_case ASCII form of its name ("Contacts report" →
///   `contacts_report`): letters are transliterated to Latin and stripped of accents, everything
///   that is not a letter or digit becomes one `_`, so the slug never contains `__`.
/// - Each selected schema becomes `<slug>__<schema path with __>`
///   (`contacts.email_addresses` → `contacts_report__contacts__email_addresses`).
/// - The view joining the design's tables is named `<slug>`.
///
/// Every name is a valid unquoted SQL identifier (ASCII letters, digits and `_`, not starting with
/// a digit) and never collides with the workspace's own tables or SQLite's `sqlite_` names.
public enum TableNaming {
    /// The separator between the slug and the schema path, and between path segments.
    public static let separator = "__"

    /// Names the workspace uses itself; a slug equal to one of them gets `_source` appended.
    public static let reservedNames: Set<String> = [
        "accounts", "data_sources", "refresh_runs", "grdb_migrations",
    ]

    /// The slug of a data source name.
    public static func slug(for name: String) -> String {
        var slug = snakeCase(name)
        if slug.isEmpty { slug = "source_\(stableHash(name))" }
        // PostgreSQL reserves schema names starting with pg_ (a destination's schema is the slug).
        if slug.first?.isNumber == true || slug.hasPrefix("pg_") { slug = "s_" + slug }
        if slug.hasPrefix("sqlite") || reservedNames.contains(slug) { slug += "_source" }
        return slug
    }

    /// The table of one schema of the source named `sourceName`.
    public static func tableName(source sourceName: String, schemaPath: String) -> String {
        slug(for: sourceName) + separator + schemaPart(schemaPath)
    }

    /// The view of the source named `sourceName`: its slug.
    public static func viewName(source sourceName: String) -> String {
        slug(for: sourceName)
    }

    /// Whether `table` belongs to the source whose slug is `slug` (starts with `<slug>__`).
    public static func table(_ table: String, belongsToSlug slug: String) -> Bool {
        table.hasPrefix(slug + separator)
    }

    /// A schema path as a table-name part: each dot-separated segment in snake_case, joined by `__`.
    public static func schemaPart(_ schemaPath: String) -> String {
        let segments = schemaPath.split(separator: ".", omittingEmptySubsequences: true).map { segment in
            let part = snakeCase(String(segment))
            return part.isEmpty ? "x\(stableHash(String(segment)))" : part
        }
        return segments.isEmpty ? "root" : segments.joined(separator: separator)
    }

    /// Lowercase ASCII letters and digits with single `_` between words; empty if none are left.
    static func snakeCase(_ text: String) -> String {
        let latin = text.applyingTransform(.toLatin, reverse: false) ?? text
        let plain = latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin
        var result = ""
        var pendingUnderscore = false
        var previousWasLower = false
        for scalar in plain.unicodeScalars {
            let isUpper = scalar.value >= 65 && scalar.value <= 90
            let isLower = scalar.value >= 97 && scalar.value <= 122
            let isDigit = scalar.value >= 48 && scalar.value <= 57
            guard isUpper || isLower || isDigit else {
                pendingUnderscore = !result.isEmpty
                previousWasLower = false
                continue
            }
            // camelCase → camel_case
            if isUpper && previousWasLower { pendingUnderscore = true }
            if pendingUnderscore { result += "_" }
            pendingUnderscore = false
            result.unicodeScalars.append(isUpper ? Unicode.Scalar(scalar.value + 32)! : scalar)
            previousWasLower = isLower || isDigit
        }
        return result
    }

    /// A short, stable (FNV-1a, 32-bit) hex hash, for names with no Latin letters or digits left.
    static func stableHash(_ text: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
