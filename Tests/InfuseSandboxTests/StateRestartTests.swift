import Foundation
import InfuseSandbox
import Testing

/// `SandboxConfiguration.statePath`: grants and data changes survive a restart.
@Suite("Sandbox state across restarts")
struct StateRestartTests {
    static func temporaryStateFile() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("infuse-sandbox-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("sandbox-state.json")
    }

    @Test func tokensAndChangesSurviveARestart() async throws {
        let stateFile = try Self.temporaryStateFile()
        defer { try? FileManager.default.removeItem(at: stateFile.deletingLastPathComponent()) }
        var access = "", refresh = "", spentRefresh = ""
        var report: (updated: [Int], created: [Int], deleted: [Int]) = ([], [], [])
        var exported: [[String: Any]] = []

        try await SandboxHarness.with({ $0.statePath = stateFile }) { h in
            let first = try await h.tokenPair()
            spentRefresh = try #require(first["refresh_token"] as? String)
            let rotated = try await h.refresh(spentRefresh).object()
            access = try #require(rotated["access_token"] as? String)
            refresh = try #require(rotated["refresh_token"] as? String)
            #expect(try await h.bearer("/v1/contacts?limit=1", token: access).status == 200)
            report = try await h.change(update: 3, create: 2, delete: 2)
            exported = try await h.export("contacts")
        }

        let attributes = try FileManager.default.attributesOfItem(atPath: stateFile.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let saved = try String(contentsOf: stateFile, encoding: .utf8)
        #expect(saved.contains("accessTokens"))

        try await SandboxHarness.with({ $0.statePath = stateFile }) { h in
            #expect(try await h.bearer("/v1/contacts?limit=1", token: access).status == 200)
            #expect(try await h.bearer("/v2/contacts?page_size=1", token: access).status == 200)
            #expect(try await h.refresh(spentRefresh).status == 400, "a spent refresh token stays spent")
            let renewed = try await h.refresh(refresh)
            #expect(renewed.status == 200)
            #expect(try await h.refresh(refresh).status == 400, "refresh tokens stay single-use")
            let again = try await h.export("contacts")
            #expect(again.map { $0["id"] as? Int } == exported.map { $0["id"] as? Int })
            #expect(again.map { $0["middle_name"] as? String } == exported.map { $0["middle_name"] as? String })
            #expect(try await h.api("/v1/contacts/\(report.deleted[0])").status == 404)
            // The call sequence continues where it stopped: the next change is not a replay.
            let next = try await h.change(update: 3)
            #expect(next.updated != report.updated)
        }

        // A third start after a revoke: nothing issued before works.
        try await SandboxHarness.with({ $0.statePath = stateFile }) { h in
            let revoked = try await h.post("/_sandbox/revoke", body: "", contentType: "text/plain")
            #expect(revoked.status == 200)
        }
        try await SandboxHarness.with({ $0.statePath = stateFile }) { h in
            let refused = try await h.bearer("/v1/contacts?limit=1", token: access)
            #expect(refused.status == 401)
        }
    }

    @Test func withoutAStatePathNothingCarriesOver() async throws {
        var access = ""
        try await SandboxHarness.with { h in
            access = try #require(try await h.tokenPair()["access_token"] as? String)
            _ = try await h.change(delete: 1)
        }
        try await SandboxHarness.with { h in
            let refused = try await h.bearer("/v1/contacts?limit=1", token: access)
            #expect(refused.status == 401)
            let contacts = try await h.export("contacts")
            #expect(contacts.count == h.server.dataSizes.contacts)
        }
    }

    @Test func anUnreadableStateFileStopsTheStart() async throws {
        let stateFile = try Self.temporaryStateFile()
        defer { try? FileManager.default.removeItem(at: stateFile.deletingLastPathComponent()) }
        try "not json".write(to: stateFile, atomically: true, encoding: .utf8)
        var configuration = SandboxConfiguration()
        configuration.statePath = stateFile
        let server = SandboxServer(configuration: configuration)
        await #expect(throws: SandboxServerError.self) { _ = try await server.start() }
        await server.stop()
    }
}
