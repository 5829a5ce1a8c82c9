import ArgumentParser
import Foundation
import TramaAnalysis
import TramaGraph
import TramaService

struct SuppliersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suppliers", abstract: "Supplier-level GRAS red flags (groups 1, 3 and 4): scan and read.",
        subcommands: [Scan.self, Show.self, Political.self])

    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute the supplier flags and store them as a run (`trama flags --indicator 4.1.3` reads them).",
            discussion: """
                GRAS 1, procurement cycle: each supplier's share of contracts won through non-competitive procedures (1.1.1), \
                without a published call (1.1.2), after a short advertisement (1.1.3), as the only bidder (1.2.1); its winning \
                rate (1.2.2); its largest share of one buyer's year (1.2.3); cost overruns (1.3.1) and delays (1.3.2) — by \
                number (1.x.y) and by value (1.x.y.value).
                GRAS 3: contract revenue against turnover (3.1.1) and per employee (3.1.2), profitability (3.2.1), scope of \
                activities (3.3.1), days to the first contract (3.4.1), contracts before incorporation (3.5.1), sanctions \
                (3.6.1–3.6.6), registration of the firm or a shareholder in a secrecy jurisdiction (3.9.1, 3.9.2).
                GRAS 4: donations by the firm or its shareholders, representative or employees (4.1.1–4.1.4); ties to \
                politicians (4.2.1–4.2.3) and to bureaucrats (4.3.1–4.3.3), direct or through a relative, and the contracts \
                won from the bodies they serve.
                """)
        @Option(help: "Only contracts dated on or after this day (YYYY-MM-DD).") var from: String?
        @Option(help: "Only contracts dated on or before this day (YYYY-MM-DD).") var to: String?
        @Option(help: "Years a donee holds office after the election year.") var termYears = PoliticalFinanceParameters().termYears
        @Option(help: "1.1.3: fewer whole days of advertisement than this is short.")
        var minimumAdvertisementDays = ProcurementCycleParameters().minimumAdvertisementDays
        @Option(help: "1.3.1: amendments adding more than this share of the value are an overrun.") var costOverrun = ProcurementCycleParameters().costOverrun
        @Option(help: "1.3.2: delivery later by more than this share of the planned duration is a delay.")
        var deliveryDelay = ProcurementCycleParameters().deliveryDelay
        @Option(help: "3.9: a CSV of secrecy jurisdictions (`code,name`; `# source:` and `# date:` comments) instead of the FSI 2022 top ten.")
        var secrecyList: String?
        @Option(help: "3.9: the market's own country, whose firms are not flagged (default: the country most firms state).") var homeCountry: String?
        @Option(help: "Contract splitting: the procedure threshold in the market's currency (none: not screened).") var splittingThreshold: Double?
        @Option(help: "Contract splitting: the days within which the parts fall.") var splittingWindow = ContractSplittingParameters().windowDays
        @Option(help: "text or json.") var format: ListFormat = .text
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if termYears < 0 || termYears > 20 { throw ValidationError("--term-years must be from 0 to 20") }
            if minimumAdvertisementDays < 0 || minimumAdvertisementDays > 3650 { throw ValidationError("--minimum-advertisement-days must be from 0 to 3650") }
            if let t = splittingThreshold, !(t > 0 && t.isFinite) { throw ValidationError("--splitting-threshold must be a positive amount") }
            if !(1...3650).contains(splittingWindow) { throw ValidationError("--splitting-window must be from 1 to 3650 days") }
            for (name, v) in [("--cost-overrun", costOverrun), ("--delivery-delay", deliveryDelay)] where !(v >= 0 && v <= 100) {
                throw ValidationError("\(name) must be a share from 0 to 100")
            }
        }

        func run() throws {
            var scan = SupplierScan()
            scan.parameters.political.termYears = termYears
            scan.parameters.cycle.minimumAdvertisementDays = minimumAdvertisementDays
            scan.parameters.cycle.costOverrun = costOverrun
            scan.parameters.cycle.deliveryDelay = deliveryDelay
            if let secrecyList { scan.parameters.characteristics.secrecyJurisdictions = try SecrecyJurisdictions.read(path: secrecyList) }
            scan.parameters.characteristics.homeCountry = homeCountry
            scan.parameters.splitting.threshold = splittingThreshold
            scan.parameters.splitting.windowDays = splittingWindow
            if from != nil || to != nil {
                scan.period = Validity(from: try from.map(PathQuery.day) ?? .distantPast, to: try to.map(PathQuery.day) ?? .distantFuture)
            }
            let session = try store.open()
            defer { session.close() }
            let answer = try scan.run(session: session)
            print(format == .json ? answer.json.pretty : answer.text)
            AlertsCommand.evaluateAfterScan(session)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The documents a supplier scan stored for one group of flags, or for one firm.",
            discussion: "Sections: \(SupplierScan.sections.joined(separator: ", ")).")
        @Argument(help: "The section.") var section: String
        @Option(help: "Only this firm's document (kind:key).") var firm: String?
        @Option(name: .customLong("run"), help: "A stored run (`trama runs --analysis suppliers`); the latest by default.") var runID: Int?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if !SupplierScan.sections.contains(section) { throw ValidationError("no section '\(section)': one of \(SupplierScan.sections.joined(separator: ", "))") }
        }

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let chosen = try AnalysisRun.chosen(SupplierScan.analysis, id: runID, in: session.store)
            let documents = try chosen.section(section, in: session.store).filter { firm == nil || $0.subject == firm }.map { JSONValue.raw($0.json) }
            print(JSONValue.object([("run", .int(chosen.id)), ("section", .string(section)), ("firms", .array(documents))]).pretty)
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
