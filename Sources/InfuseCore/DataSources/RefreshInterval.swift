import Foundation

/// How often a data source is refreshed on schedule, counted from its last successful refresh.
///
/// The raw value is the word the CLI takes (`infuse sources create … --refresh 1h`) and the value
/// stored in the workspace.
public enum RefreshInterval: String, Codable, Sendable, CaseIterable {
    case never
    case minutes15 = "15m"
    case minutes30 = "30m"
    case hour1 = "1h"
    case hours2 = "2h"
    case hours4 = "4h"
    case hours8 = "8h"
    case hours12 = "12h"
    case day1 = "1d"
    case week1 = "1w"

    /// The words shown in the designer's Refresh Settings and in `sources list`.
    public var label: String {
        switch self {
        case .never: "Never"
        case .minutes15: "Every 15 minutes"
        case .minutes30: "Every 30 minutes"
        case .hour1: "Every hour"
        case .hours2: "Every 2 hours"
        case .hours4: "Every 4 hours"
        case .hours8: "Every 8 hours"
        case .hours12: "Every 12 hours"
        case .day1: "Every day"
        case .week1: "Every week"
        }
    }

    /// The interval in seconds; nil for `never`.
    public var seconds: TimeInterval? {
        switch self {
        case .never: nil
        case .minutes15: 15 * 60
        case .minutes30: 30 * 60
        case .hour1: 3600
        case .hours2: 2 * 3600
        case .hours4: 4 * 3600
        case .hours8: 8 * 3600
        case .hours12: 12 * 3600
        case .day1: 86_400
        case .week1: 7 * 86_400
        }
    }

    /// The CLI word (`never`, `15m`, `30m`, `1h`, `2h`, `4h`, `8h`, `12h`, `1d`, `1w`).
    public var word: String { rawValue }

    /// Parses a CLI word, case-insensitively and ignoring surrounding spaces. Besides the words of
    /// `word` it accepts the label ("Every hour") and `hourly`, `daily`, `weekly`, `15min`,
    /// `30min`, `24h`, `7d`. Returns nil for anything else.
    public init?(parsing text: String) {
        let word = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let exact = RefreshInterval(rawValue: word) {
            self = exact
            return
        }
        if let byLabel = RefreshInterval.allCases.first(where: { $0.label.lowercased() == word }) {
            self = byLabel
            return
        }
        switch word {
        case "15min": self = .minutes15
        case "30min": self = .minutes30
        case "hourly", "60m", "60min": self = .hour1
        case "daily", "24h": self = .day1
        case "weekly", "7d": self = .week1
        default: return nil
        }
    }

    /// The accepted words, for error messages and help: "never, 15m, 30m, 1h, …, 1w".
    public static var wordList: String { allCases.map(\.word).joined(separator: ", ") }
}
