#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Hidden hooks for the reliability suite (`Tests/*/Reliability*.swift`, `scripts/soak.sh`).
///
/// They exist only in debug builds (the tests drive `.build/debug/infuse`); a release build
/// compiles them to nothing and never reads these variables. In a debug build both read the
/// environment once and do nothing unless their variable is set:
/// - `INFUSE_TEST_PAUSE_AT=fetch|load|swap|secrets-write`: at that point the process writes
///   `infuse-test: paused at POINT` to stderr and sleeps (at most 120 s) so a test can SIGKILL it
///   there. `fetch`: after the first page is spooled; `load`: after the first page is flattened
///   into the staging tables (inside their transaction); `swap`: inside the swap transaction, after
///   the old tables are dropped and the staging tables renamed, before commit; `secrets-write`:
///   after `secrets.json`'s temporary file is written and fsynced, before the rename.
/// - `INFUSE_TEST_MAX_PAGE_COUNT=N`: every workspace connection runs `PRAGMA max_page_count = N`,
///   so the database behaves like a nearly full disk.
/// - `INFUSE_TEST_KEAP_API_BASE=URL`: the designer's real Keap connection uses this API base (a
///   sandbox) instead of Keap's, so the first-run sign-in of a real account is tested end to end.
public enum TestHooks {
    /// A point where `INFUSE_TEST_PAUSE_AT` can hold the process.
    public enum PausePoint: String, Sendable, CaseIterable {
        case fetch, load, swap
        case secretsWrite = "secrets-write"
    }

    #if DEBUG
    private static let pausePoint: PausePoint? =
        ProcessInfo.processInfo.environment["INFUSE_TEST_PAUSE_AT"].flatMap(PausePoint.init(rawValue:))

    /// The page limit from `INFUSE_TEST_MAX_PAGE_COUNT`, if set to a positive number.
    static let maxPageCount: Int? =
        ProcessInfo.processInfo.environment["INFUSE_TEST_MAX_PAGE_COUNT"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }

    /// The API base of `INFUSE_TEST_KEAP_API_BASE`, if set.
    public static let keapAPIBaseOverride: URL? =
        ProcessInfo.processInfo.environment["INFUSE_TEST_KEAP_API_BASE"].flatMap { $0.isEmpty ? nil : URL(string: $0) }

    /// Holds the process at `point` when `INFUSE_TEST_PAUSE_AT` names it; returns at once otherwise.
    static func pause(at point: PausePoint) {
        guard pausePoint == point else { return }
        FileHandle.standardError.write(Data("infuse-test: paused at \(point.rawValue)\n".utf8))
        for _ in 0..<1_200 { usleep(100_000) }
    }
    #else
    /// Always nil in a release build.
    static let maxPageCount: Int? = nil

    /// Always nil in a release build.
    public static let keapAPIBaseOverride: URL? = nil

    /// Does nothing in a release build.
    @inline(__always) static func pause(at point: PausePoint) {}
    #endif
}
