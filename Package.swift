// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Infuse",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "infuse", targets: ["infuse"]),
        .library(name: "InfuseCore", targets: ["InfuseCore"]),
        .library(name: "InfuseSandbox", targets: ["InfuseSandbox"]),
        .library(name: "InfuseApp", targets: ["InfuseApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Graceful shutdown of the HTTP servers (cancelling them races with connections being accepted).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Tests only: reads Keap's newer v2 spec (Specs/swagger.yml) to check the catalogue against it.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System library: modulemap + umbrella header that switches on the wide-char API.
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // C shim for curses macros and globals Swift cannot import.
        .target(name: "CCurses", dependencies: ["CNcursesw"], path: "Sources/CCurses"),
        .target(
            name: "InfuseCore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                // The one-shot OAuth loopback redirect listener.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // PostgreSQL refresh destination (issue 7).
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .target(
            name: "InfuseSandbox",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The use cases both front ends call (issue 10): accounts and sign-in, data sources, preview,
        // suggested design, refresh, and the typed results the CLI prints and the designer shows.
        .target(name: "InfuseApp", dependencies: ["InfuseCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "InfuseTUI", dependencies: ["InfuseApp", "InfuseCore"]),
        .target(name: "InfuseTerminal", dependencies: ["InfuseTUI", "CCurses", "CNcursesw"]),
        .executableTarget(
            name: "infuse",
            dependencies: [
                "InfuseApp", "InfuseCore", "InfuseSandbox", "InfuseTUI", "InfuseTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release benchmark: import, fetch, render and start-up figures beside the goals of issue 5.
        .executableTarget(
            name: "infuse-bench",
            dependencies: [
                "InfuseApp", "InfuseCore", "InfuseSandbox", "InfuseTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "InfuseTestSupport",
            dependencies: ["InfuseCore", "InfuseSandbox", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/InfuseTestSupport"
        ),
        // Test-only UI code: the in-memory terminal, the fixed-size render harness, SVG export.
        .target(
            name: "InfuseTUITestSupport",
            dependencies: ["InfuseTUI"],
            path: "Tests/InfuseTUITestSupport"
        ),
        .testTarget(
            name: "InfuseCoreTests",
            dependencies: ["InfuseCore", "InfuseSandbox", "InfuseTestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(
            name: "InfuseSandboxTests",
            dependencies: [
                "InfuseSandbox", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "InfuseAppTests", dependencies: ["InfuseApp", "InfuseCore", "InfuseSandbox", "InfuseTestSupport"]),
        .testTarget(
            name: "InfuseTUITests",
            dependencies: ["InfuseTUI", "InfuseApp", "InfuseCore", "InfuseTestSupport", "InfuseTUITestSupport"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "InfuseTerminalTests", dependencies: ["InfuseTerminal", "InfuseTUI", "CCurses", "CNcursesw"]),
        .testTarget(name: "EndToEndTests", dependencies: ["InfuseCore", "InfuseTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
