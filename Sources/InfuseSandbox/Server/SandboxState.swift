/// Everything mutable in a running sandbox, kept behind one `Mutex` in ``SandboxCore``.
struct SandboxState {
    /// An issued, not yet redeemed authorization code.
    struct PendingCode {
        let redirectURI: String
        let expiresAt: Double
    }

    var statistics = SandboxStatistics()
    var codes: [String: PendingCode] = [:]
    /// Access token → expiry (epoch seconds). Expired tokens stay so they can be reported as expired.
    var accessTokens: [String: Double] = [:]
    var refreshTokens: Set<String> = []
    var throttle = ThrottleState()
    /// API requests that reached the fault-injection stage; seeds the fault decision.
    var faultCounter = 0
    /// API requests that reached the transport-fault stage (short pages, HTML errors, trickles).
    var transportFaultCounter = 0
}
