import ArgumentParser
import Foundation
import TramaAnalysis
import TramaGraph
import TramaRender
import TramaService
import TramaWorld

struct CollusionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collusion",
        abstract: "Bid-rigging screens (GRAS group 2): shared owners, employees and registration data among co-bidders, top losers, price screens, rings.",
        discussion: """
            `scan` computes every indicator and stores the results as a run; the other commands read \
            the latest run. Results are patterns to review: firms that share an owner or keep losing \
            to the same winner, not findings of collusion.
            """,
        subcommands: [Scan.self, Pairs.self, TopLosers.self, Tenders.self, Rings.self, Score.self])

    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute all collusion indicators and rings and store them as a run.")

        @Option(help: "Only tenders dated on or after this day (YYYY-MM-DD).") var from: String?
        @Option(help: "Only tenders dated on or before this day (YYYY-MM-DD).") var to: String?
        @Option(help: "A JSON object of parameters to override (names as in CollusionParameters, e.g. {\"ownershipDepth\": 2}).")
        var params: String?
        @Option(help: "text or json.") var format: OutputFormat = .text
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard format == .text || format == .json else { throw ValidationError("--format must be text or json") }
        }

        func run() throws {
            var scan = CollusionScan()
            if let params { scan.parameters = try ParameterFile.load(CollusionParameters.self, from: params) }
            if from != nil || to != nil {
                scan.period = Validity(from: try from.map(PathQuery.day) ?? .distantPast, to: try to.map(PathQuery.day) ?? .distantFuture)
            }
            let session = try store.open()
            defer { session.close() }
            let report = try scan.run(session: session)
            defer { AlertsCommand.evaluateAfterScan(session) }
            let f = report.findings
            if format == .json {
                print(report.answer.json.pretty)
                return
            }
            print("collusion scan \(report.runID): \(String(format: "%.1f", report.seconds)) s")
            print("  linked co-bidder pairs (2.6–2.8): \(f.linkedBidders.count) in \(Set(f.linkedBidders.map(\.tender)).count) tenders")
            print("  top losers (2.1): \(f.topLosers.filter(\.isTopLoser).count) of \(f.topLosers.count) bidders")
            let fixed = f.constantRelations.filter { $0.relation != .multiple }.count
            print("  fixed-difference pairs (2.2): \(fixed); fixed multiples: \(f.constantRelations.count - fixed)")
            print("  low-variance / high-distance tenders (2.3): \(f.priceScreens.filter(\.lowVariance).count) / \(f.priceScreens.filter(\.highDistance).count) of \(f.priceScreens.count)")
            print("  Benford (2.4), whole market: \(f.marketBenford.verdict.rawValue) (MAD \(String(format: "%.4f", f.marketBenford.meanAbsoluteDeviation)), \(f.marketBenford.count) values)")
            print("  rings: \(f.rings.count); rotation patterns: \(f.rotations.filter(\.flagged).count); market-allocation patterns: \(f.allocations.count)")
            print("  stages: " + report.timings.map { "\($0.0) \(String(format: "%.2f", $0.1)) s" }.joined(separator: ", "))
            print("read them with `trama collusion pairs|top-losers|rings` or `trama flags`")
        }
    }

    struct Pairs: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Competing bidders that share a shareholder, an employee or registration data, per tender.")
        @Option(help: "json.") var format: OutputFormat = .json
        @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?
        @Option(name: .customLong("run"), help: "A stored run's id (`trama runs`); the latest when omitted.") var runID: Int?
        @OptionGroup var store: StoreOptions

        func validate() throws { guard format == .json else { throw ValidationError("--format must be json") } }

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            try Output.write(Array((try CollusionReports(store: session.store, run: runID).pairs().json.pretty + "\n").utf8), to: output)
        }
    }

    struct TopLosers: ParsableCommand {
        enum Format: String, ExpressibleByArgument { case json, csv }
        static let configuration = CommandConfiguration(
            commandName: "top-losers", abstract: "Per firm the GRAS 2.1 figures: winning rate, competitors, whom it loses to; top losers first.")
        @Option(help: "json or csv.") var format: Format = .json
        @Flag(help: "Every bidder, not only top losers and the firms that beat them.") var all = false
        @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?
        @Option(name: .customLong("run"), help: "A stored run's id (`trama runs`); the latest when omitted.") var runID: Int?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let reports = try CollusionReports(store: session.store, run: runID)
            let text = format == .json ? try reports.topLosersJSON(all: all).json.pretty + "\n" : try reports.topLosersCSV(all: all)
            try Output.write(Array(text.utf8), to: output)
        }
    }

    struct Tenders: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per tender the GRAS 2.3 bid screens: coefficient of variation, relative distance of the two lowest bids, and their flags.")
        @Option(help: "json or csv.") var format: TopLosers.Format = .json
        @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?
        @Option(name: .customLong("run"), help: "A stored run's id (`trama runs`); the latest when omitted.") var runID: Int?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let reports = try CollusionReports(store: session.store, run: runID)
            try Output.write(Array((format == .json ? try reports.tenders().json.pretty + "\n" : try reports.tendersCSV()).utf8), to: output)
        }
    }

    struct Rings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Groups of co-bidders tied by shared owners, employees or registration data, or by a top loser's losses; largest value first.")
        @Option(help: "json, dot, svg, png or pdf.") var format: OutputFormat = .json
        @Option(help: "How many rings (maps default to 8).") var top: Int?
        @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?
        @Option(name: .customLong("run"), help: "A stored run's id (`trama runs`); the latest when omitted.") var runID: Int?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard format != .text else { throw ValidationError("--format must be json, dot, svg, png or pdf") }
            if format.isBinary && output == nil { throw ValidationError("--format \(format.rawValue) needs -o FILE") }
        }

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let reports = try CollusionReports(store: session.store, run: runID)
            let bytes: [UInt8]
            if format == .json {
                bytes = Array((try reports.rings(top: top).json.pretty + "\n").utf8)
            } else {
                let theme = try Theme.load(from: session.resources.theme("default"))
                bytes = try GraphvizRenderer().render(try reports.ringsMap(top: top ?? 8), theme: theme, format: format.render!)
            }
            try Output.write(bytes, to: output)
            if let output { Console.note("wrote \(output)") }
        }
    }

    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Precision and recall of the latest scan against a generated world's truth.json (planted rings, top losers, fixed-difference pairs).")
        @Option(help: "The truth.json `trama generate` wrote.") var truth: String
        @Option(help: "text or json.") var format: OutputFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            try printScore(truth: truth, format: format, store: store) { session, planted in
                let score = try CollusionScore.score(reports: CollusionReports(store: session.store), truth: planted)
                return (score.json, score.text)
            }
        }
    }
}

