import ArgumentParser
import Foundation
import TramaAnalysis
import TramaService

extension JudgesCommand {
    struct Lawyers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lawyers who appear before one judge, or win before one judge, far more (or less) than chance explains.",
            discussion: """
                Appearances: a lawyer's cases before one judge against the judge's share of the \
                peer group's cases (the other judges of the court), one-sided binomial test. Win \
                rates: the lawyer's wins before the judge against before the peers, two-sided \
                Fisher exact test. Both report p below `significance` (0.01) with the \
                Bonferroni-adjusted p beside it, and store the run with a profile of every judge \
                (`trama judges profile`). A pattern is a question to ask, not a finding.
                """)
        @Option(help: "A JSON object of parameters to override (names as in JudicialParameters, e.g. {\"lawyerMinimumCases\": 8}).")
        var params: String?
        @Option(help: "text, json or csv.") var format: Conflicts.Format = .text
        @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?
        @Option(name: .customLong("run"), help: "Show stored run ID (`trama runs`) instead of running the tests (json only).") var runID: Int?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if runID != nil, format != .json { throw ValidationError("--run shows a stored run as json: add --format json") }
            if runID != nil, params != nil { throw ValidationError("--params belong to a new run, not to stored run \(runID!)") }
        }

        func run() throws {
            if let runID {
                let session = try store.open()
                defer { session.close() }
                return try Output.write(Array((try JudicialPatterns.stored(store: session.store, run: runID).json.pretty + "\n").utf8), to: output)
            }
            let parameters = try params.map { try ParameterFile.load(JudicialParameters.self, from: $0) } ?? JudicialParameters()
            let session = try store.open()
            defer { session.close() }
            let report = try JudicialPatterns(parameters: parameters).run(session: session)
            let text: String
            switch format {
            case .text: text = JudicialReports.patternsText(report)
            case .json: text = report.answer.json.pretty + "\n"
            case .csv: text = JudicialReports.patternsCSV(report)
            }
            try Output.write(Array(text.utf8), to: output)
        }
    }

    struct Profile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A judge's caseload, median time to decision and outcome shares beside the peers' (same court and specialisation).",
            discussion: """
                Read from the latest `trama judges lawyers` run; when none is stored, one is run \
                first with the default parameters.
                """)
        @Argument(help: "The judge: kind:ID, an ID or a name.") var judge: String
        @Option(help: "text or json.") var format: OutputFormat = .text
        @Option(name: .customLong("run"), help: "A stored run's id (`trama runs`); the latest when omitted.") var runID: Int?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if format != .text, format != .json { throw ValidationError("--format must be text or json") }
        }

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let found =
                try runID.map { id in try JudicialPatterns.profile(of: judge, store: session.store, run: id) }.map { (document: $0.document, run: $0.run, ran: false) }
                ?? JudicialPatterns.profile(of: judge, session: session)
            if found.ran { Console.note("no judicial patterns run was stored: ran one (run \(found.run.id))") }
            switch format {
            case .json: print(JudgeProfileReport(header: found.run.header, profile: found.document).json.pretty)
            default: print(JudicialReports.profileText(found.document, run: found.run), terminator: "")
            }
        }
    }
}
