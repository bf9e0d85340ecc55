import Foundation

/// Errors of the workspace store, each one clear line for the CLI and the UI.
public enum WorkspaceError: UserFacingError, Equatable {
    /// The workspace directory (or `locks/`) is accessible by the group or others.
    case directoryNotPrivate(path: String, mode: UInt32)
    case notADirectory(path: String)
    case cannotCreateDirectory(path: String, reason: String)
    /// `infuse.sqlite` exists but is not an SQLite database (or is corrupt); it is left untouched.
    case notADatabase(path: String, detail: String)
    /// `infuse.sqlite` is an SQLite database that some other program made.
    case foreignDatabase(path: String)
    /// `infuse.sqlite` was migrated by a newer version of Infuse.
    case newerDatabase(path: String)
    /// A database operation failed; `message` is SQLite's (never contains secrets: none are stored).
    case database(message: String)
    case accountExists(name: String)
    case accountNotFound(name: String)
    /// The account is used by data sources, which must be deleted or moved first.
    case accountInUse(name: String, sources: [String])
    case dataSourceExists(name: String)
    case dataSourceNotFound(name: String)
    /// The data source failed validation; every field's message is kept.
    case invalidDataSource([FieldError])
    case runNotFound(id: Int64)
    /// Another process (or task) is refreshing this data source.
    case refreshInProgress(source: String)
    case cannotLock(path: String, reason: String)

    /// One line saying what happened and what to do.
    public var userMessage: String {
        switch self {
        case .directoryNotPrivate(let path, let mode):
            "the workspace directory \(path) is accessible by other users (mode \(String(mode, radix: 8))): run `chmod 700 \(path)`"
        case .notADirectory(let path):
            "the workspace path \(path) exists but is not a directory: move it aside or set INFUSE_HOME"
        case .cannotCreateDirectory(let path, let reason):
            "cannot create the workspace directory \(path) (\(reason)): check the permissions or set INFUSE_HOME"
        case .notADatabase(let path, let detail):
            "\(path) is not an Infuse workspace database (\(detail)): move it aside and run again"
        case .foreignDatabase(let path):
            "\(path) is not an Infuse workspace database (it holds another program's tables): move it aside and run again"
        case .newerDatabase(let path):
            "\(path) was written by a newer version of Infuse: upgrade Infuse to use it"
        case .database(let message):
            "workspace database error: \(message)"
        case .accountExists(let name):
            "an account named \"\(name)\" already exists: choose another name"
        case .accountNotFound(let name):
            "no account named \"\(name)\": see `infuse accounts list`"
        case .accountInUse(let name, let sources):
            "the account \"\(name)\" is used by the data source\(sources.count == 1 ? "" : "s") \(sources.joined(separator: ", ")): delete them or move them to another account first"
        case .dataSourceExists(let name):
            "a data source named \"\(name)\" already exists: choose another name"
        case .dataSourceNotFound(let name):
            "no data source named \"\(name)\": see `infuse sources list`"
        case .invalidDataSource(let errors):
            errors.map(\.message).joined(separator: "; ")
        case .runNotFound(let id):
            "no refresh run with id \(id)"
        case .refreshInProgress(let source):
            "the data source \"\(source)\" is already being refreshed by another Infuse process: wait for it to finish"
        case .cannotLock(let path, let reason):
            "cannot lock \(path): \(reason)"
        }
    }
}
