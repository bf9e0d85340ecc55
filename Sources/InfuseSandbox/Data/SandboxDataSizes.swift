/// How many records of each resource a sandbox serves, all derived from
/// ``SandboxConfiguration/records`` (the contact count) with minimums so every list has rows.
public struct SandboxDataSizes: Sendable, Equatable {
    /// Contacts (ids 1...contacts).
    public var contacts: Int
    /// Companies, `records / 10`.
    public var companies: Int
    /// Opportunities, `records / 5`.
    public var opportunities: Int
    /// Orders, `records / 2`.
    public var orders: Int
    /// One transaction per order (transaction *i* pays order *i*).
    public var transactions: Int
    /// Subscriptions, `records / 20`.
    public var subscriptions: Int
    /// Products, `records / 100` capped at 500.
    public var products: Int
    /// Campaigns, `records / 500` capped at 50.
    public var campaigns: Int
    /// Tags, `records / 50` capped at 300.
    public var tags: Int
    /// Tasks, `records / 4`.
    public var tasks: Int
    /// Notes, `records / 3`.
    public var notes: Int
    /// Users, `records / 1000` capped at 50.
    public var users: Int
    /// Sent emails; contact *c* has the emails *c*, *c + contacts*, … below this count.
    public var emails: Int
    /// Affiliates, `records / 100`.
    public var affiliates: Int
    /// Files, `records / 50`.
    public var files: Int
    /// Appointments, `records / 10`.
    public var appointments: Int

    /// Sizes for `records` contacts.
    public init(records: Int) {
        contacts = max(records, 1)
        companies = max(records / 10, 5)
        opportunities = max(records / 5, 5)
        orders = max(records / 2, 5)
        transactions = orders
        subscriptions = max(records / 20, 5)
        products = max(min(records / 100, 500), 10)
        campaigns = max(min(records / 500, 50), 5)
        tags = max(min(records / 50, 300), 12)
        tasks = max(records / 4, 5)
        notes = max(records / 3, 5)
        users = max(min(records / 1000, 50), 5)
        emails = max(contacts + contacts / 2, 5)
        affiliates = max(records / 100, 5)
        files = max(records / 50, 5)
        appointments = max(records / 10, 5)
    }
}
