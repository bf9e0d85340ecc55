import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Transport-level misbehaviour on top of `failRate`: well-formed pages shorter than asked, HTML
/// error pages from a "proxy" (502/503), and bodies that trickle at one byte a second. Each is
/// decided per API request, deterministically from the seed and a request counter.
extension SandboxCore {
    enum TransportFault: Equatable {
        /// A list answered with fewer records than `limit` asks, `count` and links intact.
        case shortPage
        /// A 502 or 503 with an HTML body, as a load balancer sends when the API behind it is down.
        case htmlError(Int)
        /// The body sent at ``trickleBytesPerSecond`` byte(s) a second.
        case trickle
        /// A list page answered as if `delta` records had been created (positive) or deleted
        /// (negative) before its offset since the previous page: the offset shifts and `count`
        /// moves, as a living account does while a client pages through it.
        case churn(Int)
    }

    /// The bytes a trickling body sends per second.
    static let trickleBytesPerSecond = 1

    /// Draws this request's transport fault, if any; list requests only can be shortened.
    func nextTransportFault(path: String, query: String) -> TransportFault? {
        let rates = (short: configuration.shortPageRate, html: configuration.htmlErrorRate, trickle: configuration.trickleRate,
                     churn: configuration.pagingChurnRate)
        guard rates.short > 0 || rates.html > 0 || rates.trickle > 0 || rates.churn > 0 else { return nil }
        let isList = path.hasPrefix("/crm/rest/v1/") && path.split(separator: "/").count == 4  // crm, rest, v1, resource
        let pastFirstPage = isList && (query.split(separator: "&").first { $0.hasPrefix("offset=") }.flatMap { Int($0.dropFirst(7)) } ?? 0) > 0
        return state.withLock { state -> TransportFault? in
            state.transportFaultCounter += 1
            // A seed of their own (the seed mixed with a constant), so adding these rates does
            // not move the 500s, drops and truncations a seed gives.
            var rng = DeterministicRandom(seed: configuration.seed ^ 0x7472_616E_7370_6F72, stream: .fault, index: state.transportFaultCounter)
            let draw = rng.unit()
            let fault: TransportFault?
            if draw < rates.html {
                fault = .htmlError(rng.int(2) == 0 ? 502 : 503)
            } else if draw < rates.html + rates.trickle {
                fault = .trickle
            } else if isList, draw < rates.html + rates.trickle + rates.short {
                fault = .shortPage
            } else if pastFirstPage, draw < rates.html + rates.trickle + rates.short + rates.churn {
                let size = 1 + rng.int(5)
                fault = .churn(rng.int(2) == 0 ? size : -size)
            } else {
                fault = nil
            }
            if fault != nil { state.statistics.injectedFaults += 1 }
            return fault
        }
    }

    /// The same request with `limit` halved (a 1-record page cannot be shortened and is kept).
    static func shortened(_ request: Request) -> Request {
        let query = request.uri.query ?? ""
        var pairs = query.split(separator: "&").map(String.init)
        let current = pairs.first { $0.hasPrefix("limit=") }.flatMap { Int($0.dropFirst(6)) } ?? 1000
        let limit = current == 0 ? 1000 : min(current, 1000)
        guard limit > 1 else { return request }
        pairs.removeAll { $0.hasPrefix("limit=") }
        pairs.append("limit=\(limit / 2)")
        var head = request.head
        head.path = request.uri.path + "?" + pairs.joined(separator: "&")
        return Request(head: head, body: request.body)
    }

    /// The request with its offset moved by `delta` records created (earlier records pushed
    /// later: the offset falls back, rows repeat) or deleted (the offset moves on, rows are skipped).
    static func churned(_ request: Request, delta: Int) -> Request {
        var pairs = (request.uri.query ?? "").split(separator: "&").map(String.init)
        let offset = pairs.first { $0.hasPrefix("offset=") }.flatMap { Int($0.dropFirst(7)) } ?? 0
        pairs.removeAll { $0.hasPrefix("offset=") }
        pairs.append("offset=\(max(0, offset - delta))")
        var head = request.head
        head.path = request.uri.path + "?" + pairs.joined(separator: "&")
        return Request(head: head, body: request.body)
    }

    /// The page with its (last) `"count":N` moved by `delta`.
    static func recounted(_ routed: RestRouter.Result, delta: Int) -> RestRouter.Result {
        let key = Array(#""count":"#.utf8)
        let body = routed.body
        guard body.count > key.count else { return routed }
        var start = -1
        var index = body.count - key.count
        while index >= 0 {
            if body[index] == key[0], Array(body[index..<(index + key.count)]) == key { start = index + key.count; break }
            index -= 1
        }
        guard start >= 0 else { return routed }
        var end = start
        while end < body.count, body[end] >= 0x30, body[end] <= 0x39 { end += 1 }
        guard let count = Int(String(decoding: body[start..<end], as: UTF8.self)) else { return routed }
        let moved = Array(String(max(0, count + delta)).utf8)
        return RestRouter.Result(status: routed.status, body: Array(body[..<start]) + moved + Array(body[end...]))
    }

    /// A proxy's HTML error page.
    static func htmlError(_ status: Int) -> Response {
        let title = status == 502 ? "502 Bad Gateway" : "503 Service Temporarily Unavailable"
        let html = "<html>\r\n<head><title>\(title)</title></head>\r\n<body>\r\n<center><h1>\(title)</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        var headers = HTTPFields()
        headers[.contentType] = "text/html"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// Announces the full length, then sends the body one byte a second until it is done or the
    /// client hangs up.
    static func trickled(_ routed: RestRouter.Result) -> Response {
        let bytes = routed.body
        var headers = HTTPFields()
        headers[.contentType] = "application/json;charset=UTF-8"
        headers[.contentLength] = String(bytes.count)
        let body = ResponseBody(contentLength: bytes.count) { writer in
            var sent = 0
            while sent < bytes.count {
                let next = min(bytes.count, sent + trickleBytesPerSecond)
                try await writer.write(ByteBuffer(bytes: bytes[sent..<next]))
                sent = next
                if sent < bytes.count { try await Task.sleep(for: .seconds(1)) }
            }
            try await writer.finish(nil)
        }
        return Response(status: routed.status, headers: headers, body: body)
    }
}
