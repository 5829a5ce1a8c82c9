import ArgumentParser
import Foundation
import TramaRender
import TramaService

extension CommunitiesQuery.Basis: ExpressibleByArgument {}

struct CommunitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "communities",
        abstract: "Groups that hang together (Louvain), in the whole graph or among firms that co-bid or share people.",
        discussion: "Communities are patterns to review, not findings: a group of firms that often bid together may be a ring or a market.")

    @Option(help: "graph, co-bidding, shared-owners or shared-employees.") var on: CommunitiesQuery.Basis = .coBidding
    @Option(help: "Only relationships valid on this date (YYYY-MM-DD).") var at: String?
    @Option(help: "Ignore shared tenders or people with more firms than this (on the graph: entities with more relationships).")
    var maxSharedDegree = 200
    @Option(help: "Link two firms only when they share at least this many.") var minWeight = 1.0
    @Option(help: "Louvain resolution: above 1, smaller communities.") var resolution = 1.0
    @Option(help: "Seed: the same seed gives the same communities.") var seed: UInt64 = 1
    @Option(help: "Smallest community to list.") var minSize = 3
    @Option(help: "How many communities to list, largest first.") var top = 20
    @Option(help: "text, json, dot, svg, png or pdf (a map: each community a box around its members).") var format: OutputFormat = .text
    @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if format.isBinary && output == nil { throw ValidationError("--format \(format.rawValue) needs -o FILE") }
        if resolution <= 0 { throw ValidationError("--resolution must be positive") }
        if top < 1 || minSize < 1 || maxSharedDegree < 2 { throw ValidationError("--top and --min-size must be at least 1, --max-shared-degree at least 2") }
    }

    func run() throws {
        var query = CommunitiesQuery(basis: on)
        if let at { query.at = try PathQuery.day(at) }
        query.maxSharedDegree = maxSharedDegree
        query.minimumWeight = minWeight
        query.resolution = resolution
        query.seed = seed
        query.minimumSize = minSize
        query.top = top
        let session = try store.open()
        defer { session.close() }
        let (graph, _) = try session.loadGraph()
        let answer = try query.run(on: graph, store: session.store)
        try Output.answer(text: answer.text, json: answer.json, map: { answer.map() }, format: format, session: session, to: output)
    }
}
