/// `SandboxConfiguration.churnPerMinute`: the sandbox changes its own data while it runs, as a
/// live Keap account does.
extension SandboxCore {
    /// Applies `churnPerMinute` changes a minute until cancelled. Tick *n* updates one record of
    /// the changeable resources in turn; every third tick also creates one and deletes one.
    func runChurn() async {
        let perMinute = configuration.churnPerMinute
        guard perMinute > 0 else { return }
        let interval = Duration.milliseconds(max(1, 60_000 / perMinute))
        var tick = 0
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            let resources = ChangeableResource.allCases
            let resource = resources[tick % resources.count]
            let structural = tick % 3 == 2 ? 1 : 0
            _ = applyChanges(resource, update: 1, create: structural, delete: structural)
            tick += 1
        }
    }
}
