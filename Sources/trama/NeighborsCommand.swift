import ArgumentParser
import Foundation
import TramaRender
import TramaService

struct NeighborsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbors",
        abstract: "The entities within a few hops of one, and every relationship among them (an ego network).")

    @Argument(help: "The entity at the centre: kind:ID, an ID or a name.") var center: String
    @Option(help: "How far to look, in hops.") var hops = 2
    @Option(help: "Relationship kinds to follow, comma-separated. Default: all.") var kinds: String?
    @Option(help: "Only relationships valid on this date (YYYY-MM-DD).") var at: String?
    @Option(help: "Show but do not expand entities with more relationships than this.") var maxDegree: Int?
    @Option(help: "At most this many new entities per hop.") var perHop = 60
    @Option(help: "text, json, dot, svg, png or pdf.") var format: OutputFormat = .text
    @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if format.isBinary && output == nil { throw ValidationError("--format \(format.rawValue) needs -o FILE") }
        if hops < 1 { throw ValidationError("--hops must be at least 1") }
    }

    func run() throws {
        var query = NeighborsQuery(center: center, hops: hops, maxDegree: maxDegree, perHopCap: perHop)
        if let at { query.at = try PathQuery.day(at) }
        if let kinds { query.relations = try PathQuery.relations(list: kinds) }
        let session = try store.open()
        defer { session.close() }
        let (graph, _) = try session.loadGraph()
        let answer = try query.run(on: graph, store: session.store)
        try Output.answer(text: answer.text, json: answer.json, map: { answer.map() }, format: format, session: session, to: output)
    }
}
