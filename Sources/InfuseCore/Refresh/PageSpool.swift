import Foundation

/// Page bodies written to a temporary file in the workspace while they are fetched, and read
/// back one at a time for flattening, so memory does not grow with the number of rows.
///
/// Each page is stored as an 8-byte little-endian length and the bytes. The file is
/// `spool-<slug>-<pid>-<random>.tmp` in the workspace directory; `remove()` deletes it, and a
/// refresh of the same source deletes leftovers of killed processes.
final class PageSpool {
    let url: URL
    private let handle: FileHandle
    private(set) var pageCount = 0

    /// Creates an empty spool for the source with slug `slug` in `directory`.
    init(directory: URL, slug: String) throws {
        url = directory.appendingPathComponent("\(Self.prefix(slug))\(getpid())-\(UUID().uuidString.prefix(8)).tmp")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forUpdatingAtPath: url.path)
        else {
            throw RefreshError.database("cannot create the temporary file \(url.path)")
        }
        self.handle = handle
    }

    /// The file-name prefix of every spool of the source with slug `slug`.
    static func prefix(_ slug: String) -> String { "spool-\(slug)-" }

    /// Deletes spool files of `slug` left by killed processes (call while holding the source's lock).
    static func removeLeftovers(directory: URL, slug: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(prefix(slug)) && name.hasSuffix(".tmp") {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// Appends one page.
    func append(_ page: [UInt8]) throws {
        var length = UInt64(page.count).littleEndian
        var data = Data(bytes: &length, count: 8)
        data.append(contentsOf: page)
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw RefreshError.database("cannot write the temporary file \(url.path) (is the disk full?)")
        }
        pageCount += 1
    }

    /// Calls `body` with each page in order.
    func forEachPage(_ body: ([UInt8]) throws -> Void) throws {
        try handle.seek(toOffset: 0)
        for _ in 0..<pageCount {
            guard let header = try handle.read(upToCount: 8), header.count == 8 else {
                throw RefreshError.database("the temporary file \(url.path) was truncated")
            }
            let length = header.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
            let body0 = length == 0 ? Data() : (try handle.read(upToCount: Int(length)) ?? Data())
            guard body0.count == Int(length) else {
                throw RefreshError.database("the temporary file \(url.path) was truncated")
            }
            try body([UInt8](body0))
        }
    }

    /// Closes and deletes the file.
    func remove() {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }
}
