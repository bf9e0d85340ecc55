import Foundation

/// Checks every field of a data source and says what is wrong with each, in messages that name
/// the field ("Max Rows must be a whole number from 1 to 1,000,000").
public enum DataSourceValidator {
    /// The longest name, in characters.
    public static let maxNameLength = 64
    /// The longest description, in characters.
    public static let maxDescriptionLength = 500
    /// The allowed range of Max Rows.
    public static let maxRowsRange = 1...1_000_000

    /// All the problems of `source`, in form order; empty when it can be saved.
    ///
    /// - Parameters:
    ///   - source: the data source to check.
    ///   - existingNames: the names of the other saved data sources (exclude the source's own name
    ///     when editing). A name whose slug equals another's counts as used, since the two would
    ///     share tables.
    ///   - existingAccounts: the account names; when given, the account must be one of them.
    ///   - endpointPathParameters: per catalogue endpoint id, its path parameter names; when
    ///     given, the endpoint must be one of them and every path parameter must have a value.
    public static func validate(
        _ source: DataSource,
        existingNames: [String],
        existingAccounts: [String]? = nil,
        endpointPathParameters: [String: [String]]? = nil
    ) -> [FieldError] {
        var errors: [FieldError] = []
        errors += nameErrors(source.name, existingNames: existingNames)
        if source.description.count > maxDescriptionLength {
            errors.append(FieldError(field: .description, message: "Description must be at most 500 characters"))
        }
        errors += accountErrors(source.accountName, existingAccounts: existingAccounts)
        switch source.target {
        case .endpoint(let id, let pathParameters, let query):
            errors += endpointErrors(id: id, pathParameters: pathParameters, query: query, catalogue: endpointPathParameters)
        case .customURL(let url):
            errors += customURLErrors(url)
        }
        if source.method.trimmingCharacters(in: .whitespaces).uppercased() != "GET" {
            errors.append(FieldError(field: .method, message: "Method must be GET: Infuse only reads data"))
        }
        if let maxRows = source.maxRows, !maxRowsRange.contains(maxRows) {
            errors.append(maxRowsError)
        }
        errors += schemaErrors(source.selectedSchemas)
        errors += syncErrors(source)
        return errors
    }

    /// Incremental sync needs an endpoint with a change filter (see `ChangeCursor`); the
    /// reconcile interval is at least a minute.
    static func syncErrors(_ source: DataSource) -> [FieldError] {
        var errors: [FieldError] = []
        if source.sync == .incremental, ChangeCursor.forTarget(source.target) == nil {
            errors.append(FieldError(
                field: .sync,
                message: "Sync: incremental needs an endpoint with a change filter (\(ChangeCursor.endpointList)) and none of its filter parameters set; use full"))
        }
        if source.reconcileInterval < 60 {
            errors.append(FieldError(field: .sync, message: "Sync: the reconcile interval must be at least 60 seconds"))
        }
        return errors
    }

    /// Parses the Sync field: `incremental` or `full` (case-insensitive).
    /// - Throws: `FieldError` for the `sync` field.
    public static func parseSync(_ text: String) throws(FieldError) -> SyncMode {
        guard let mode = SyncMode(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw FieldError(field: .sync, message: "Sync must be incremental or full")
        }
        return mode
    }

