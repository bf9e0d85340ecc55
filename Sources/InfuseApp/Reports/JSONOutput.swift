import Foundation

/// The CLI's `--json` output: a typed value encoded with sorted keys, indented, slashes as is.
public enum JSONOutput {
    /// The JSON text of `value`.
    public static func text(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
