import Testing
@testable import InfuseCore

@Suite("Refresh intervals")
struct DataSourceIntervalTests {
    @Test func wordsLabelsAndSeconds() {
        let expected: [(RefreshInterval, String, String, Double?)] = [
            (.never, "never", "Never", nil),
            (.minutes15, "15m", "Every 15 minutes", 900),
            (.minutes30, "30m", "Every 30 minutes", 1800),
            (.hour1, "1h", "Every hour", 3600),
            (.hours2, "2h", "Every 2 hours", 7200),
            (.hours4, "4h", "Every 4 hours", 14_400),
            (.hours8, "8h", "Every 8 hours", 28_800),
            (.hours12, "12h", "Every 12 hours", 43_200),
            (.day1, "1d", "Every day", 86_400),
            (.week1, "1w", "Every week", 604_800),
        ]
        #expect(RefreshInterval.allCases.count == expected.count)
        for (interval, word, label, seconds) in expected {
            #expect(interval.word == word)
            #expect(interval.label == label)
            #expect(interval.seconds == seconds)
            #expect(RefreshInterval(parsing: word) == interval)
            #expect(RefreshInterval(parsing: " \(word.uppercased()) ") == interval)
            #expect(RefreshInterval(parsing: label) == interval)
        }
    }

    @Test func aliasesAndRejects() {
        #expect(RefreshInterval(parsing: "hourly") == .hour1)
        #expect(RefreshInterval(parsing: "daily") == .day1)
        #expect(RefreshInterval(parsing: "weekly") == .week1)
        #expect(RefreshInterval(parsing: "15min") == .minutes15)
        for bad in ["", "5m", "3h", "always", "1 h", "-1h"] {
            #expect(RefreshInterval(parsing: bad) == nil, "\(bad)")
        }
    }
}
