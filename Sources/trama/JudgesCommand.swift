import ArgumentParser
import Foundation
import TramaAnalysis
import TramaService
import TramaWorld

struct JudgesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "judges",
        abstract: "Judicial networks: conflicts of interest between judges and the parties or lawyers before them.",
        discussion: """
            `conflicts` finds, for every case, chains from the presiding judge to a party or a party's \
            lawyer through family, declared interests, shareholdings, employment, appointment and \
            political money — relationships outside the case, valid on the day it was filed — and \
            stores them as a run. A conflict is a tie to review, not a finding of bias.
            """,
        subcommands: [Conflicts.self, Map.self, Lawyers.self, Profile.self, Firms.self, Score.self])

    struct Conflicts: ParsableCommand {
        enum Format: String, ExpressibleByArgument { case text, json, csv }
        static let configuration = CommandConfiguration(
            abstract: "Every party or party's lawyer linked to the case's judge outside the case, with the path and its sources.")
        @Option(help: "The longest chain, in relationships, that counts (default 3).") var hops: Int?
        @Option(help: "A JSON object of parameters to override (names as in JudicialParameters, e.g. {\"maxDegree\": 100}).")
        var params: String?
        @Option(help: "text, json or csv.") var format: Format = .text
        @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if let hops, hops < 1 { throw ValidationError("--hops must be at least 1") }
        }

        func run() throws {
            var scan = JudicialScan()
            if let params { scan.parameters = try ParameterFile.load(JudicialParameters.self, from: params) }
            if let hops { scan.parameters.hops = hops }
            let session = try store.open()
            defer { session.close() }
            let report = try scan.run(session: session)
            let text: String
            switch format {
            case .json: text = try AnswerEncoder.pretty(report.conflicts) + "\n"
            case .csv: text = JudicialReports.csv(report.conflicts)
            case .text:
                text = JudicialReports.text(report.conflicts)
                    + "judicial run \(report.runID): \(report.conflicts.count) conflicts in \(report.cases) cases, \(String(format: "%.1f", report.seconds)) s\n"
            }
            try Output.write(Array(text.utf8), to: output)
        }
    }

    struct Firms: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Law firms before judges: cases, lawyers' appearances and the roles of the parties they acted for.",
            discussion: """
                A firm appears before a judge when one of its lawyers is counsel in a case the judge \
                presides, was referred or sits on the panel of (court dockets: `trama ingest dockets`). \
                Most cases first. Counts, not a test: `trama judges lawyers` compares lawyers with the \
                judge's peers.
                """)
        @Option(help: "Only this judge: kind:ID (judge:fjc:1392341), an ID or a name.") var judge: String?
        @Option(help: "text, json or csv.") var format: Conflicts.Format = .text
        @OptionGroup var page: PageOptions
        @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let session = try store.open()
            defer { session.close() }
            let answer = try JudgeFirms.read(store: session.store, judge: judge, limit: page.limit, offset: page.offset)
            let text: String =
                switch format {
                case .text: answer.text
                case .json: answer.json.pretty + "\n"
                case .csv: answer.csv
                }
            try Output.write(Array(text.utf8), to: output)
        }
    }

    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Precision and recall of the latest `judges conflicts` run against a generated world's truth.json.")
        @Option(help: "The truth.json `trama generate` wrote.") var truth: String
        @Option(help: "text or json.") var format: OutputFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            try printScore(truth: truth, format: format, store: store) { session, planted in
                let score = try JudicialScore.score(store: session.store, truth: planted)
                return (score.json, score.text)
            }
        }
    }
}

/// A `--params FILE` of an analysis: a JSON object whose names are the parameters' own;
/// an unreadable file or an unknown name is an error naming the file.
enum ParameterFile {
    static func load<P: Decodable>(_ type: P.Type, from path: String) throws -> P {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ServiceError.unreadable(file: path, reason: error.localizedDescription)
        }
        do { return try JSONDecoder().decode(P.self, from: data) } catch let DecodingError.dataCorrupted(c) {
            throw ServiceError.unreadable(file: path, reason: c.debugDescription)
        } catch {
            throw ServiceError.unreadable(file: path, reason: "\(error)")
        }
    }
}

extension WorldTruth {
    /// The truth.json `trama generate` wrote, for the `score` commands.
    static func load(path: String) throws -> WorldTruth {
        guard let data = FileManager.default.contents(atPath: path) else { throw ServiceError.truthMissing(path: path) }
        return try JSONDecoder().decode(WorldTruth.self, from: data)
    }
}
