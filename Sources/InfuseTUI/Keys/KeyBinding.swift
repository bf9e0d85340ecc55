/// One entry of a key-binding table: which keys trigger which action, and how it is described.
/// The footer and the `?` help screen are both rendered from these, so they cannot drift apart.
public struct KeyBinding<Action: Sendable>: Sendable {
    /// The keys that trigger the action; the first is the primary one shown in the footer.
    public var keys: [Key]
    /// The action to perform.
    public var action: Action
    /// What the action does, for the help screen ("Delete the data source").
    public var help: String
    /// The help-screen section ("Navigation", "Editing").
    public var group: String
    /// Whether the footer shows this binding.
    public var showInFooter: Bool
    /// The short text the footer shows after the key ("delete"); defaults to `help`.
    public var footerText: String

    /// Creates a binding.
    public init(_ keys: [Key], _ action: Action, help: String, group: String = "General",
                showInFooter: Bool = true, footerText: String? = nil) {
        self.keys = keys
        self.action = action
        self.help = help
        self.group = group
        self.showInFooter = showInFooter
        self.footerText = footerText ?? help
    }

    /// The keys as shown to the user: labels joined by `/` (`↑/k`).
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}
