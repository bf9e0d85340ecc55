import Hummingbird

/// Routes an authenticated `/crm/rest/v2/...` GET: the cursor-paged lists of ``V2Catalog``,
/// their by-id objects, the `/model` endpoints and `/v2/oauth/connect/userinfo`.
struct V2Router {
    let world: SandboxWorld
    let rootURL: String
    let quirks: SandboxV2Quirks

    func route(_ request: Request) -> RestRouter.Result {
        let path = request.uri.path
        let segments = path.split(separator: "/").dropFirst(2).map(String.init)  // drop "crm", "rest"
        guard segments.first == "v2", segments.count >= 2 else {
            return failure(.notFound("No resource found at \(path)"))
        }
        let rest = Array(segments.dropFirst(1))
        do {
            switch rest.count {
            case 1:
                guard let list = V2Catalog.lists[rest[0]] else { break }
                return try self.list(list, request: request, path: path)
            case 2 where rest[1] == "model":
                var w = JSONWriter(capacity: 2048)
                guard world.writeV2Model(rest[0], into: &w) else { break }
                return RestRouter.Result(status: .ok, body: w.bytes)
            case 2:
                guard let list = V2Catalog.lists[rest[0]], list.servesByID else { break }
                return try byID(list, idText: rest[1], request: request)
            case 3 where rest == ["oauth", "connect", "userinfo"]:
                var w = JSONWriter(capacity: 512)
                world.writeV2UserInfo(into: &w)
                return RestRouter.Result(status: .ok, body: w.bytes)
            default:
                break
            }
        } catch let problem as V2Problem {
            return failure(problem)
        } catch {
            return failure(.invalid("\(error)"))
        }
        return failure(.notFound("No resource found at \(path)"))
    }

    // MARK: Lists

    /// `{<key>: [...], "next_page_token": "…"}`; the last page's token is "".
    private func list(_ list: V2ListResource, request: Request, path: String) throws -> RestRouter.Result {
        let query = try V2ListQuery(rawQuery: request.uri.query, maximumPageSize: list.maximumPageSize)
        let fields = try selection(list, query: query)
        var rows = list.rows(world)
        var predicates: [V2ListResource.Predicate] = []
        var named = Set<String>()
        for clause in query.clauses {
            guard let rule = list.filters[clause.field] else {
                let allowed = list.filters.keys.sorted().joined(separator: ", ")
                throw V2Problem.invalid("Invalid filter field '\(clause.field)'; allowed: \(allowed)")
            }
            named.insert(clause.field)
            predicates.append(try rule(world, clause.value))
        }
        for (field, predicate) in list.implicitFilters where !named.contains(field) {
            predicates.append(predicate)
        }
        if !predicates.isEmpty {
            rows = rows.filter { index in predicates.allSatisfy { $0(index) } }
        }
        if let order = query.order {
            guard let key = list.orders[order.field] else {
                let allowed = list.orders.keys.sorted().joined(separator: ", ")
                throw V2Problem.invalid("Invalid order_by field '\(order.field)'; allowed: \(allowed)")
            }
            let keyed = rows.map { ($0, key(world, $0)) }
            rows = keyed.sorted { a, b in
                if a.1 != b.1 { return order.descending ? a.1 > b.1 : a.1 < b.1 }
                return a.0 < b.0
            }.map(\.0)
        }
        let token = query.token ?? V2PageToken(offset: 0, fingerprint: query.fingerprint)
        let start = resumePosition(token, rows: rows, order: query.order)
        let end = min(rows.count, start + query.pageSize)
        var w = JSONWriter(capacity: 256 + (end - start) * 1200)
        w.beginObject()
        w.key(list.key)
        w.beginArray()
        if token.stage == 0 {
            for position in start..<end { list.item(world, rows[position], fields, &w) }
        }
        w.endArray()
        w.key("next_page_token")
        w.string(nextToken(after: token, start: start, end: end, rows: rows, query: query, path: path))
        w.endObject()
        return RestRouter.Result(status: .ok, body: w.bytes)
    }

    /// Where the page of `token` starts. Lists in id order (the default, or `order_by=id`) resume
    /// after the last id served, so records deleted or created between pages neither shift nor
    /// repeat the rest; other orders resume at the offset.
    private func resumePosition(_ token: V2PageToken, rows: [Int], order: (field: String, descending: Bool)?) -> Int {
        guard token.lastIndex >= 0, order == nil || order?.field == "id" else { return min(token.offset, rows.count) }
        let descending = order?.descending ?? false
        var low = 0, high = rows.count
        while low < high {
            let middle = (low + high) / 2
            let passed = descending ? rows[middle] >= token.lastIndex : rows[middle] <= token.lastIndex
            if passed { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The token of the page after `[start, end)`, or "" at the end of the list.
    private func nextToken(after token: V2PageToken, start: Int, end: Int, rows: [Int], query: V2ListQuery,
                           path: String) -> String {
        let total = rows.count
        let next: V2PageToken?
        if token.stage == 0 && end < total {
            next = V2PageToken(offset: end, fingerprint: query.fingerprint, lastIndex: rows[end - 1])
        } else if quirks.emptyPageWithToken && token.stage < 2 && (token.stage == 1 || end > start) {
            // The oddity: the last page of records points at an empty page that still carries a token.
            next = V2PageToken(offset: total, stage: token.stage + 1, fingerprint: query.fingerprint)
        } else {
            next = nil
        }
        guard let next else { return "" }
        guard quirks.nextPageTokenAsURL else { return next.text }
        var url = rootURL + path + "?"
        for parameter in query.otherParameters {
            url += parameter
            url += "&"
        }
        return url + "page_token=" + next.text
    }

    private func selection(_ list: V2ListResource, query: V2ListQuery) throws -> V2Fields {
        guard let requested = query.fields, let allowed = list.fieldNames else {
            return V2Fields(selected: list.defaultFields)
        }
        for name in requested where !allowed.contains(name) {
            throw V2Problem.invalid("Invalid field '\(name)'; allowed: \(allowed.sorted().joined(separator: ", "))")
        }
        return V2Fields(selected: Set(requested).union(["id"]))
    }

    // MARK: Objects

    private func byID(_ list: V2ListResource, idText: String, request: Request) throws -> RestRouter.Result {
        guard let id = Int(idText), id >= 1 else {
            throw V2Problem.notFound("\(list.noun) not found with id \(idText)")
        }
        let index = id - 1
        let exists = list.rows(world).contains(index)
        guard exists else { throw V2Problem.notFound("\(list.noun) not found with id \(idText)") }
        var fields = V2Fields(selected: list.defaultFields)
        if list.fieldNames != nil {
            let query = try V2ListQuery(rawQuery: request.uri.query, maximumPageSize: list.maximumPageSize)
            fields = try selection(list, query: query)
        }
        var w = JSONWriter(capacity: 4096)
        list.item(world, index, fields, &w)
        return RestRouter.Result(status: .ok, body: w.bytes)
    }

    private func failure(_ problem: V2Problem) -> RestRouter.Result {
        RestRouter.Result(status: .init(code: problem.code), body: problem.body)
    }
}
