import ArgumentParser
import Foundation
import TramaIngest
import TramaService

extension RankQuery.Measure: ExpressibleByArgument {}

struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank", abstract: "Entities ranked by centrality (PageRank, betweenness or degree): the brokers of a network.",
        discussion: """
            With --around KEY the ranking is computed inside that entity's neighbourhood (--hops), \
            exactly; betweenness over the whole graph is estimated from --samples source entities.
            """)

    @Option(help: "pagerank, betweenness or degree.") var by: RankQuery.Measure = .pagerank
    @Option(help: "Rank only within this entity's neighbourhood: kind:ID, an ID or a name.") var around: String?
    @Option(help: "How far the neighbourhood of --around reaches.") var hops = 2
    @Option(help: "Do not expand the neighbourhood through entities with more relationships than this.") var maxDegree: Int?
    @Option(help: "Source entities sampled for betweenness over the whole graph.") var samples = 256
    @Option(help: "Entity kinds to list, comma-separated (e.g. firm,person). Default: all.") var kinds: String?
    @Option(help: "How many to list.") var top = 20
    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard format == .text || format == .json else { throw ValidationError("--format must be text or json") }
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if hops < 1 || samples < 1 { throw ValidationError("--hops and --samples must be at least 1") }
    }

    func run() throws {
        let kindList = kinds.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        let known = EntityKind.allCases.map(\.rawValue)
        for k in kindList ?? [] where !known.contains(k) { throw ValidationError("unknown entity kind '\(k)'; known: \(known.joined(separator: ", "))") }
        let session = try store.open()
        defer { session.close() }
        let (graph, _) = try session.loadGraph()
        var query = RankQuery(measure: by, kinds: kindList, top: top)
        query.around = around
        query.hops = hops
        query.maxDegree = maxDegree
        query.samples = samples
        let answer = try query.run(on: graph, store: session.store)
        print(format == .json ? answer.json.pretty : answer.text)
    }
}
