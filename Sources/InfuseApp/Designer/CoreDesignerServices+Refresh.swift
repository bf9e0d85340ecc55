import Foundation
import InfuseCore

/// The adapter to InfuseCore's `Preview` and `RefreshEngine`: the only place the designer calls them.
extension CoreDesignerServices {
    /// See ``DesignerServices/preview(_:progress:)``.
    public func preview(_ request: PreviewRequest, progress: @escaping @Sendable (FetchProgress) -> Void) async throws -> PreviewSummary {
        try await dataSources.preview(request, progress: progress)
    }

    /// See ``DesignerServices/refresh(_:progress:)``.
    public func refresh(_ name: String, progress: @escaping @Sendable (ProgressInfo) -> Void) async throws -> String {
        let engine = RefreshEngine(workspace: workspace, accounts: accountManager)
        let outcome = try await engine.refresh(sourceNamed: name) { p in
            var label = switch p.phase {
            case .fetching: "Refreshing"
            case .loading: "Loading"
            case .swapping, .done: "Saving tables"
            }
            if !p.warnings.isEmpty { label += " (\(p.warnings.count) warning\(p.warnings.count == 1 ? "" : "s"))" }
            let seconds = p.estimatedRemaining.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
            progress(ProgressInfo(label: label, done: p.rowsFetched, total: p.totalRows, page: p.pagesFetched,
                                  pageCount: p.totalPages, secondsLeft: seconds))
        }
        let seconds = Double(outcome.duration.components.seconds) + Double(outcome.duration.components.attoseconds) / 1e18
        let requests = outcome.details.apiRequests.map { ", \(NumberText.grouped($0)) request\($0 == 1 ? "" : "s")" } ?? ""
        var summary = "Refreshed \(name): \(NumberText.grouped(outcome.totalRows)) rows in \(outcome.rowsPerTable.count) table\(outcome.rowsPerTable.count == 1 ? "" : "s") (\(NumberText.duration(seconds))\(requests))"
        if !outcome.schemaChanges.isEmpty { summary += " · schema: " + outcome.schemaChanges.joined(separator: "; ") }
        if !outcome.details.warnings.isEmpty { summary += " · warning: " + outcome.details.warnings.joined(separator: "; ") }
        return summary
    }
}