/// The `score` commands: loads a generated world's truth.json, opens the store and prints
/// what `score` makes of the two, as JSON or text.
func printScore(truth: String, format: OutputFormat, store: StoreOptions, _ score: (Session, WorldTruth) throws -> (json: JSONValue, text: String)) throws {
    let planted = try WorldTruth.load(path: truth)
    let session = try store.open()
    defer { session.close() }
    let (json, text) = try score(session, planted)
    print(format == .json ? json.pretty : text)
}

struct FlagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flags", abstract: "Red flags of the latest stored scans: listed, filtered and ranked, and which GRAS indicators can be computed.",
        subcommands: [List.self, Coverage.self, Validate.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Red flags by entity and indicator; with --filter, --period or --by-entity, entities ranked by their composite score.",
            discussion: """
                --filter combines indicators and values with and, or, not and parentheses, e.g. \
                '2.7.1 >= 1 and 4.1.2 > 11000 and 1.2.1 >= 0.5' (a bare indicator means flagged; `1.2.1.value` is a \
                share by value). Entities are ranked by the composite score: for each risk pattern they are flagged in \
                (2.7, 4.1, ring…), the best standing of their flags among all entities flagged for the same indicator, summed.
                """)
        @Argument(help: "Only this entity (kind:ID).") var entity: String?
        @Option(help: "Only this indicator or its sub-indicators (e.g. 2.7 finds 2.7.1 and 2.7.4).") var indicator: String?
        @Option(help: "Only flags with a value at least this.") var minValue: Double?
        @Option(help: "Only flags with a value at most this.") var maxValue: Double?
        @Option(help: "indicator (then the highest value), -value, value or subject.") var sort = "indicator"
        @Option(help: "Entities whose flags satisfy this expression, ranked.") var filter: String?
        @Option(help: "Flags of the runs made for this period (FROM:TO, YYYY-MM-DD, either may be empty), ranked.") var period: String?
        @Option(help: "Rank entities by this indicator's value instead of the composite score.") var sortBy: String?
        @Flag(help: "Rank entities by composite score.") var byEntity = false
        @Option(help: "At most this many.") var limit = 100
        @Option(help: "text (or table), json or csv.") var format = "text"
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard FlagFilter.Sort(rawValue: sort) != nil else { throw ValidationError("--sort must be indicator, -value, value or subject") }
            guard ["text", "table", "json", "csv"].contains(format) else { throw ValidationError("--format must be text, table, json or csv") }
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        }

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            if filter != nil || period != nil || sortBy != nil || byEntity {
                let expression = try filter.map(FlagExpression.parse)
                let ranking = try FlagRanking.read(
                    store: session.store, filter: expression, period: try period.map(Self.period), sortBy: sortBy, limit: limit)
                print(format == "json" ? ranking.json.pretty : format == "csv" ? ranking.csv : ranking.text, terminator: format == "csv" ? "" : "\n")
                return
            }
            let filter = FlagFilter(entity: entity, indicator: indicator, minValue: minValue, maxValue: maxValue, sort: FlagFilter.Sort(rawValue: sort)!)
            let flags = try FlagList.read(store: session.store, filter: filter, limit: limit)
            print(format == "json" ? flags.json.pretty : format == "csv" ? flags.csv : flags.text, terminator: format == "csv" ? "" : "\n")
        }

        /// `FROM:TO`, either side may be empty.
        static func period(_ text: String) throws -> Validity {
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--period must be FROM:TO (YYYY-MM-DD:YYYY-MM-DD, either may be empty)") }
            return Validity(
                from: try parts[0].isEmpty ? .distantPast : PathQuery.day(parts[0]), to: try parts[1].isEmpty ? .distantFuture : PathQuery.day(parts[1]))
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How each red flag separates labelled known cases from clean entities (matched on activity when only cases are labelled).",
            discussion: """
                FILE holds `kind:key,1` lines for known cases (convicted, debarred, found colluding) and optionally `kind:key,0` \
                for entities known clean; without them each case gets the unlabelled entity of its kind with the nearest number of \
                bids and contracts. Per flag: the share of cases and of clean entities flagged, the odds ratio, Fisher's exact \
                p-value and the AUC of its value.
                """)
        @Option(help: "The labels: `kind:key,1|0` per line.") var labels: String
        @Option(help: "text or json.") var format: ListFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            let labelled = try FlagValidation.labels(file: labels)
            let session = try store.open()
            defer { session.close() }
            let (graph, _) = try session.loadGraph()
            let answer = try FlagValidation.run(labels: labelled, graph: graph, store: session.store)
            print(format == .json ? answer.json.pretty : answer.text)
        }
    }

    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The GRAS feasibility view: each of the 60 indicators computed, computable, or not computable and what it needs.")
        @Option(help: "text or json.") var format: ListFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let coverage = try FlagCoverage.read(store: session.store)
            print(format == .json ? coverage.json.pretty : coverage.text)
        }
    }
}
