import ArgumentParser
import Foundation
import TramaExport
import TramaGraph
import TramaService

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write part of the graph for other tools: GraphML, GEXF 1.3, FollowTheMoney JSON Lines, Neo4j import CSV or DOT.",
        discussion: """
            Choose what with one of --dataset, --around (with --hops), --ring or --investigation. Kinds, properties, \
            dates and each record's source travel as attributes; parallel relationships are kept. graphml, gexf, ftm \
            and dot write one file to -o; neo4j writes nodes.csv, relationships.csv and README.txt (the \
            neo4j-admin command) into the folder -o names. An ftm export imported with `trama ingest ftm` gives the \
            same graph back.
            """)

    @Argument(help: "graphml, gexf, ftm, neo4j or dot.") var format: ExportFormat
    @Option(help: "A dataset, whole (`trama db status` lists them).") var dataset: String?
    @Option(help: "The entities around this one (kind:ID, ID or name) and the relationships among them.") var around: String?
    @Option(help: "With --around: how far, in hops (1–\(ExportQuery.hopsLimit)).") var hops = 2
    @Option(help: "A ring of the latest collusion scan (ring-3).") var ring: String?
    @Option(help: "An investigation's number (with --as).") var investigation: Int?
    @Option(name: .customLong("as"), help: "With --investigation: the user to act as (an API token's number or name).") var user: String?
    @Option(help: "Only relationships valid on this date (YYYY-MM-DD); not with --dataset.") var at: String?
    @Option(name: [.short, .customLong("output")], help: "The file (the folder, for neo4j) to write.") var output: String
    @OptionGroup var store: StoreOptions

    func validate() throws {
        let chosen = [dataset != nil, around != nil, ring != nil, investigation != nil].filter { $0 }.count
        if chosen != 1 { throw ValidationError("choose what to export with exactly one of --dataset, --around, --ring, --investigation") }
        if investigation != nil, user == nil { throw ValidationError("--investigation needs --as USER: investigations belong to users") }
        if !(1...ExportQuery.hopsLimit).contains(hops) { throw ValidationError("--hops must be from 1 to \(ExportQuery.hopsLimit)") }
        if at != nil, dataset != nil { throw ValidationError("--at selects relationships around entities; a dataset export takes them all") }
    }

    func run() throws {
        let selection: ExportQuery.Selection =
            if let dataset { .dataset(dataset) } else if let around { .around(around, hops: hops) } else if let ring { .ring(ring) } else { .investigation(investigation!) }
        let session = try store.open()
        defer { session.close() }
        let (graph, _) = try session.loadGraph()
        let investigations = try user.map { try InvestigationsCommand.investigations($0, session) }
        let selected = try ExportQuery(selection, at: try at.map(PathQuery.day)).run(on: graph, store: session.store, investigations: investigations)
        let files = TramaExport.export(selected, as: format)
        if format == .neo4j {
            let folder = URL(fileURLWithPath: output)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for f in files { try Data(f.bytes).write(to: folder.appendingPathComponent(f.name)) }
        } else if let file = files.first {
            try Data(file.bytes).write(to: URL(fileURLWithPath: output))
        }
        Console.note("wrote \(selected.description): \(selected.nodes.count) entities, \(selected.edges.count) relationships to \(output)")
    }
}

extension ExportFormat: ExpressibleByArgument {}
