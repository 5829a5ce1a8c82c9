import ArgumentParser
import Foundation
import TramaRender
import TramaService
import TramaStore

/// Pre-award screening of one prospective supplier.
struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Screen a prospective supplier before an award: flags, owners, sanctions at the date, ties to the buyer's officials and politicians, cases.",
        discussion: """
            Prints the screening (--format text or json); with -o FOLDER writes report.html, report.pdf, map.svg, map.png, \
            screening.json and MANIFEST.sha256, like `trama dossier` (--as-of an earlier import, --reproducible for \
            byte-identical files). Flags and ties to officials come from the latest scans (`trama suppliers scan`).
            """)

    @Argument(help: "The firm: kind:ID, an ID or a name.") var entity: String
    @Option(help: "The buyer about to sign (an agency).") var buyer: String?
    @Option(help: "Sanctions and ownership valid on this date (YYYY-MM-DD). Default: any date.") var at: String?
    @Option(help: "The data as it stood after this import: its number (`trama db imports`) or a time.") var asOf: String?
    @Flag(help: "Fix the screening's time (SOURCE_DATE_EPOCH, else the import's), for byte-identical files.") var reproducible = false
    @Option(name: [.short, .customLong("output")], help: "The folder to write the report into.") var output: String?
    @Option(help: "text or json (without -o).") var format: ListFormat = .text
    @OptionGroup var store: StoreOptions

    func run() throws {
        let session = try store.open()
        defer { session.close() }
        let (graph, view, version) = try session.graph(asOf: asOf)
        let generated = ReportBundle.generated(reproducible: reproducible, dataChangedAt: version?.finishedAt)
        let screening = try ScreeningQuery(entity: entity, buyer: buyer, at: try at.map(PathQuery.day)).run(on: graph, store: view, version: version, generated: generated)
        guard let output else {
            print(format == .json ? screening.json.pretty : screening.text)
            return
        }
        try session.writeReport(to: output, summary: screening.text) { try screening.bundle(graph: graph, store: view, drawing: $0, theme: $1) }
    }
}
