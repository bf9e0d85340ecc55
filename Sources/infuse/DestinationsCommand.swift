import ArgumentParser
import Foundation
import InfuseApp
import InfuseCore

/// `infuse destinations`: check a PostgreSQL destination and store its password.
struct DestinationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "destinations", abstract: "Check PostgreSQL destinations and store their passwords.",
        subcommands: [Test.self, SetPassword.self])

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Connect, print the server's version and check a schema can be created.")
        @Argument(help: "postgres://user@host:port/database?sslmode=disable|require") var url: String

        func run() async throws {
            try await CLI.guarded {
                let destination = try PostgresURL(parsing: url)
                let context = try InfuseContext.open()
                let report = try await PostgresDestinationCheck.run(destination, secrets: context.secrets)
                CLI.out("ok: \(destination.host):\(destination.port)/\(destination.database) as \(destination.user): \(report.serverVersion); schemas can be created")
            }
        }
    }

    struct SetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password",
            abstract: "Store a destination's password in the secrets file, read from standard input (empty removes it).")
        @Argument(help: "postgres://user@host:port/database?sslmode=disable|require") var url: String

        func run() async throws {
            try await CLI.guarded {
                let destination = try PostgresURL(parsing: url)
                let context = try InfuseContext.open()
                let line = readLine(strippingNewline: true) ?? ""
                try await context.secrets.setDestinationPassword(line.isEmpty ? nil : line, for: destination)
                CLI.out(line.isEmpty ? "removed the password of \(destination)" : "stored the password of \(destination)")
            }
        }
    }
}
