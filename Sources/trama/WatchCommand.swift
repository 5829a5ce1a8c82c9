import ArgumentParser
import Foundation
import TramaAnalysis
import TramaService

/// Watchlists from the command line, acting as a user (an API token) as investigations do:
/// watching an entity applies its list's own control and activity rules at once.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Watch entities (firms, people, judges, agencies): alerts on what changes about them after each import.",
        subcommands: [Add.self, Remove.self, List.self, Share.self])

    struct Share: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Share one of the user's watchlists with another user, to read or edit (none: take it back).")
        @Argument(help: "The watchlist.") var list: String
        @Option(help: "The user: an API token's name or number.") var with: String
        @Option(help: "read, edit or none.") var access = "read"
        @OptionGroup var user: InvestigationsCommand.User
        @OptionGroup var store: StoreOptions

        func run() throws {
            try user.acting(store) { session, me in
                try Watch(store: session.store, user: me).share(list, with: with, access: access == "none" ? nil : access)
                print(access == "none" ? "'\(list)' is no longer shared with \(with)" : "'\(list)' is shared with \(with) to \(access)")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Watch an entity in a list (created with its own rules when new).")
        @Argument(help: "The entity: kind:key, an ID or a name.") var entity: String
        @Option(help: "The watchlist.") var list = Watch.defaultList
        @OptionGroup var user: InvestigationsCommand.User
        @OptionGroup var store: StoreOptions

        func run() throws {
            try user.acting(store) { session, me in
                print(try Watch(store: session.store, user: me).add(entity, list: list).text)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop watching an entity in a list.")
        @Argument(help: "The entity.") var entity: String
        @Option(help: "The watchlist.") var list = Watch.defaultList
        @OptionGroup var user: InvestigationsCommand.User
        @OptionGroup var store: StoreOptions

        func run() throws {
            try user.acting(store) { session, me in
                print(try Watch(store: session.store, user: me).remove(entity, list: list).text)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The user's watchlists and those shared with them.")
        @OptionGroup var user: InvestigationsCommand.User
        @Option(help: "text or json.") var format: ListFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            try user.acting(store) { session, me in
                let lists = try Watch(store: session.store, user: me).lists()
                print(format == .json ? lists.json.pretty : lists.text)
            }
        }
    }
}

extension WatchEvent: ExpressibleByArgument {}
extension WatchRule.Kind: ExpressibleByArgument {}

/// Saved questions asked again of every new graph.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Add, list and remove the rules evaluated after each import.", subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a rule.",
            discussion: """
                flag_filter: entities whose flags satisfy --filter (`trama flags --filter` syntax), in --watchlist or all. \
                connection: any path of at most --hops relationships (of --relation kinds) between --watchlist and --to. \
                control: new owners, directors, representatives or shared owners of --watchlist's entities. \
                activity: --watchlist's entities bid, win, are sanctioned, donate or appear in a case (--event to choose).
                """)
        @Argument(help: "flag_filter, connection, control or activity.") var kind: WatchRule.Kind
        @Option(help: "The rule's name.") var name: String
        @Option(help: "flag_filter: the filter expression.") var filter: String?
        @Option(help: "The watchlist watched.") var watchlist: String?
        @Option(help: "connection: the other watchlist.") var to: String?
        @Option(help: "connection: the longest path, in relationships (1–6).") var hops: Int?
        @Option(name: .customLong("relation"), help: "connection: only these relationship kinds (repeatable).") var relations: [String] = []
        @Option(name: .customLong("event"), help: "activity: bids, wins, sanctioned, donates, appears_in_case (repeatable; all when none).")
        var events: [WatchEvent] = []
        @OptionGroup var user: InvestigationsCommand.User
        @OptionGroup var store: StoreOptions

        func run() throws {
            try user.acting(store) { session, me in
                let id = try Watch(store: session.store, user: me).addRule(
                    name: name, kind: kind, filter: filter, watchlist: watchlist, toWatchlist: to, hops: hops, relations: relations.isEmpty ? nil : relations,
                    events: events.isEmpty ? nil : events)
                print("rule \(id) added; it is evaluated on the next import (its first evaluation records what holds without alerting)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The user's rules, with the graph each was last evaluated on.")
        @OptionGroup var user: InvestigationsCommand.User
        @Option(help: "text or json.") var format: ListFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            try user.acting(store) { session, me in
                let rules = try Watch(store: session.store, user: me).rules()
                print(format == .json ? rules.json.pretty : rules.text)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a rule (its alerts go with it).")
        @Argument(help: "The rule's number.") var id: Int
        @OptionGroup var user: InvestigationsCommand.User
        @OptionGroup var store: StoreOptions

        func run() throws {
            try user.acting(store) { session, me in
                try Watch(store: session.store, user: me).removeRule(id)
                print("rule \(id) removed")
            }
        }
    }
}

/// What the rules found new or gone after each import.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Alerts raised by the rules: what changed about what is watched.", subcommands: [List.self, Evaluate.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Alerts of the user's rules (every rule's without --as), newest first.")
        @Option(name: .customLong("as"), help: "The user: an API token's number or name.") var user: String?
        @Option(help: "Only alerts raised by imports after this one (`trama db imports`).") var since: Int?
        @Option(help: "Only this rule's alerts.") var rule: Int?
        @Option(help: "At most this many.") var limit = 50
        @Option(help: "text or json.") var format: ListFormat = .text
        @OptionGroup var store: StoreOptions

        func validate() throws { guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be from 1 to 10000") } }

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let alerts = try AlertList.read(
                store: session.store, user: try user.map { try InvestigationsCommand.userID($0, session) }, since: since, rule: rule, limit: limit)
            print(format == .json ? alerts.json.pretty : alerts.text)
        }
    }

    /// After a scan: its new flags make the flag-filter rules due (said on stderr, so that
    /// `--format json` output stays one document). The scan is stored whatever happens here: a
    /// failed evaluation is reported and left for `trama alerts evaluate`.
    static func evaluateAfterScan(_ session: Session) {
        let message: String
        do {
            let evaluation = try AlertEvaluation.run(session: session)
            guard evaluation.evaluated > 0 else { return }
            message = "\(evaluation.text) (`trama alerts`)"
        } catch {
            message = "the watch rules could not be evaluated (\(error)); `trama alerts evaluate` tries again"
        }
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate the rules due on the graph as it stands (imports and scans do this themselves).")
        @Option(help: "text or json.") var format: ListFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let answer = try AlertEvaluation.run(session: session)
            print(format == .json ? answer.json.pretty : answer.text)
        }
    }
}

