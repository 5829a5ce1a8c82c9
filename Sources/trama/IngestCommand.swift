import ArgumentParser
import Foundation
import TramaIngest
import TramaService

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Load source data into the store.", subcommands: [GRAS.self])

    struct GRAS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gras",
            abstract: "Load a folder of GRAS CSV tables (agencies.csv, firms.csv, bids.csv, …) as one dataset.",
            discussion: """
                Every record is checked (required columns and values, dates, numbers, ID references). \
                By default any problem fails the import and nothing is loaded; --skip-invalid loads the \
                valid records and writes the others, with their reasons, to --rejected. Re-importing \
                unchanged files does nothing; changed files replace the dataset.
                """)

        @Argument(help: "Folder holding the GRAS tables.") var directory: String
        @Option(help: "Dataset name (default: the folder's name).") var dataset: String?
        @Flag(help: "Load the valid records; write the rejected ones to --rejected.") var skipInvalid = false
        @Option(help: "Where --skip-invalid writes rejected records.") var rejected = "rejected.csv"
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let started = ContinuousClock.now
            var lastReport = ContinuousClock.now - .seconds(10)
            let report = try DatasetImporter(store: session.store).importGRAS(
                directory: URL(fileURLWithPath: directory),
                options: .init(dataset: dataset, skipInvalid: skipInvalid, rejectedFile: URL(fileURLWithPath: rejected))
            ) { p in
                guard ContinuousClock.now - lastReport >= .seconds(1) else { return }
                lastReport = ContinuousClock.now
                let pct = p.bytesTotal > 0 ? 100 * p.bytesDone / p.bytesTotal : 100
                let secs = (ContinuousClock.now - started) / .seconds(1)
                Console.progress(String(format: "reading %@: %d records, %d%% of %.1f MB, %.0fs", p.file, p.records, pct, Double(p.bytesTotal) / 1e6, secs))
            }
            Console.endProgress()
            if report.unchanged {
                print("dataset '\(report.dataset)' is unchanged since its last import (same files): nothing to do")
                print("it holds \(report.nodes) entities and \(report.edges) relationships in \(session.location)")
                return
            }
            print("\(report.replaced ? "replaced" : "imported") dataset '\(report.dataset)' into \(session.location)")
            print("  file                      records  loaded  rejected")
            for f in report.files {
                print("  \(f.table.fileName.padding(toLength: 24, withPad: " ", startingAt: 0)) \(pad(f.records, 8)) \(pad(f.accepted, 7)) \(pad(f.rejected, 9))")
            }
            print("  \(report.nodes) entities, \(report.edges) relationships stored")
            if let file = report.rejectedFile {
                print("  \(report.rejected) rejected records written to \(file.path)")
            }
            let mb = Double(report.bytes) / 1_000_000
            print(
                String(
                    format: "  %.2f s: %.0f records/s, %.1f MB/s (%.1f MB read)", report.seconds, Double(report.records) / report.seconds,
                    mb / report.seconds, mb))
            print("  " + report.phases.map { String(format: "%@ %.1f s", $0.name, $0.seconds) }.joined(separator: ", "))
        }

        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: " ", count: max(0, width - s.count)) + s
        }
    }
}
