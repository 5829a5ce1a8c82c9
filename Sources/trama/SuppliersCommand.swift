import ArgumentParser
import Foundation
import TramaAnalysis
import TramaGraph
import TramaService

struct SuppliersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suppliers", abstract: "Supplier-level GRAS red flags (group 4.1, political finance, so far): scan and read.",
        subcommands: [Scan.self, Political.self])

    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute the supplier flags and store them as a run (`trama flags --indicator 4.1.3` reads them).",
            discussion: """
                GRAS 4.1, political finance: a firm whose own money, or its shareholders', legal representative's or \
                employees' (a tie valid on the donation's date), went to a campaign (4.1.1, and 4.1.2 the value), and the \
                contracts it then won from buyers located where a donee was elected, during the donee's term (4.1.3 number, \
                4.1.4 share of its contracts).
                """)
        @Option(help: "Only contracts dated on or after this day (YYYY-MM-DD).") var from: String?
        @Option(help: "Only contracts dated on or before this day (YYYY-MM-DD).") var to: String?
        @Option(help: "Years a donee holds office after the election year.") var termYears = PoliticalFinanceParameters().termYears
        @Option(help: "text or json.") var format: ListFormat = .text
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if termYears < 0 || termYears > 20 { throw ValidationError("--term-years must be from 0 to 20") }
        }

        func run() throws {
            var scan = SupplierScan()
            scan.political.termYears = termYears
            if from != nil || to != nil {
                scan.period = Validity(from: try from.map(PathQuery.day) ?? .distantPast, to: try to.map(PathQuery.day) ?? .distantFuture)
            }
            let session = try store.open()
            defer { session.close() }
            let answer = try scan.run(session: session)
            print(format == .json ? answer.json.pretty : answer.text)
        }
    }

    struct Political: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Each flagged firm's political finance (GRAS 4.1): the donations counted and how they tie to it, the contracts that followed.")
        @Option(name: .customLong("run"), help: "A stored run (`trama runs --analysis suppliers`); the latest by default.") var runID: Int?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let chosen = try AnalysisRun.chosen(SupplierScan.analysis, id: runID, in: session.store)
            let documents = try chosen.documents("political_finance", as: PoliticalFinanceDocument.self, in: session.store)
            print(JSONValue.object([("run", .int(chosen.id)), ("firms", .array(documents.map(\.json)))]).pretty)
        }
    }
}
