/// An error found while reading JSON: malformed syntax, invalid UTF-8, nesting deeper than the
/// limit, empty input or a top-level value that is not an object or array.
///
/// `userMessage` is one line naming the position, e.g.
/// `malformed JSON at line 3, column 17: expected ':'`.
public struct JSONReadError: UserFacingError, Equatable {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The bytes are not valid JSON (RFC 8259); the associated text says what was expected.
        case malformed(String)
        /// A byte sequence is not valid UTF-8.
        case invalidUTF8
        /// Objects and arrays are nested deeper than the limit.
        case tooDeep(limit: Int)
        /// The input is empty or only whitespace.
        case empty
        /// The top-level value is a string, number, boolean or null.
        case topLevelScalar
        /// The input is larger than the reader can address (4 GiB).
        case tooLarge
    }

    /// What went wrong.
    public let kind: Kind
    /// Zero-based byte offset of the problem in the input.
    public let byteOffset: Int
    /// One-based line of the problem.
    public let line: Int
    /// One-based column (in Unicode scalars) of the problem.
    public let column: Int

    /// Creates an error, computing line and column from the input bytes.
    init(_ kind: Kind, at offset: Int, in bytes: UnsafePointer<UInt8>?, count: Int) {
        self.kind = kind
        self.byteOffset = offset
        var line = 1
        var column = 1
        if let bytes {
            let end = min(offset, count)
            var i = 0
            while i < end {
                let b = bytes[i]
                if b == 0x0A {
                    line += 1
                    column = 1
                } else if b & 0xC0 != 0x80 {
                    column += 1
                }
                i += 1
            }
        }
        self.line = line
        self.column = column
    }

    /// One line for people, naming where the problem is.
    public var userMessage: String {
        switch kind {
        case .malformed(let detail):
            return "malformed JSON at line \(line), column \(column): \(detail)"
        case .invalidUTF8:
            return "invalid UTF-8 at byte offset \(byteOffset) (line \(line), column \(column))"
        case .tooDeep(let limit):
            return "JSON nested deeper than \(limit) levels at line \(line), column \(column)"
        case .empty:
            return "empty JSON input: expected an object or array"
        case .topLevelScalar:
            return "top-level JSON is a scalar; expected an object or array"
        case .tooLarge:
            return "JSON input of \(byteOffset) bytes is larger than the 4 GiB limit"
        }
    }
}

extension JSONReadError: CustomStringConvertible {
    /// The same text as `userMessage`.
    public var description: String { userMessage }
}
