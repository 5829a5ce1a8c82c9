import ArgumentParser
import Foundation
import TramaService

extension Case.Status: ExpressibleByArgument {}

/// Alerts opened for review, acting as a user (an API token).
struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases", abstract: "Open alerts as cases, work them (status, assignee, notes) and close them.",
        subcommands: [Open.self, List.self, Show.self, Update.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a case on one or more alerts.")
        @Option(name: .customLong("alert"), help: "An alert's number (repeatable).") var alerts: [Int]
        @Option(help: "The case's title (default: the first alert's summary).") var title: String?
        @OptionGroup var user: InvestigationsCommand.User
        @OptionGroup var store: StoreOptions

        func run() throws {
            try user.acting(store) { session, me in
                let id = try Cases(store: session.store, user: me).open(alerts: alerts, title: title)
                print("case \(id) opened")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The cases the user owns or is assigned.")
        @Option(help: "Only this status: open, in_review, founded, unfounded, duplicate.") var status: Case.Status?
        @Option(help: "text or json.") var format: ListFormat = .text
        @OptionGroup var user: InvestigationsCommand.User
        @OptionGroup var store: StoreOptions

        func run() throws {
            try user.acting(store) { session, me in
                let list = try Cases(store: session.store, user: me).list(status: status)
                print(format == .json ? list.json.pretty : list.text)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A case: its alerts with their evidence, and its history.")
        @Argument(help: "The case's number.") var id: Int
        @Option(help: "text or json.") var format: ListFormat = .text
        @OptionGroup var user: InvestigationsCommand.User
        @OptionGroup var store: StoreOptions

        func run() throws {
            try user.acting(store) { session, me in
                let shown = try Cases(store: session.store, user: me).load(id)
                print(format == .json ? shown.json.pretty : shown.text)
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a case: status, assignee, a note, more alerts, linked investigations.",
            discussion: "Closing as unfounded keeps its alerts quiet on later imports unless their evidence changes.")
        @Argument(help: "The case's number.") var id: Int
        @Option(help: "open, in_review, founded, unfounded or duplicate.") var status: Case.Status?
        @Option(help: "The API token (name or number) to assign; '' to unassign.") var assignee: String?
        @Option(help: "A note for the history.") var note: String?
        @Option(name: .customLong("alert"), help: "Attach an alert (repeatable).") var alerts: [Int] = []
        @Option(name: .customLong("investigation"), help: "Link an investigation (repeatable).") var investigations: [Int] = []
        @Option(name: .customLong("report"), help: "Link an evidence report: its reproducing command, digest or place (repeatable).") var reports: [String] = []
        @OptionGroup var user: InvestigationsCommand.User
        @OptionGroup var store: StoreOptions

        func run() throws {
            try user.acting(store) { session, me in
                let change = CaseChange(
                    status: status, assignee: assignee, note: note, alerts: alerts.isEmpty ? nil : alerts, investigations: investigations.isEmpty ? nil : investigations,
                    reports: reports.isEmpty ? nil : reports)
                try Cases(store: session.store, user: me).change(id, change)
                print("case \(id) changed")
            }
        }
    }
}
