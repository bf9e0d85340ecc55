import AsyncHTTPClient
import Foundation
import InfuseSandbox
import InfuseTestSupport
import Testing

@testable import InfuseCore

/// Transport faults at the client: a dead port, a listener that accepts and never answers, a
/// body trickling at 1 byte/s, short but well-formed pages and HTML error pages, against real
/// loopback sockets and the real sandbox.
@Suite("Reliability: transport faults at the client")
struct ReliabilityTransportTests {
    @Test("a closed port fails after 2 quick retries, naming the host and the cause, with retry progress")
    func deadPort() async throws {
        ReliabilityReport.begin("dead-port-client", description: "KeapClient.pages against a closed loopback port")
        let port = try ClosedPort.find()
        let base = URL(string: "http://127.0.0.1:\(port)/crm/rest")!
        let notes = NotesBox()
        let client = KeapClient(apiBase: base, credentials: APIKeyCredential(key: SandboxCredentials.apiKey))
        var caught: KeapAPIError?
        do {
            for try await _ in client.pages(KeapClientTesting.contacts(), maxRows: nil, progress: { notes.add($0.retrying) }) {}
        } catch let error as KeapAPIError {
            caught = error
        }
        let error = try #require(caught)
        var reached: (host: String, cause: String, retries: Int)?
        if case .unreachable(let host, let cause, let retries, _) = error { reached = (host, cause, retries) }
        #expect(reached?.host == "127.0.0.1:\(port)" && reached?.cause == "connection refused" && reached?.retries == 2, "\(error)")
        #expect(error.userMessage.hasPrefix("cannot reach 127.0.0.1:\(port): connection refused"), "\(error.userMessage)")
        #expect(notes.all == ["retrying 1/2: connection refused", "retrying 2/2: connection refused"])
        ReliabilityReport.write(ReliabilityResult(
            scenario: "dead-port-client", description: "KeapClient.pages against a closed loopback port",
            passed: notes.all.count == 2 && error.userMessage.contains("connection refused"), runs: 1, faultsInjected: 1 + notes.all.count,
            rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil,
            notes: "error: \(error.userMessage); progress: \(notes.all.joined(separator: ", "))"))
    }

    @Test("a listener that accepts and never answers is cut by the request timeout")
    func acceptAndHang() async throws {
        ReliabilityReport.begin("accept-and-hang", description: "a loopback socket that accepts and never answers")
        let listener = try SilentListener()
        defer { listener.close() }
        let base = URL(string: "http://127.0.0.1:\(listener.port)/crm/rest")!
        // A pool of its own: the shared pool may hold a stale connection to an earlier test's
        // server on this port number, which would fail first as "connection dropped".
        let http = InfuseHTTPClient.make()
        let client = KeapClient(
            apiBase: base, credentials: APIKeyCredential(key: SandboxCredentials.apiKey), httpClient: http,
            configuration: .init(requestTimeout: 1))
        let notes = NotesBox()
        var caught: KeapAPIError?
        do {
            for try await _ in client.pages(KeapClientTesting.contacts(), maxRows: nil, progress: { notes.add($0.retrying) }) {}
        } catch let error as KeapAPIError {
            caught = error
        }
        try await http.shutdown()
        let error = try #require(caught)
        var retries = -1
        if case .timeout(_, let count, _) = error { retries = count }
        #expect(retries == 2, "\(error)")
        #expect(notes.all == ["retrying 1/2: no answer within the request timeout", "retrying 2/2: no answer within the request timeout"])
        let accepted = listener.acceptedConnections()
        #expect(accepted >= 1, "the requests reached the listener")
        ReliabilityReport.write(ReliabilityResult(
            scenario: "accept-and-hang", description: "a loopback socket that accepts and never answers (1 s request timeout)",
            passed: retries == 2 && accepted >= 1, runs: 1, faultsInjected: retries + 1,
            rowsLost: nil, rowsDuplicated: nil, rowsChanged: nil, tablesPartial: nil,
            notes: "connections accepted: \(accepted); error: \(error.userMessage)"))
    }

