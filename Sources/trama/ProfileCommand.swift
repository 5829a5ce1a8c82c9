import ArgumentParser
import TramaService

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "One supplier's red flags: each value, its standing among the entities flagged alike, the evidence, and its map.",
        discussion: """
            Reads the latest stored scans (`trama suppliers scan`, `trama collusion scan`). The map (dot, svg, png, pdf) shows the \
            supplier's neighbourhood with the entities its evidence names highlighted.
            """)

    @Argument(help: "The supplier: kind:ID, an ID or a name.") var entity: String
    @Option(help: "How far the map reaches, in hops.") var hops = 1
    @Option(help: "At most this many entities per hop on the map.") var perHop = 60
    @Option(help: "text, json, dot, svg, png or pdf.") var format: OutputFormat = .text
    @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if format.isBinary && output == nil { throw ValidationError("--format \(format.rawValue) needs -o FILE") }
        if !(1...3).contains(hops) { throw ValidationError("--hops must be from 1 to 3") }
        if !(1...500).contains(perHop) { throw ValidationError("--per-hop must be from 1 to 500") }
    }

    func run() throws {
        var query = SupplierProfileQuery(entity: entity)
        query.hops = hops
        query.perHop = perHop
        let session = try store.open()
        defer { session.close() }
        let (graph, _) = try session.loadGraph()
        let answer = try query.run(on: graph, store: session.store)
        try Output.answer(text: answer.text, json: answer.json, map: { answer.map() }, format: format, session: session, to: output)
    }
}
