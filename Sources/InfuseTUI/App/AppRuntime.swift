import Foundation
import InfuseApp
import InfuseCore

/// Runs ``AppEffect``s on tasks with a ``DesignerServices`` and queues the result actions; the
/// loop drains the queue on the main actor between keys.
@MainActor
public final class AppRuntime {
    let services: any DesignerServices
    private var inbox: [AppAction] = []
    private var running: [Int: Task<Void, Never>] = [:]
    private var nextID = 0
    /// Account of the design in progress, for error messages.
    var accountInUse: String?

    /// Creates a runtime.
    public init(services: any DesignerServices) { self.services = services }

    /// Result actions waiting to be reduced, oldest first; the queue is emptied.
    public func drain() -> [AppAction] {
        defer { inbox.removeAll() }
        return inbox
    }

    /// True while some effect is still running.
    public var isBusy: Bool { !running.isEmpty }

    /// Waits until every running effect has finished (tests).
    public func waitUntilIdle() async {
        while let task = running.values.first { await task.value }
    }

    /// Queues an action (also used by progress callbacks).
    public func send(_ action: AppAction) { inbox.append(action) }

    private func spawn(_ work: @escaping @MainActor () async -> Void) {
        let id = nextID
        nextID += 1
        running[id] = Task { @MainActor in
            await work()
            self.running[id] = nil
        }
    }

    private func attempt(account: String? = nil, _ work: @escaping @MainActor () async throws -> Void) {
        spawn {
            do { try await work() } catch {
                self.send(.failed(ErrorPresenter.report(error, account: account)))
            }
        }
    }

    /// Starts `effect`.
    public func perform(_ effect: AppEffect) {
        let s = services
        switch effect {
        case .loadHome:
            attempt {
                let (sources, accounts) = try await s.loadHome()
                self.send(.homeLoaded(sources: sources, accounts: accounts))
                self.send(.keapAppLoaded(clientID: try await s.savedAppClientID()))
            }
        case .startSignIn(let apiBase, let sandbox, let reauthorizing):
            attempt {
                let started: (url: String, port: Int?)
                do {
                    started = try await s.startSignIn(apiBase: apiBase, sandbox: sandbox, reauthorizing: reauthorizing)
                } catch AccountError.missingClient {
                    self.send(.keapAppNeeded)
                    return
                }
                self.send(.signInStarted(url: started.url, port: started.port))
                if started.port != nil {
                    do {
                        let approved = try await s.waitForRedirect()
                        self.send(.signInRedirect(approved: approved))
                    } catch is CancellationError {
                    } catch let error as OAuthError where error == .cancelled {
                    } catch {
                        if !Task.isCancelled { self.send(.failed(ErrorPresenter.report(error))) }
                    }
                }
            }
        case .openBrowser(let url):
            spawn { self.send(.browserOpened(await s.openBrowser(url))) }
        case .answerSandboxConsent(let allow):
            attempt { try await s.answerSandboxConsent(allow: allow) }
        case .submitPastedRedirect(let text):
            attempt { self.send(.signInRedirect(approved: try await s.submitPastedRedirect(text))) }
        case .finishSignIn(let name, let apiBase, let reauthorizing):
            attempt(account: name) {
                let saved = try await s.finishSignIn(name: name, apiBase: apiBase, reauthorizing: reauthorizing)
                self.send(.accountConnected(name: saved, reauthorized: reauthorizing))
            }
        case .saveKeapApp(let clientID, let secret):
            attempt { try await s.saveApp(clientID: clientID, clientSecret: secret); self.send(.keapAppSaved(removed: false)) }
        case .removeKeapApp:
            attempt { try await s.removeApp(); self.send(.keapAppSaved(removed: true)) }
        case .testAccount(let name):
            attempt(account: name) { self.send(.accountTested(try await s.testAccount(name))) }
        case .cancelSignIn:
            spawn { await s.cancelSignIn() }
        case .addAPIKeyAccount(let name, let apiBase, let key):
            attempt(account: name) {
                let saved = try await s.addAPIKeyAccount(name: name, apiBase: apiBase, key: key.value)
                self.send(.accountConnected(name: saved, reauthorized: false))
            }
        case .renameAccount(let from, let to):
            attempt(account: from) { try await s.renameAccount(from: from, to: to); self.send(.accountsChanged(message: "Renamed \(from) to \(to)")) }
        case .removeAccount(let name):
            attempt(account: name) {
                let users = try await s.removeAccount(name)
                self.send(.accountsChanged(message: "Deleted \(name)" + (users.isEmpty ? "" : "; these data sources will stop refreshing: \(users.joined(separator: ", "))")))
            }
        case .preview(let request):
            attempt(account: request.accountName) {
                let summary = try await s.preview(request) { p in Task { @MainActor in self.send(.previewProgress(p)) } }
                self.send(.previewFinished(summary))
            }
        case .saveSource(let source, let replacing):
            attempt(account: source.accountName) { try await s.save(source, replacing: replacing); self.send(.sourceSaved(name: source.name)) }
        case .refresh(let name):
            attempt {
                let summary = try await s.refresh(name) { info in Task { @MainActor in self.send(.refreshProgress(info)) } }
                self.send(.refreshFinished(name: name, summary: summary))
            }
        case .deleteSource(let name):
            attempt { try await s.deleteSource(name); self.send(.sourceDeleted(name: name)) }
        case .openBrowse(let source):
            attempt {
                let tables = try await s.browseTables(source)
                let grid = try await s.openGrid(source: source, table: tables[0], query: BrowseQuery())
                self.send(.browseOpened(source: source, tables: tables, grid: grid))
            }
        case .openGrid(let source, let table, let query):
            attempt { self.send(.gridOpened(try await s.openGrid(source: source, table: table, query: query))) }
        case .exportBrowse(let source, let table, let query, let path):
            attempt {
                let written = try await s.exportBrowse(source: source, table: table, query: query, path: path)
                self.send(.browseExported(rows: written.rows, path: written.path))
            }
        case .readForCopy(let grid, let row, let column):
            spawn {
                let cells = grid.source.rows(in: row..<(row + 1)).first ?? []
                let name = column.flatMap { grid.source.columns.indices.contains($0) ? grid.source.columns[$0].name : nil } ?? ""
                self.send(.copyRead(cells: cells, row: row, column: column, columnName: name))
            }
        case .loadHistory(let source):
            attempt { self.send(.historyLoaded(source: source, runs: try await s.history(source))) }
        case .copyToClipboard, .quit:
            break
        }
    }
}
