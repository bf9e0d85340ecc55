import Foundation

/// Which way a figure must go to meet its goal.
enum GoalDirection: String, Codable, Sendable {
    /// The value must be at most the goal (times, memory, ratios to a floor).
    case atMost = "<="
    /// The value must be at least the goal (speed-ups).
    case atLeast = ">="
}

/// A goal from issue 5, e.g. "at most 3 s".
struct Goal: Codable, Sendable, Equatable {
    /// The bound.
    var bound: Double
    /// Which side of the bound passes.
    var direction: GoalDirection

    /// At most `bound`.
    static func atMost(_ bound: Double) -> Goal { Goal(bound: bound, direction: .atMost) }
    /// At least `bound`.
    static func atLeast(_ bound: Double) -> Goal { Goal(bound: bound, direction: .atLeast) }

    /// Whether `value` meets the goal.
    func isMet(by value: Double) -> Bool {
        switch direction {
        case .atMost: value <= bound
        case .atLeast: value >= bound
        }
    }
}

/// One measured figure: its section, name, value with unit, and the goal it is held to (if any).
struct Figure: Encodable, Sendable {
    /// `import`, `fetch`, `render` or `startup`.
    var section: String
    /// A short machine name, e.g. `wall_seconds`.
    var name: String
    /// The measured value.
    var value: Double
    /// `s`, `ms`, `MiB`, `MB/s`, `rows/s`, `x`, or `` for counts.
    var unit: String
    /// The goal, or nil for a figure shown for information.
    var goal: Goal?
    /// A note shown after the table (what the figure covers).
    var note: String?

    /// Whether the goal is met; nil without a goal.
    var passed: Bool? { goal.map { $0.isMet(by: value) } }

    init(_ section: String, _ name: String, _ value: Double, _ unit: String, goal: Goal? = nil, note: String? = nil) {
        self.section = section
        self.name = name
        self.value = value
        self.unit = unit
        self.goal = goal
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case section, name, value, unit, goal, note, passed }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(section, forKey: .section)
        try container.encode(name, forKey: .name)
        try container.encode(value, forKey: .value)
        try container.encode(unit, forKey: .unit)
        try container.encodeIfPresent(goal, forKey: .goal)
        try container.encodeIfPresent(note, forKey: .note)
        try container.encodeIfPresent(passed, forKey: .passed)
    }
}

/// A section that could not run, with the reason (e.g. the designer is not built yet).
struct SkippedSection: Encodable, Sendable {
    var section: String
    var reason: String
}