    /// Parses the Max Rows field: empty means no limit (nil); otherwise a whole number from 1 to
    /// 1,000,000, with optional `,` or `_` thousands separators.
    /// - Throws: `FieldError` for the `maxRows` field.
    public static func parseMaxRows(_ text: String) throws(FieldError) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        let digits = trimmed.filter { $0 != "," && $0 != "_" }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = Int(digits), maxRowsRange.contains(value)
        else { throw maxRowsError }
        return value
    }

    /// Parses the Refresh Interval field (`never`, `15m`, …, `1w`; see `RefreshInterval(parsing:)`).
    /// - Throws: `FieldError` for the `refreshInterval` field, listing the accepted words.
    public static func parseRefreshInterval(_ text: String) throws(FieldError) -> RefreshInterval {
        guard let interval = RefreshInterval(parsing: text) else {
            throw FieldError(
                field: .refreshInterval,
                message: "Refresh Interval must be one of \(RefreshInterval.wordList)")
        }
        return interval
    }

    /// Whether `scalar` is a control, zero-width or bidirectional-override character, which a name
    /// must not contain (they hide or reorder what a person sees).
    public static func isHiddenOrControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true          // C0, DEL, C1
        case 0x200B...0x200F, 0x2060, 0xFEFF: true   // zero-width, LRM/RLM, word joiner, BOM
        case 0x202A...0x202E, 0x2066...0x2069: true  // bidi embeddings, overrides, isolates
        case 0x061C: true                            // Arabic letter mark
        default: false
        }
    }

    private static let maxRowsError = FieldError(
        field: .maxRows, message: "Max Rows must be a whole number from 1 to 1,000,000")

    private static func nameErrors(_ name: String, existingNames: [String]) -> [FieldError] {
        if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return [FieldError(field: .name, message: "Name is required")]
        }
        var errors: [FieldError] = []
        if name.count > maxNameLength {
            errors.append(FieldError(field: .name, message: "Name must be at most 64 characters"))
        }
        if name.unicodeScalars.contains(where: isHiddenOrControl) {
            errors.append(FieldError(field: .name, message: "Name contains control or invisible characters"))
        }
        let slug = TableNaming.slug(for: name)
        if existingNames.contains(where: { $0 == name || TableNaming.slug(for: $0) == slug }) {
            errors.append(FieldError(field: .name, message: "Name is already used by another data source"))
        }
        return errors
    }

    private static func accountErrors(_ account: String, existingAccounts: [String]?) -> [FieldError] {
        if account.trimmingCharacters(in: .whitespaces).isEmpty {
            return [FieldError(field: .account, message: "Account is required")]
        }
        if let existingAccounts, !existingAccounts.contains(account) {
            return [FieldError(field: .account, message: "Account \"\(account)\" does not exist: add it with `infuse accounts add`")]
        }
        return []
    }

    private static func endpointErrors(
        id: String, pathParameters: [String: String], query: [String: String], catalogue: [String: [String]]?
    ) -> [FieldError] {
        if id.trimmingCharacters(in: .whitespaces).isEmpty {
            return [FieldError(field: .endpoint, message: "Endpoint is required")]
        }
        var errors: [FieldError] = []
        if let catalogue {
            guard let required = catalogue[id] else {
                return [FieldError(field: .endpoint, message: "Endpoint \"\(id)\" is not in the catalogue: see `infuse endpoints`")]
            }
            for parameter in required where (pathParameters[parameter] ?? "").isEmpty {
                errors.append(FieldError(field: .endpoint, message: "Endpoint \(id) needs a value for \(parameter)"))
            }
            for parameter in pathParameters.keys.sorted() where !required.contains(parameter) {
                errors.append(FieldError(field: .endpoint, message: "Endpoint \(id) has no path parameter \(parameter)"))
            }
        }
        for (parameter, value) in pathParameters.sorted(by: { $0.key < $1.key }) {
            if value.contains(where: { "/?#%".contains($0) }) || value == "." || value == ".."
                || value.unicodeScalars.contains(where: isHiddenOrControl) {
                errors.append(FieldError(field: .endpoint, message: "Endpoint parameter \(parameter) must not contain /, ?, #, % or control characters"))
            }
        }
        for key in query.keys.sorted() where key.isEmpty || key.unicodeScalars.contains(where: isHiddenOrControl) {
            errors.append(FieldError(field: .endpoint, message: "Endpoint query parameter names must be non-empty and printable"))
        }
        return errors
    }

    private static func customURLErrors(_ text: String) -> [FieldError] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            return [FieldError(field: .customURL, message: "Custom Url is required")]
        }
        guard !trimmed.contains(where: { $0.isWhitespace }),
              !trimmed.unicodeScalars.contains(where: isHiddenOrControl),
              let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else {
            return [FieldError(field: .customURL, message: "Custom Url is not a valid URL")]
        }
        let localHosts: Set<String> = ["localhost", "127.0.0.1", "::1", "[::1]"]
        if scheme == "https" || (scheme == "http" && localHosts.contains(host.lowercased())) {
            return []
        }
        return [FieldError(field: .customURL, message: "Custom Url must start with https:// (or http:// for a local sandbox)")]
    }

    private static func schemaErrors(_ paths: [String]) -> [FieldError] {
        var errors: [FieldError] = []
        var seen: Set<String> = []
        var tableParts: [String: String] = [:]
        for path in paths {
            let segments = path.split(separator: ".", omittingEmptySubsequences: false)
            if path.isEmpty || segments.contains(where: \.isEmpty)
                || path.unicodeScalars.contains(where: isHiddenOrControl) {
                errors.append(FieldError(field: .schemas, message: "Schemas has an invalid path \"\(path.debugDescription.dropFirst().dropLast())\""))
            } else if !seen.insert(path).inserted {
                errors.append(FieldError(field: .schemas, message: "Schemas lists \(path) twice"))
            } else {
                let part = TableNaming.schemaPart(path)
                if let other = tableParts[part] {
                    errors.append(FieldError(field: .schemas, message: "Schemas \(other) and \(path) would share the table \(part)"))
                }
                tableParts[part] = path
            }
        }
        return errors
    }
}

extension DataSourceValidator {
    /// The problem with a data source's destination, or nil when it is empty (the workspace's
    /// SQLite) or a usable PostgreSQL URL without a password. The message starts with
    /// "Destination".
    public static func destinationError(_ destination: String?) -> DestinationError? {
        guard let destination, !destination.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        do {
            _ = try PostgresURL(parsing: destination)
            return nil
        } catch {
            return error
        }
    }
}
