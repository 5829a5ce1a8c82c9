import ArgumentParser
import Foundation
import TramaGraph
import TramaRender
import TramaService

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, dot, svg, png, pdf

    var render: RenderFormat? { RenderFormat(rawValue: rawValue) }
    var isBinary: Bool { self == .png || self == .pdf }
}

struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "The shortest connection between two entities, each hop with its dates and source record.",
        discussion: """
            An entity is kind:ID (firm:F0000123, person:P0000042, agency:A00007, …) or an unambiguous \
            ID or name. Relationships are followed in either direction.

            With --pairs FILE (one FROM TO pair per line, tab-separated when names have spaces), every \
            pair is answered in one process, one JSON object per line (JSON Lines).

            With --among FILE (one entity per line), every pair of those entities within --max-hops \
            of each other, closest first, under the same --kinds, --at, --max-degree, --budget (per \
            entity) and --directed: the batch screen over a market's bidders.
            """)

    @Argument(help: "Where the connection starts (omit with --pairs).") var from: String?
    @Argument(help: "Where it ends (omit with --pairs).") var to: String?
    @Option(help: "The k shortest (or, with --weights, cheapest) distinct paths, best first.") var k: Int?
    @Flag(help: "Every path of the shortest length (at most --limit).") var all = false
    @Option(help: "Most paths --all lists.") var limit = 1000
    @Option(help: "A file of FROM TO pairs to answer in one go, as JSON Lines.") var pairs: String?
    @Option(help: "A file of entities, one per line: every pair of them within --max-hops.") var among: String?
    @Option(help: "Longest connection to look for, in hops.") var maxHops = 6
    @Option(help: "Relationship kinds to follow, comma-separated (e.g. owns,employed_by). Default: all.") var kinds: String?
    @Option(help: "Only relationships valid on this date (YYYY-MM-DD).") var at: String?
    @Option(help: "Do not pass through entities with more relationships than this (registered agents, the state).") var maxDegree: Int?
    @Option(help: "Cost per relationship kind, e.g. relative_of=0.5,owns=1,registered_at=3 (others cost 1): the cheapest path instead of the shortest.")
    var weights: String?
    @Option(help: "Relationships to inspect before giving up with \"budget exhausted\".") var budget = 50_000_000
    @Flag(help: "Follow relationships only in their stated direction (FROM owns … owns TO): a chain of control, not any connection.")
    var directed = false
    @Option(help: "The graph as it stood after this import: its number (`trama db imports`) or a time (2026-01-31T12:00:00Z).") var asOf: String?
    @Option(help: "text, json, dot, svg, png or pdf.") var format: OutputFormat = .text
    @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if pairs == nil, among == nil, from == nil || to == nil { throw ValidationError("name two entities, FROM and TO, or give --pairs FILE or --among FILE") }
        if pairs != nil || among != nil, from != nil { throw ValidationError("give either FROM TO or --pairs FILE or --among FILE, not two of them") }
        if pairs != nil, among != nil { throw ValidationError("give either --pairs FILE or --among FILE, not both") }
        if among != nil, format != .json, format != .text { throw ValidationError("--among answers as text or json") }
        if among != nil, k != nil || all || weights != nil { throw ValidationError("--among finds pairs within --max-hops; it does not take --k, --all or --weights") }
        if pairs != nil, format != .json, format != .text { throw ValidationError("--pairs writes JSON Lines; --format may only be json") }
        if let k, k < 1 { throw ValidationError("--k must be at least 1") }
        if k != nil, all { throw ValidationError("--k and --all are different questions: give one") }
        if all, weights != nil { throw ValidationError("--all lists paths of the fewest hops; it does not take --weights (use --k with --weights)") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if format.isBinary && output == nil { throw ValidationError("--format \(format.rawValue) needs -o FILE") }
        if maxHops < 1 { throw ValidationError("--max-hops must be at least 1") }
        if budget < 1 { throw ValidationError("--budget must be at least 1") }
    }

    func run() throws {
        var query = PathQuery(from: from ?? "", to: to ?? "", maxHops: maxHops, maxDegree: maxDegree)
        if let at { query.at = try PathQuery.day(at) }
        if let kinds { query.relations = try PathQuery.relations(list: kinds) }
        if let weights { query.weights = try PathQuery.weights(list: weights) }
        query.visitBudget = budget
        query.directed = directed
        if let k { query.paths = .shortest(k) }
        if all { query.paths = .allShortest(limit: limit) }
        let pairList = try pairs.map { try PathBatch.pairs(file: $0) }
        let members = try among.map { try PathScreen.members(file: $0) }
        let session = try store.open()
        defer { session.close() }
        let (graph, store, _) = try session.graph(asOf: asOf)
        if let members {
            let answer = try PathScreen(query: query).run(members, on: graph, store: store)
            try Output.write(Array(((format == .json ? answer.json.pretty : answer.text) + "\n").utf8), to: output)
            if let output { Console.note("wrote \(answer.total) pairs to \(output)") }
            return
        }
        if let pairList {
            var lines: [UInt8] = []
            try PathBatch(query: query).run(pairList, on: graph, store: store) { lines += Array(($0.compact + "\n").utf8) }
            try Output.write(lines, to: output)
            if let output { Console.note("wrote \(pairList.count) answers to \(output)") }
            return
        }
        let answer = try query.run(on: graph, store: store)
        try Output.answer(text: answer.text, json: answer.json, map: { answer.map() }, format: format, session: session, to: output)
    }
}

enum Output {
    /// An answer as text, JSON or a drawn map, to `path` or standard output.
    static func answer(
        text: @autoclosure () -> String, json: @autoclosure () -> JSONValue, map: () -> NetworkMap, format: OutputFormat, session: Session, to path: String?
    ) throws {
        let bytes: [UInt8]
        switch format {
        case .text: bytes = Array((text() + "\n").utf8)
        case .json: bytes = Array((json().pretty + "\n").utf8)
        case .dot, .svg, .png, .pdf:
            let theme = try Theme.load(from: session.resources.theme("default"))
            bytes = try GraphvizRenderer().render(map(), theme: theme, format: format.render!)
        }
        try write(bytes, to: path)
        if let path { Console.note("wrote \(path)") }
    }

    static func write(_ bytes: [UInt8], to path: String?) throws {
        if let path {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}