/// Where a user's alerts are POSTed, signed.
struct WebhooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks", abstract: "Add, list and remove the webhooks a user's alerts are POSTed to, and send what is due.",
        subcommands: [Add.self, List.self, Remove.self, Deliver.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a webhook.",
            discussion: "Each new alert is POSTed as JSON with `Trama-Signature: sha256=<HMAC-SHA-256 of the body under the secret>`, retried with backoff until the receiver answers 2xx.")
        @Argument(help: "The receiver's http or https URL.") var url: String
        @Option(help: "The shared secret the signature is made with (16 to 200 characters).") var secret: String
        @OptionGroup var user: InvestigationsCommand.User
        @OptionGroup var store: StoreOptions

        func run() throws {
            try user.acting(store) { session, me in
                let id = try Webhooks(store: session.store, user: me).add(url: url, secret: secret)
                print("webhook \(id) added: alerts raised from now on are POSTed to it")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The user's webhooks and how their deliveries stand.")
        @Option(help: "text or json.") var format: ListFormat = .text
        @OptionGroup var user: InvestigationsCommand.User
        @OptionGroup var store: StoreOptions

        func run() throws {
            try user.acting(store) { session, me in
                let list = try Webhooks(store: session.store, user: me).list()
                print(format == .json ? list.json.pretty : list.text)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a webhook.")
        @Argument(help: "The webhook's number.") var id: Int
        @OptionGroup var user: InvestigationsCommand.User
        @OptionGroup var store: StoreOptions

        func run() throws {
            try user.acting(store) { session, me in
                try Webhooks(store: session.store, user: me).remove(id)
                print("webhook \(id) removed")
            }
        }
    }

    struct Deliver: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send the deliveries that are due now (a running server does this every few seconds).")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let sent = try WebhookDelivery().deliverDue(store: session.store)
            print("\(sent.delivered) delivered, \(sent.failed) attempts failed (retried later)")
        }
    }
}
