import ArgumentParser
import Foundation
import InfuseCore

/// `infuse endpoints`: the v1 endpoint catalogue.
struct EndpointsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endpoints", abstract: "List the Keap REST v1 GET endpoints Infuse can fetch.")

    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await CLI.guarded {
            let endpoints = EndpointCatalogue.v1
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                CLI.out(String(decoding: try encoder.encode(endpoints), as: UTF8.self))
                return
            }
            let rows = endpoints.map { endpoint in
                [endpoint.id, endpoint.path, endpoint.paged ? "paged" : "", endpoint.summary]
            }
            CLI.out(TextTable.render(header: ["ID", "PATH", "PAGING", "SUMMARY"], rows: rows))
        }
    }
}
