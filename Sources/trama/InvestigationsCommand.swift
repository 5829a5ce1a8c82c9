import ArgumentParser
import Foundation
import TramaRender
import TramaService

/// Saved investigations from the command line, as the explorer and the API have them: the same
/// store, the same access rules, the same changes (the JSON body of
/// `POST /api/v1/investigations/{id}/changes`). Whoever runs the CLI holds the database, so
/// they say which user (API token) they act as.
struct InvestigationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "investigations", abstract: "List, show, start and change saved investigations, acting as a user (an API token).",
        subcommands: [List.self, Show.self, Create.self, Change.self])

    struct User: ParsableArguments {
        @Option(name: .customLong("as"), help: "The user to act as: an API token's number or name (`trama token list`).") var user: String

        /// The API token acting.
        func id(_ session: Session) throws -> Int { try InvestigationsCommand.userID(user, session) }

        /// Runs `body` with the store open and the acting token's number: what every command of
        /// one user's watchlists, rules, webhooks and cases does first.
        func acting<R>(_ store: StoreOptions, _ body: (Session, Int) throws -> R) throws -> R {
            let session = try store.open()
            defer { session.close() }
            return try body(session, try id(session))
        }
    }

    static func investigations(_ user: String, _ session: Session) throws -> Investigations {
        Investigations(store: session.store, user: try userID(user, session))
    }

    /// The API token a command acts as: its number (`12`, `#12`) or its name.
    static func userID(_ user: String, _ session: Session) throws -> Int { try AccessTokens.userID(user, store: session.store) }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The user's investigations and those shared with them.")
        @OptionGroup var user: User
        @Option(help: "text or json.") var format: ListFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let list = try InvestigationsCommand.investigations(user.user, session).list()
            if format == .json { return print(list.json.pretty) }
            if list.investigations.isEmpty { return print("no investigations") }
            for i in list.investigations {
                print("\(i.id)  \(i.name)  · \(i.entities) entities · \(i.access == .owner ? "yours" : "\(i.ownerName)'s, \(i.access.rawValue)") · changed \(i.updatedAt)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An investigation: its entities, notes and pins, and the relationships among them.")
        @Argument(help: "The investigation's id.") var id: Int
        @OptionGroup var user: User
        @Option(help: "Only relationships valid on this date (YYYY-MM-DD).") var at: String?
        @Option(help: "text, json, dot, svg, png or pdf.") var format: OutputFormat = .text
        @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if format.isBinary && output == nil { throw ValidationError("--format \(format.rawValue) needs -o FILE") }
        }

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let (graph, _) = try session.loadGraph()
            let shown = try InvestigationsCommand.investigations(user.user, session).load(id, graph: graph, at: try at.map(PathQuery.day))
            try Output.answer(text: Self.text(shown), json: shown.json, map: { shown.map() }, format: format, session: session, to: output)
        }

        static func text(_ i: Investigation) -> String {
            var lines = ["\(i.name) (investigation \(i.id), \(i.access == .owner ? "yours" : "\(i.ownerName)'s, shared to \(i.access.rawValue)")): "
                + "\(i.entities.count) entities, \(i.relationships.count) relationships among them"]
            for m in i.entities {
                lines.append("  \(m.pinned ? "*" : " ") \(PathAnswer.describe(m.entity))\(m.inData ? "" : " (no longer in the data)")\(m.note.isEmpty ? "" : " — \(m.note)")")
            }
            for e in i.relationships { lines.append("    \(e.from) —\(e.kind)→ \(e.to)  [\(e.dataset) \(e.source)]") }
            return lines.joined(separator: "\n")
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start an investigation, with entities (kind:key) if given; prints its id.")
        @Argument(help: "Its name.") var name: String
        @Argument(help: "Entities to start with, as kind:key.") var entities: [String] = []
        @OptionGroup var user: User
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            print(try InvestigationsCommand.investigations(user.user, session).create(name: name, entities: entities))
        }
    }

    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an investigation: the JSON the API takes, e.g. '{\"action\": \"expand\", \"entity\": \"firm:F1\"}'.",
            discussion: "Actions: add (entities), expand (entity, kinds, at), remove (entity), clear, annotate (entity, pinned, note), merge (other), share (with, access: read|edit|none), rename (name).")
        @Argument(help: "The investigation's id.") var id: Int
        @Argument(help: "The change, as JSON.") var change: String
        @OptionGroup var user: User
        @OptionGroup var store: StoreOptions

        func run() throws {
            let asked: InvestigationChange
            do { asked = try JSONDecoder().decode(InvestigationChange.self, from: Data(change.utf8)) } catch {
                throw ServiceError.badParameter(name: "change", reason: "is not a change as the API takes it: \(error)")
            }
            let session = try store.open()
            defer { session.close() }
            let (graph, _) = try session.loadGraph()
            let outcome = try asked.apply(to: id, in: InvestigationsCommand.investigations(user.user, session), graph: graph)
            print(asked.action == .expand ? "added \(outcome.changed), \(outcome.more) more left out" : "done: \(outcome.changed) changed")
        }
    }
}
