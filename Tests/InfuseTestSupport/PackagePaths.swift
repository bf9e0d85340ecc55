import Foundation

/// Paths of the package, found from this file's location.
public enum PackagePaths {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/keap-api/2025-11-05-v1.json` beside the package.
    public static let v1Spec = root.deletingLastPathComponent().appendingPathComponent("shared/keap-api/2025-11-05-v1.json")
}