    @Test("a body trickling at 1 byte/s is cut by the request timeout")
    func tricklingBody() async throws {
        try await withSandbox({ $0.records = 50; $0.trickleRate = 1 }) { server, _, apiBase in
            let client = KeapClientTesting.client(apiBase, .init(requestTimeout: 2))
            await #expect {
                _ = try await KeapClientTesting.collect(client, KeapClientTesting.contacts(), maxRows: nil)
            } throws: { error in
                if case .timeout(_, 2, _) = error as? KeapAPIError { return true }
                return false
            }
            #expect(server.statistics().injectedFaults == 3)
        }
    }

    @Test("short but well-formed pages are read again; the records come out exact and in order")
    func shortPagesRecovered() async throws {
        try await withSandbox({ $0.records = 2000; $0.shortPageRate = 0.3; $0.seed = 5 }) { server, _, apiBase in
            let client = KeapClientTesting.client(apiBase, .init(pageSize: 100))
            let collected = try await KeapClientTesting.collect(client, KeapClientTesting.contacts(), maxRows: nil)
            #expect(collected.rowCount == 2000)
            #expect(Set(collected.ids).count == 2000)
            KeapClientTesting.expectWellOrdered(collected)
            #expect(server.statistics().injectedFaults > 0)
        }
    }

    @Test("pages that stay short fail the fetch clearly instead of ending it early")
    func shortPagesFail() async throws {
        try await withSandbox({ $0.records = 300; $0.shortPageRate = 1 }) { _, _, apiBase in
            let client = KeapClientTesting.client(apiBase, .init(pageSize: 100))
            var caught: KeapAPIError?
            do {
                _ = try await KeapClientTesting.collect(client, KeapClientTesting.contacts(), maxRows: nil)
            } catch let error as KeapAPIError {
                caught = error
            }
            let error = try #require(caught)
            #expect(error == .shortPage(offset: 0, received: 50, expected: 100, count: 300, attempts: 4), "\(error)")
            #expect(error.userMessage.contains("50 of 100 records at offset 0"))
        }
    }

    @Test("records created or deleted while paging (count moves, offsets shift): the fetch fails, never a gap or a repeat")
    func recordsMovingWhilePaging() async throws {
        try await withSandbox({ $0.records = 1000; $0.pagingChurnRate = 1 }) { _, _, apiBase in
            let client = KeapClientTesting.client(apiBase, .init(pageSize: 100))
            var caught: KeapAPIError?
            var delivered: [Int] = []
            do {
                for try await page in client.pages(KeapClientTesting.contacts(), maxRows: nil) {
                    delivered += page.records.map { range in
                        ((try? JSONSerialization.jsonObject(with: Data(page.body[range]))) as? [String: Any])?["id"] as? Int ?? -1
                    }
                }
            } catch let error as KeapAPIError {
                caught = error
            }
            let error = try #require(caught)
            guard case .changedWhilePaging(let before, let after, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(before == 1000 && after != 1000)
            #expect(error.userMessage.contains("changed while paging"))
            #expect(Set(delivered).count == delivered.count, "no id delivered twice before the failure")
        }
    }

    @Test("HTML 502/503 pages are retried and reported by their title, not as markup")
    func htmlErrors() async throws {
        try await withSandbox({ $0.records = 20; $0.htmlErrorRate = 1 }) { _, _, apiBase in
            let client = KeapClientTesting.client(apiBase, .init(maxRetries: 2, backoffBase: 0.01, backoffCap: 0.02))
            var caught: KeapAPIError?
            do {
                _ = try await KeapClientTesting.collect(client, KeapClientTesting.contacts(), maxRows: nil)
            } catch let error as KeapAPIError {
                caught = error
            }
            let error = try #require(caught)
            guard case .server(let status, let message, let retries, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect([502, 503].contains(status))
            #expect(retries == 2)
            #expect(message.hasPrefix("HTML page: 50"), "\(message)")
            #expect(!error.userMessage.contains("<"), "\(error.userMessage)")
        }
        try await withSandbox({ $0.records = 1500; $0.htmlErrorRate = 0.3; $0.seed = 3 }) { server, _, apiBase in
            let client = KeapClientTesting.client(apiBase, .init(backoffBase: 0.01, backoffCap: 0.05, pageSize: 100))
            let collected = try await KeapClientTesting.collect(client, KeapClientTesting.contacts(), maxRows: nil)
            #expect(collected.rowCount == 1500)
            KeapClientTesting.expectWellOrdered(collected)
            #expect(server.statistics().injectedFaults > 0)
        }
    }
}

/// Collects the `retrying` notes of progress reports, in order, without repeats in a row.
final class NotesBox: @unchecked Sendable {
    private let lock = NSLock()
    private var notes: [String] = []
    func add(_ note: String?) {
        guard let note else { return }
        lock.withLock { if notes.last != note { notes.append(note) } }
    }
    var all: [String] { lock.withLock { notes } }
}

/// A loopback port with nothing listening: bound to learn a free number, then closed.
enum ClosedPort {
    static func find() throws -> Int {
        let listener = try SilentListener()
        let port = listener.port
        listener.close()
        return port
    }
}

/// A real TCP socket on 127.0.0.1 that listens and accepts (the kernel completes the handshake)
/// but never reads or answers.
final class SilentListener: @unchecked Sendable {
    let port: Int
    private let descriptor: Int32
    private let lock = NSLock()
    private var accepted: [Int32] = []
    private var closed = false

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { Glibc.close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        descriptor = fd
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }
                let keep = lock.withLock { () -> Bool in
                    if closed { return false }
                    accepted.append(client)
                    return true
                }
                if !keep { Glibc.close(client); return }
            }
        }
    }

    /// Connections accepted so far.
    func acceptedConnections() -> Int { lock.withLock { accepted.count } }

    /// Stops listening and drops the accepted connections.
    func close() {
        let toClose = lock.withLock { () -> [Int32] in
            guard !closed else { return [] }
            closed = true
            return accepted
        }
        shutdown(descriptor, Int32(SHUT_RDWR))
        Glibc.close(descriptor)
        for client in toClose { Glibc.close(client) }
    }
}
