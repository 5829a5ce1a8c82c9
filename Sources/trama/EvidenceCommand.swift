import ArgumentParser
import Foundation
import TramaGraph
import TramaRender
import TramaService
import TramaStore

struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "A reproducible report of how two entities are connected, every hop with its dates and source record.",
        discussion: """
            Writes to the folder -o names: report.html (self-contained, printable), report.pdf, map.svg, map.png, \
            evidence.json (the `trama path` answer with each hop's provenance: dataset, source record, the imported \
            file's SHA-256, the source's own id or URL) and MANIFEST.sha256 (check with `sha256sum -c`).

            With --at, connections whose every relationship was valid on that date come first; connections that \
            needed a relationship not valid then are listed after them, marked. The report names the import its \
            data is as of; --as-of an earlier import rebuilds the graph as it stood then. With --reproducible the \
            one time in the report is fixed (SOURCE_DATE_EPOCH, else the time of that import), so the same data and \
            options give byte-identical files.
            """)

    @Argument(help: "One entity: kind:ID, an ID or a name.") var from: String
    @Argument(help: "The other.") var to: String
    @Option(help: "The date that matters (YYYY-MM-DD): connections valid then come first.") var at: String?
    @Option(help: "How many shortest connections to list (1–\(EvidenceQuery.kLimit)).") var k = 3
    @Option(help: "Longest connection to look for, in hops.") var maxHops = 6
    @Option(help: "Relationship kinds to follow, comma-separated. Default: all.") var kinds: String?
    @Option(help: "Do not pass through entities with more relationships than this (they are listed). Default: no cut-off.") var maxDegree: Int?
    @Flag(help: "Follow relationships only in their stated direction (a chain of control).") var directed = false
    @Option(help: "The data as it stood after this import: its number (`trama db imports`) or a time.") var asOf: String?
    @Flag(help: "Fix the report's time (SOURCE_DATE_EPOCH, else the import's), for byte-identical files.") var reproducible = false
    @Option(name: [.short, .customLong("output")], help: "The folder to write the report into.") var output: String
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if !(1...EvidenceQuery.kLimit).contains(k) { throw ValidationError("--k must be from 1 to \(EvidenceQuery.kLimit)") }
        if maxHops < 1 { throw ValidationError("--max-hops must be at least 1") }
        if let maxDegree, maxDegree < 1 { throw ValidationError("--max-degree must be at least 1") }
    }

    func run() throws {
        var query = EvidenceQuery(from: from, to: to, k: k, maxHops: maxHops, at: try at.map(PathQuery.day), directed: directed, maxDegree: maxDegree)
        if let kinds { query.relations = try PathQuery.relations(list: kinds) }
        let session = try store.open()
        defer { session.close() }
        let (graph, view, version) = try session.graph(asOf: asOf)
        let generated = ReportBundle.generated(reproducible: reproducible, dataChangedAt: version?.finishedAt)
        let report = try query.run(on: graph, store: view, version: version, generated: generated)
        try session.writeReport(to: output, summary: report.text) { try report.bundle(drawing: $0, theme: $1) }
    }
}
