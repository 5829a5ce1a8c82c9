import ArgumentParser
import Foundation
import TramaGraph
import TramaService

/// The options `trama owners` and `trama holdings` share.
struct OwnershipOptions: ParsableArguments {
    @Argument(help: "The entity: kind:ID, an ID or a name.") var entity: String
    @Option(help: "Only relationships valid on this date (YYYY-MM-DD). Default: any date.") var at: String?
    @Option(help: "Leave out those whose effective share is known and below this percentage.") var minShare: Double?
    @Option(help: "The longest chain followed, in relationships.") var depth = OwnershipQuery.defaultDepth
    @Option(help: "text, json, dot, svg, png or pdf.") var format: OutputFormat = .text
    @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if format.isBinary && output == nil { throw ValidationError("--format \(format.rawValue) needs -o FILE") }
        if depth < 1 { throw ValidationError("--depth must be at least 1") }
        if let minShare, !(0...100).contains(minShare) { throw ValidationError("--min-share is a percentage, from 0 to 100") }
    }

    func run(_ direction: ChainDirection) throws {
        let query = OwnershipQuery(entity: entity, direction: direction, at: try at.map(PathQuery.day), minimumShare: minShare, depth: depth)
        let session = try store.open()
        defer { session.close() }
        let (graph, _) = try session.loadGraph()
        let answer = try query.run(on: graph, store: session.store)
        try Output.answer(text: answer.text, json: answer.json, map: { answer.map() }, format: format, session: session, to: output)
    }
}

struct OwnersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "owners",
        abstract: "Who owns an entity, up every chain of ownership and control, each with its effective share.",
        discussion: """
            Follows owns (with its share), controls and director_of relationships (BODS interests arrive as these) \
            from the entity to its owners, their owners, and so on. An owner's effective share multiplies the shares \
            along a chain and adds over the distinct chains; a cycle of cross-holdings is walked once; a chain through \
            a stake with no stated share is listed with its share unknown. Natural persons and ultimate owners are marked.
            """)
    @OptionGroup var options: OwnershipOptions

    func run() throws { try options.run(.owners) }
}

struct HoldingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holdings", abstract: "What an entity holds, down every chain of ownership and control, each with its effective share.")
    @OptionGroup var options: OwnershipOptions

    func run() throws { try options.run(.holdings) }
}
