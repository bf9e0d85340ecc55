import Foundation

/// What a preview found: the schema tree (with preview rows) and how much was read.
public struct PreviewResult: Sendable {
    /// The inferred schemas, each with its row count, columns and first rows.
    public let tree: SchemaTree
    /// Records read (the list's elements, over all pages).
    public let rowsFetched: Int
    /// Pages read (1 for a file).
    public let pagesFetched: Int

    /// Creates a result.
    public init(tree: SchemaTree, rowsFetched: Int, pagesFetched: Int) {
        self.tree = tree
        self.rowsFetched = rowsFetched
        self.pagesFetched = pagesFetched
    }
}

/// The designer's "Preview & Connect": fetch a sample and infer its schema tree.
public enum Preview {
    /// Rows a preview fetches when no Max Rows is given.
    public static let defaultMaxRows = 1000

    /// Fetches up to maxRows (default 1000 for previews), infers the schema tree (keeping preview
    /// rows). Pivots custom fields when asked, loading the definitions from the resource's /model
    /// endpoint.
    ///
    /// - Throws: `KeapAPIError`, `CredentialError`, `RefreshError.noModelEndpoint`, or the
    ///   inferrer's `JSONReadError`/`SchemaError` for a malformed answer.
    public static func run(
        target: FetchTarget, account: Account, accounts: AccountManager, maxRows: Int?, pivotCustomFields: Bool,
        progress: (@Sendable (FetchProgress) -> Void)?
    ) async throws -> PreviewResult {
        let client = KeapClient(apiBase: account.apiBase, credentials: try accounts.credentials(for: account))
        var options = SchemaInferenceOptions(recordsName: target.listKey(apiBase: account.apiBase) ?? "records")
        if pivotCustomFields {
            options.customFields = CustomFieldPivot(definitions: try await CustomFieldModelLoader.definitions(for: target, client: client))
        }
        let inferrer = SchemaInferrer(options: options)
        var rows = 0
        var pages = 0
        for try await page in client.pages(target, maxRows: maxRows ?? defaultMaxRows, progress: progress) {
            try inferrer.add(page: page.body)
            rows += page.records.count
            pages += 1
        }
        return PreviewResult(tree: try inferrer.tree(), rowsFetched: rows, pagesFetched: pages)
    }

    /// Infers the schema tree of a saved response (a Keap list page or a bare array of records).
    /// - Throws: `RefreshError.unreadableFile`, or `.invalidFile` with the reader's message.
    public static func file(_ url: URL, options: SchemaInferenceOptions) throws -> PreviewResult {
        let bytes = try SavedResponse.read(url)
        let inferrer = SchemaInferrer(options: options)
        let records: Int
        do {
            records = try JSONPageScan.scan(bytes, maxDepth: options.maxDepth).records.count
            try inferrer.add(page: bytes)
            return PreviewResult(tree: try inferrer.tree(), rowsFetched: records, pagesFetched: 1)
        } catch {
            throw RefreshError.invalidFile(path: url.path, reason: userMessage(for: error))
        }
    }
}

/// Reading saved Keap responses from disk.
enum SavedResponse {
    /// The file's bytes. - Throws: `RefreshError.unreadableFile`.
    static func read(_ url: URL) throws -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: url, options: .mappedIfSafe))
        } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "permission denied or not a regular file" : "no such file"
            throw RefreshError.unreadableFile(path: url.path, reason: reason)
        }
    }
}
