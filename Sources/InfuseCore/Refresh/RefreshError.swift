/// Why a preview, refresh or import could not be done, as one line for a person.
public enum RefreshError: UserFacingError, Equatable {
    /// The data source names an endpoint id the catalogue does not have.
    case unknownEndpoint(String)
    /// The data source's custom URL cannot be parsed.
    case invalidURL(String)
    /// Custom fields should be pivoted but the resource has no `/model` endpoint.
    case noModelEndpoint(String)
    /// The design asks for something the data does not allow (a bad retype, a duplicate name, a
    /// join on a missing column).
    case design(String)
    /// A file to import or preview cannot be read.
    case unreadableFile(path: String, reason: String)
    /// A file to import or preview is not valid JSON or not a list response.
    case invalidFile(path: String, reason: String)
    /// Nothing to import: no files were given.
    case noFiles
    /// The refresh was cancelled (e.g. SIGTERM to the daemon); the old tables are kept.
    case cancelled
    /// The data has none of the selected schemas.
    case noSchemas(available: [String])
    /// A database step failed.
    case database(String)
    /// The records kept moving while the listing paged (a record came twice in every read).
    case recordsMoved(String)
    /// The changed records of an incremental run cannot be merged into the tables as they are;
    /// nothing was changed, and the engine reads the source in full instead.
    case mergeNeedsFullRead(String)

    /// One line that says what happened and, where it helps, what to do.
    public var userMessage: String {
        switch self {
        case .unknownEndpoint(let id):
            "the endpoint \(id) is not in the catalogue: see `infuse endpoints`"
        case .invalidURL(let text):
            "the custom URL \(text) is not a valid URL"
        case .noModelEndpoint(let path):
            "custom fields cannot be pivoted: \(path) has no /model endpoint to read their definitions from"
        case .design(let message):
            message
        case .unreadableFile(let path, let reason):
            "cannot read \(path): \(reason)"
        case .invalidFile(let path, let reason):
            "\(path): \(reason)"
        case .recordsMoved(let detail):
            "the records changed while paging: \(detail); nothing was saved, try again"
        case .mergeNeedsFullRead(let reason):
            "an incremental refresh cannot merge: \(reason); nothing was changed, the source is read in full instead"
        case .noFiles:
            "no files to import: name one or more saved Keap responses"
        case .cancelled:
            "the refresh was cancelled; the previous tables are kept"
        case .noSchemas(let available):
            "none of the selected schemas is in the data (it has: \(available.joined(separator: ", ")))"
        case .database(let message):
            "workspace database error: \(message)"
        }
    }
}
