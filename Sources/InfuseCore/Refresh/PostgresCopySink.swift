import Foundation

/// A `RowSink` that writes each table's rows in PostgreSQL's `COPY` text format to its own
/// temporary file beside the workspace (pass 2 of a PostgreSQL refresh), so flattening stays
/// synchronous and memory stays flat; `PostgresTableLoader` then streams the files with `COPY`.
///
/// Values: NULL is `\N`; booleans `1`/`0`; decimals in Swift's shortest form (`inf`/`nan` as
/// `Infinity`/`NaN`); text with `\`, tab, newline and carriage return escaped. A NUL character,
/// which PostgreSQL text cannot hold, refuses the refresh with `PostgresNULError` naming the
/// table, column and row (the old tables stay): it is never dropped silently.
struct PostgresCopySink: RowSink {
    /// One file per table, in the order of the plans.
    let files: [URL]
    /// Rows written per table.
    private(set) var counts: [Int]
    private var handles: [FileHandle]
    private var buffers: [[UInt8]]
    private static let flushSize = 1 << 20
    /// Per table: its schema path and column names, for the NUL message.
    private let labels: [(table: String, columns: [String])]

    /// Creates empty files `<directory>/<slug>.pgcopy.<i>` for `tables` tables; `labels` names
    /// each table and its columns in messages.
    init(directory: URL, slug: String, tables: Int, labels: [(table: String, columns: [String])] = []) throws {
        self.labels = labels
        var files: [URL] = []
        var handles: [FileHandle] = []
        do {
            for index in 0..<tables {
                let url = directory.appendingPathComponent(".\(slug).pgcopy.\(index)")
                guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw RefreshError.database("cannot create \(url.path)")
                }
                files.append(url)
                handles.append(try FileHandle(forWritingTo: url))
            }
        } catch {
            for url in files { try? FileManager.default.removeItem(at: url) }
            throw error as? RefreshError ?? RefreshError.database("cannot write the COPY spool in \(directory.path)")
        }
        self.files = files
        self.handles = handles
        counts = Array(repeating: 0, count: tables)
        buffers = Array(repeating: [], count: tables)
    }

    mutating func appendRow(table: Int, values: UnsafeBufferPointer<FlatValue>) throws {
        var line = buffers[table]
        buffers[table] = []
        for (index, value) in values.enumerated() {
            if index > 0 { line.append(0x09) }
            switch value {
            case .null:
                line.append(contentsOf: [0x5C, 0x4E])
            case .integer(let number):
                line.append(contentsOf: String(number).utf8)
            case .double(let number):
                if number.isNaN {
                    line.append(contentsOf: "NaN".utf8)
                } else if number.isInfinite {
                    line.append(contentsOf: (number < 0 ? "-Infinity" : "Infinity").utf8)
                } else {
                    line.append(contentsOf: "\(number)".utf8)
                }
            case .text(let bytes):
                for byte in bytes {
                    switch byte {
                    case 0x5C: line.append(contentsOf: [0x5C, 0x5C])
                    case 0x09: line.append(contentsOf: [0x5C, 0x74])
                    case 0x0A: line.append(contentsOf: [0x5C, 0x6E])
                    case 0x0D: line.append(contentsOf: [0x5C, 0x72])
                    case 0x00:
                        let label = table < labels.count ? labels[table] : (table: "table \(table + 1)", columns: [])
                        throw PostgresNULError(
                            table: label.table, column: index < label.columns.count ? label.columns[index] : "column \(index + 1)",
                            row: counts[table] + 1)
                    default: line.append(byte)
                    }
                }
            }
        }
        line.append(0x0A)
        counts[table] += 1
        if line.count >= Self.flushSize {
            try write(line, table: table)
            line.removeAll(keepingCapacity: true)
        }
        buffers[table] = line
    }

    /// Writes what is buffered and closes the files.
    mutating func finish() throws {
        for table in buffers.indices {
            try write(buffers[table], table: table)
            buffers[table] = []
            try? handles[table].close()
        }
    }

    /// Removes the files (after the load, or a failure).
    func remove() {
        for handle in handles { try? handle.close() }
        for url in files { try? FileManager.default.removeItem(at: url) }
    }

    private func write(_ bytes: [UInt8], table: Int) throws {
        guard !bytes.isEmpty else { return }
        do {
            try handles[table].write(contentsOf: bytes)
        } catch {
            throw RefreshError.database("cannot write the COPY spool \(files[table].path): \(error.localizedDescription)")
        }
    }
}

/// A text value holds U+0000, which a PostgreSQL `text` column cannot store.
public struct PostgresNULError: UserFacingError, Equatable {
    /// The schema path of the table (`contacts`).
    public let table: String
    /// The column holding the NUL.
    public let column: String
    /// The row of that table (1-based, in API order).
    public let row: Int

    /// One line for a person.
    public var userMessage: String {
        "PostgreSQL text cannot hold the NUL character (U+0000) in \(table).\(column), row \(row): nothing was loaded and the old tables are kept (a SQLite destination keeps such text)"
    }
}
