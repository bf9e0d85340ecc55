import AsyncHTTPClient
import Foundation
import NIOCore

/// Why no connection to the API host could be made: the host refused it, its name did not
/// resolve, TLS failed, or connecting took too long. These are retried only a few times, quickly
/// (see `KeapClient.Configuration.maxConnectRetries`): a host that is gone stays gone.
struct ConnectFailure: Sendable, Equatable {
    /// A few words for a person: `connection refused`, `host name not found`, `TLS handshake failed`.
    let cause: String

    /// The connect failure inside `error`, or nil when the error happened on an open connection.
    ///
    /// NIO's connection errors (`NIOConnectionError`, `NIOSSLError`) live in modules Infuse does
    /// not import, so they are recognised by their shape: the fields are walked with `Mirror`
    /// down to an `IOError` (errno) or a DNS error, and TLS errors by their type's name.
    static func classify(_ error: any Error) -> ConnectFailure? {
        if let error = error as? HTTPClientError, error == .connectTimeout {
            return ConnectFailure(cause: "connect timed out")
        }
        return find(in: error, depth: 0)
    }

    private static func find(in value: Any, depth: Int) -> ConnectFailure? {
        guard depth < 6 else { return nil }
        if let io = value as? IOError {
            return errnoCause(io.errnoCode).map(ConnectFailure.init(cause:))
        }
        let typeName = String(reflecting: type(of: value))
        if typeName.contains("NIOSSL") || typeName.contains("BoringSSL") {
            return ConnectFailure(cause: "TLS handshake failed (\(KeapAPIError.clip(String(describing: value), 60)))")
        }
        if typeName.hasSuffix("NIOConnectionError") {
            let mirror = Mirror(reflecting: value)
            let dns = mirror.children.filter { ($0.label ?? "").hasPrefix("dns") }
            let failures = mirror.children.first { $0.label == "connectionErrors" }?.value
            let attempted = failures.map { Mirror(reflecting: $0).children.count } ?? 0
            if attempted == 0, dns.contains(where: { !isNil($0.value) }) {
                return ConnectFailure(cause: "host name not found")
            }
            if let failures, let found = find(in: failures, depth: depth + 1) { return found }
            return ConnectFailure(cause: attempted == 0 ? "host name not found" : "connection failed")
        }
        if typeName.hasSuffix("SocketAddressError") || typeName.contains("GetaddrinfoError") {
            return ConnectFailure(cause: "host name not found")
        }
        for child in Mirror(reflecting: value).children {
            if let found = find(in: child.value, depth: depth + 1) { return found }
        }
        return nil
    }

    private static func isNil(_ value: Any) -> Bool {
        let mirror = Mirror(reflecting: value)
        return mirror.displayStyle == .optional && mirror.children.isEmpty
    }

    private static func errnoCause(_ code: Int32) -> String? {
        switch code {
        case ECONNREFUSED: "connection refused"
        case EHOSTUNREACH: "host unreachable"
        case ENETUNREACH: "network unreachable"
        case ETIMEDOUT: "connect timed out"
        case EADDRNOTAVAIL: "address not available"
        default: nil
        }
    }
}
