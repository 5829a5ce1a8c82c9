import ArgumentParser
import Foundation
import TramaIngest
import TramaService

extension RankQuery.Measure: ExpressibleByArgument {}

struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank", abstract: "Entities ranked by centrality (PageRank or degree): the brokers of a network.")

    @Option(help: "pagerank or degree.") var by: RankQuery.Measure = .pagerank
    @Option(help: "Entity kinds to list, comma-separated (e.g. firm,person). Default: all.") var kinds: String?
    @Option(help: "How many to list.") var top = 20
    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard format == .text || format == .json else { throw ValidationError("--format must be text or json") }
        if top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let kindList = kinds.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        let known = EntityKind.allCases.map(\.rawValue)
        for k in kindList ?? [] where !known.contains(k) { throw ValidationError("unknown entity kind '\(k)'; known: \(known.joined(separator: ", "))") }
        let session = try store.open()
        defer { session.close() }
        let (graph, _) = try session.loadGraph()
        let answer = try RankQuery(measure: by, kinds: kindList, top: top).run(on: graph, store: session.store)
        print(format == .json ? answer.json.pretty : answer.text)
    }
}
