import ArgumentParser
import Foundation
import TramaGraph
import TramaRender
import TramaService
import TramaStore

struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "A dossier on one entity to file: identity from every source, owners and holdings, flags, tenders, ties, map, sources.",
        discussion: """
            Writes to the folder -o names: report.html, report.pdf, map.svg and map.png (its neighbourhood), \
            dossier.json and MANIFEST.sha256. As `trama evidence`, it names the import its data is as of, takes \
            --as-of an earlier one, and with --reproducible gives byte-identical files on the same data.
            """)

    @Argument(help: "The entity: kind:ID, an ID or a name.") var entity: String
    @Option(help: "Only ties valid on this date (YYYY-MM-DD). Default: all.") var at: String?
    @Option(help: "The data as it stood after this import: its number (`trama db imports`) or a time.") var asOf: String?
    @Flag(help: "Fix the dossier's time (SOURCE_DATE_EPOCH, else the import's), for byte-identical files.") var reproducible = false
    @Option(name: [.short, .customLong("output")], help: "The folder to write the dossier into.") var output: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        let session = try store.open()
        defer { session.close() }
        let (graph, view, version) = try session.graph(asOf: asOf)
        let generated = ReportBundle.generated(reproducible: reproducible, dataChangedAt: version?.finishedAt)
        let dossier = try DossierQuery(entity: entity, at: try at.map(PathQuery.day)).run(on: graph, store: view, version: version, generated: generated)
        try session.writeReport(to: output, summary: dossier.text) { try dossier.bundle(graph: graph, store: view, drawing: $0, theme: $1) }
    }
}
