import ArgumentParser
import Foundation
import TramaModel
import TramaService
import TramaStore

/// The entity an argument names — `kind:ID`, an ID or a name — following a merge to the entity
/// it became, as `GET /api/v1/entities/{ref}` answers 308 for it.
func entity(_ text: String, store: Store) throws -> Store.NodeRef {
    if let parts = KindKey(text), EntityKind(rawValue: parts.kind) != nil {
        switch try EntityReference.resolve(text, store: store) {
        case let .entity(ref): return ref
        case let .merged(into):
            Console.note("\(text) is now \(into)")
            return try EntityResolver(store: store).resolve(into)
        }
    }
    return try EntityResolver(store: store).resolve(text)
}

struct EntityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "One entity: identity, properties, every dataset tying to it, its relationships by kind and its red flags.")
    @Argument(help: "The entity: kind:ID, an ID or a name.") var reference: String
    @OptionGroup var format: TextOrJSON
    @OptionGroup var store: StoreOptions

    func run() throws {
        let session = try store.open()
        defer { session.close() }
        let ref = try entity(reference, store: session.store)
        let (graph, _) = try session.loadGraph()
        let answer = try EntityAnswer.load(ref, graph: graph, store: session.store)
        format.print(text: answer.text, json: answer.json)
    }
}

struct RelationshipsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relationships",
        abstract: "One entity's relationships, a page at a time, each with its dates and source record (a hub's 50,000 too).")
    @Argument(help: "The entity: kind:ID, an ID or a name.") var reference: String
    @Option(help: "Only relationships of this kind.") var kind: String?
    @Option(help: "out (the entity is the source), in, or both.") var direction: RelationshipsQuery.Direction = .both
    @Option(help: "Only relationships valid on this date (YYYY-MM-DD).") var at: String?
    @OptionGroup var page: PageOptions
    @OptionGroup var format: TextOrJSON
    @OptionGroup var store: StoreOptions

    func run() throws {
        var query = RelationshipsQuery(kind: kind, direction: direction, at: try at.map(PathQuery.day))
        (query.limit, query.offset) = (page.limit, page.offset)
        let session = try store.open()
        defer { session.close() }
        let ref = try entity(reference, store: session.store)
        let (graph, _) = try session.loadGraph()
        let answer = try query.run(ref, graph: graph, store: session.store)
        format.print(text: answer.text, json: answer.json)
    }
}

extension RelationshipsQuery.Direction: ExpressibleByArgument {}

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Entities by identifier (exactly) or by name (similar spellings too), best first.")
    @Argument(help: "An identifier or part of a name.") var text: String
    @Option(help: "Only entities of this kind.") var kind: String?
    @Option(help: "Only entities from this dataset.") var dataset: String?
    @Flag(inversion: .prefixedNo, help: "Only entities with (or without) red flags.") var flagged: Bool?
    @OptionGroup var page: PageOptions
    @OptionGroup var format: TextOrJSON
    @OptionGroup var store: StoreOptions

    func run() throws {
        var search = EntitySearch(text: text, kind: kind, dataset: dataset, flagged: flagged)
        (search.limit, search.offset) = (page.limit, page.offset)
        let session = try store.open()
        defer { session.close() }
        let answer = try search.run(store: session.store)
        format.print(text: answer.text, json: answer.json)
    }
}
