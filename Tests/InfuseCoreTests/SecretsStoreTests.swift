import Foundation
import InfuseCore
import InfuseTestSupport
import Testing

@Suite("Secrets file")
struct SecretsStoreTests {
    @Test("secrets.json is written 0600 and read back")
    func writesOwnerOnlyFile() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = SecretsStore(fileURL: dir.path("secrets.json"))
        try await store.update(account: "Demo") { $0 = AccountSecrets(accessToken: "at-1", refreshToken: "rt-1") }
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.path("secrets.json").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try store.secrets(for: "Demo")?.refreshToken == "rt-1")
        #expect(try store.secrets(for: "Other") == nil)
    }

    @Test("a group- or world-readable secrets file is refused with the fix")
    func refusesOpenMode() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = SecretsStore(fileURL: dir.path("secrets.json"))
        try await store.update(account: "Demo") { $0 = AccountSecrets(apiKey: "k") }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir.path("secrets.json").path)
        let error = #expect(throws: SecretsError.self) { try store.secrets(for: "Demo") }
        #expect(error?.userMessage.contains("chmod 600") == true)
    }

    @Test("an open workspace directory is refused")
    func refusesOpenDirectory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.url.path)
        let store = SecretsStore(fileURL: dir.path("secrets.json"))
        let error = #expect(throws: SecretsError.self) { try store.checkPermissions() }
        #expect(error?.userMessage.contains("chmod 700") == true)
    }

    @Test("a corrupt secrets file is reported and left untouched")
    func corruptFileIsNotOverwritten() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path("secrets.json")
        let garbage = Data("{\"version\":1, \"accounts\": {tru".utf8)
        try garbage.write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let store = SecretsStore(fileURL: file)
        await #expect(throws: SecretsError.corrupt(path: file.path)) {
            try await store.update(account: "Demo") { $0 = AccountSecrets(apiKey: "k") }
        }
        #expect(try Data(contentsOf: file) == garbage)
    }

    @Test("descriptions never show secret values")
    func redactsDescription() {
        let secrets = AccountSecrets(apiKey: "KEY-123", accessToken: "AT-456", refreshToken: "RT-789", clientSecret: "CS-0")
        let text = "\(secrets) \(String(reflecting: secrets))"
        for value in ["KEY-123", "AT-456", "RT-789", "CS-0"] { #expect(!text.contains(value)) }
        #expect(!"\(AuthHeader(name: "Authorization", value: "Bearer AT-456"))".contains("AT-456"))
    }

    @Test("concurrent updates from many tasks all land")
    func concurrentUpdates() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = SecretsStore(fileURL: dir.path("secrets.json"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    try await store.update(account: "A\(index)") { $0 = AccountSecrets(apiKey: "k\(index)") }
                }
            }
            try await group.waitForAll()
        }
        for index in 0..<20 { #expect(try store.secrets(for: "A\(index)")?.apiKey == "k\(index)") }
    }
}
