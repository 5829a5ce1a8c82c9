import ArgumentParser
import Foundation
import TramaIngest
import TramaGraph
import TramaRender
import TramaService

extension JudgesCommand {
    struct Map: ParsableCommand {
        enum Format: String, ExpressibleByArgument { case svg, png, pdf, dot, json }
        static let configuration = CommandConfiguration(
            abstract: "A judge's network map: court, appointment, family, interests, parties and lawyers, conflicts in red.",
            discussion: """
                The judge is at the centre (twopi up to 45 entities, neato up to 150, sfdp beyond). At most \
                --max-nodes entities are drawn; the rest are counted beside the entity they are tied to \
                ("+329 judges"), and when the judge has more than --group-cases cases, the parties and \
                lawyers behind them are drawn once each with the number of cases they share. Conflicts of \
                interest in the judge's cases are drawn whole in red. The same data and options give the \
                same bytes; pass --generated to print a fixed date in the title block.
                """)

        @Argument(help: "The judge: kind:ID (judge:fjc:1393931), an ID or a name.") var judge: String
        @Option(help: "How far to look, in hops.") var hops = 2
        @Option(help: "Only relationships valid on this date (YYYY-MM-DD), and cases filed by then.") var at: String?
        @Option(help: "At most this many entities drawn (summaries come on top).") var maxNodes = 24
        @Option(help: "Group the judge's cases by party and lawyer when there are more than this many.") var groupCases = 8
        @Option(help: "Draw, but do not expand, entities with more relationships than this.") var maxDegree = 50
        @Option(help: "The date printed as 'generated' (YYYY-MM-DD; default today).") var generated: String?
        @Option(help: "svg, png, pdf, dot or json.") var format: Format = .svg
        @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if (format == .png || format == .pdf) && output == nil { throw ValidationError("--format \(format.rawValue) needs -o FILE") }
            if hops < 1 { throw ValidationError("--hops must be at least 1") }
            if maxNodes < 1 { throw ValidationError("--max-nodes must be at least 1") }
        }

        func run() throws {
            var query = JudgeMapQuery(judge: judge, generated: try generated.map(PathQuery.day) ?? Day.today)
            query.plan.hops = hops
            query.plan.maxNodes = maxNodes
            query.plan.groupThreshold = groupCases
            query.plan.maxDegree = maxDegree
            if let at { query.plan.validAt = try PathQuery.day(at) }
            let session = try store.open()
            defer { session.close() }
            let (graph, _) = try session.loadGraph()
            let answer = try query.run(on: graph, store: session.store)
            let bytes: [UInt8]
            var overlapping = 0
            if format == .json {
                bytes = Array((answer.json.pretty + "\n").utf8)
            } else {
                let theme = try Theme.load(from: session.resources.theme("default"))
                let drawn = try GraphvizRenderer().draw(answer.map(), theme: theme, format: RenderFormat(rawValue: format.rawValue)!, layout: answer.layout)
                (bytes, overlapping) = (drawn.bytes, drawn.overlappingLabels)
            }
            try Output.write(bytes, to: output)
            if overlapping > 0 {
                Console.note("warning: \(overlapping) edge label(s) still touch an entity or another label; try a smaller --max-nodes")
            }
            if let output { Console.note("wrote \(output): \(answer.entities.count) entities, \(answer.conflicts) conflicts, layout \(answer.layout.rawValue)") }
        }
    }
}
