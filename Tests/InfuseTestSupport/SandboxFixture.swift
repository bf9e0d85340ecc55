import Foundation
import InfuseSandbox

/// Runs `body` against a real sandbox server on a free loopback port, then stops it.
public func withSandbox<T: Sendable>(
    _ configure: (inout SandboxConfiguration) -> Void = { _ in },
    _ body: (SandboxServer, _ root: URL, _ apiBase: URL) async throws -> T
) async throws -> T {
    var configuration = SandboxConfiguration()
    configuration.port = 0
    configure(&configuration)
    let server = SandboxServer(configuration: configuration)
    let root = try await server.start()
    do {
        let result = try await body(server, root, root.appendingPathComponent("crm/rest"))
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
