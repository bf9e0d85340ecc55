import Foundation

/// Paths of the package, found from this file's location.
public enum PackagePaths {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The vendored official specs (`Specs/`, provenance in `Specs/SOURCES.md`).
    public static let specs = root.appendingPathComponent("Specs")

    /// Keap's REST v1 OpenAPI document, vendored in `Specs/`.
    public static let v1Spec = specs.appendingPathComponent("2025-11-05-v1.json")

    /// Keap's REST v2 OpenAPI document (2025-11-05), vendored in `Specs/`.
    public static let v2Spec = specs.appendingPathComponent("2025-11-05-v2.json")

    /// Keap's newer REST v2 OpenAPI document (YAML, paths under `/rest/v2/`), vendored in `Specs/`.
    public static let v2NewerSpec = specs.appendingPathComponent("swagger.yml")
}
