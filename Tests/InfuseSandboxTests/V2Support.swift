import Foundation
import InfuseSandbox
import Testing

/// Helpers for the v2 tests: paging a list to its end and reading the test-only export.
extension SandboxHarness {
    /// One v2 list followed through `next_page_token` to the end: every page's body and every
    /// record, in order.
    struct V2Walk {
        var pages: [[String: Any]] = []
        var records: [[String: Any]] = []
        var ids: [String] { records.compactMap { $0["id"] as? String } }
    }

    /// Follows `next_page_token` from `path` (which may carry a query) until it is empty, for at
    /// most `maxPages` pages.
    func walkV2(_ path: String, key: String, maxPages: Int = 10_000) async throws -> V2Walk {
        var walk = V2Walk()
        var token: String?
        let separator = path.contains("?") ? "&" : "?"
        repeat {
            let url = token.map { "\(path)\(separator)page_token=\(Self.escape($0))" } ?? path
            let result = try await api(url)
            #expect(result.status == 200, "\(url): \(result.text)")
            let page = try result.object()
            walk.pages.append(page)
            walk.records += try #require(page[key] as? [[String: Any]], "\(url) has no \(key)")
            token = page["next_page_token"] as? String
            if walk.pages.count >= maxPages { break }
        } while !(token ?? "").isEmpty
        return walk
    }

    /// `GET /_sandbox/export?resource=…`: the world's records in the v1 list shape.
    func export(_ resource: String, optional: String? = nil) async throws -> [[String: Any]] {
        var path = "/_sandbox/export?resource=\(resource)"
        if let optional { path += "&optional_properties=\(optional)" }
        let result = try await get(path)
        #expect(result.status == 200, "\(path): \(result.text)")
        let object = try result.object()
        let records = try #require(object[resource] as? [[String: Any]])
        #expect(object["count"] as? Int == records.count)
        return records
    }

    /// `POST /_sandbox/changes`.
    func change(_ resource: String = "contacts", update: Int = 0, create: Int = 0,
                delete: Int = 0) async throws -> (updated: [Int], created: [Int], deleted: [Int]) {
        let result = try await post("/_sandbox/changes", form: [
            ("resource", resource), ("update", String(update)), ("create", String(create)), ("delete", String(delete)),
        ])
        #expect(result.status == 200, "\(result.text)")
        let object = try result.object()
        return (object["updated"] as? [Int] ?? [], object["created"] as? [Int] ?? [], object["deleted"] as? [Int] ?? [])
    }
}

/// The `id` of a v1 record as a v2 id string.
func v2ID(_ record: [String: Any]) -> String {
    (record["id"] as? Int).map(String.init) ?? ""
}

/// A v2 error body: `{code, message, status, details}` (swagger.yml `Error`).
func v2Error(_ result: HTTPResult) throws -> (code: Int?, status: String?, message: String?) {
    let object = try result.object()
    #expect(object["details"] is [Any], "no details array in \(result.text)")
    return (object["code"] as? Int, object["status"] as? String, object["message"] as? String)
}
