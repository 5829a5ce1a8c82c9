import Foundation
import TramaAnalysis
import TramaGraph
public import TramaStore

/// One analysis run ready to store: its parameters and summary, its documents section by
/// section in rank order, and the flags that point at them.
struct AnalysisRecord: Sendable {
    var analysis: String
    var parametersJSON: String
    /// The run's summary document (`analysis_runs.summary`).
    var summary: JSONValue
    var sections: [RunSection]
    var flags: [(subject: String, indicator: String, value: Double?, evidence: JSONValue)]

    /// Stores the run, its documents and flags in one transaction; returns the run id.
    func store(in store: Store, period: Validity?, seconds: Double) throws -> Int {
        try store.transaction { conn in
            let id = try conn.execute(.analysisRunInsert, [
                analysis, String(seconds), period?.from.boundedISO, period?.to.boundedISO, parametersJSON, summary.compact,
            ]).scalar.flatMap { Int($0) }!
            let run = String(id)
            // Encoded on every core while this connection sends (`CopyInWriter.rows`).
            let sections = sections
            let ends = sections.reduce(into: [Int]()) { $0.append(($0.last ?? 0) + $1.count) }
            try conn.copyIn(.analysisResultsCopy) { w in
                try w.rows(ends.last ?? 0) { row, text in
                    let s = ends.firstIndex { row < $0 }!
                    let i = row - (ends[s] - sections[s].count)
                    let (subject, body) = sections[s].document(i)
                    text.field(run)
                    text.field(sections[s].name)
                    text.field(String(i))
                    text.field(subject)
                    text.field(utf8: body)
                    text.endRow()
                }
            }
            let flags = flags
            let standings = FlagStanding.standings(flags.map { ($0.indicator, $0.value) })
            try conn.copyIn(.flagsCopy) { w in
                try w.rows(flags.count) { i, text in
                    let flag = flags[i]
                    text.row([run, flag.subject, flag.indicator, flag.value.map { String($0) }, standings[i].map { String($0) }, flag.evidence.compact])
                }
            }
            return id
        }
    }
}

/// One section of a run's documents, in rank order, each encoded only when it is written.
///
/// A national collusion scan stores 1.2 million documents. Encoded up front, they were 9 s of
/// one core while PostgreSQL waited, then PostgreSQL's 18 s of storing them while trama waited;
/// encoded as the COPY asks for them, the two overlap on two cores, and no million encoded
/// trees are held at once.
struct RunSection: Sendable {
    let name: String
    let count: Int
    /// The `i`th document as compact JSON, with the entity it is about.
    let document: @Sendable (_ i: Int) -> (subject: String?, body: [UInt8])

    init<Document: Answer>(_ name: String, _ documents: [Document], subject: @escaping @Sendable (Document) -> String?) {
        self.name = name
        count = documents.count
        document = { i in (subject(documents[i]), documents[i].compactJSON) }
    }
}

/// A stored analysis run (collusion scan, judicial screen), read back for the commands and the API.
public struct AnalysisRun: Sendable {
    public var analysis: String
    public var id: Int
    public var startedAt: String
    public var seconds: Double?
    public var periodFrom: String?
    public var periodTo: String?
    public var parametersJSON: String
    public var summaryJSON: String

    /// The analyses that store runs, by the name runs carry.
    public static let analyses = [CollusionDocuments.analysis, JudicialScan.analysis, JudicialPatterns.analysis, SupplierScan.analysis]

    /// The latest run of `analysis`, or nil when none has been stored.
    public static func latest(_ analysis: String, in store: Store) throws -> AnalysisRun? {
        try store.execute(.analysisRunLatest, [analysis]).rows.first.map { try AnalysisRun(analysis: analysis, row: $0) }
    }

    /// Run `id` of `analysis` when given, else the latest; a clear error when there is none.
    public static func chosen(_ analysis: String, id: Int?, in store: Store) throws -> AnalysisRun {
        guard let id else {
            guard let run = try latest(analysis, in: store) else { throw ServiceError.noAnalysisRun(analysis: analysis) }
            return run
        }
        guard let row = try store.execute(.analysisRunGet, [String(id), analysis]).rows.first else {
            throw ServiceError.noSuchRun(id: id, analysis: analysis)
        }
        return try AnalysisRun(analysis: analysis, row: row)
    }

    /// Stored runs, newest first, of one analysis or all, `limit` from `offset`, with the count
    /// of all.
    public static func list(analysis: String?, limit: Int, offset: Int, in store: Store) throws -> (runs: [AnalysisRun], total: Int) {
        if let analysis, !analyses.contains(analysis) {
            throw ServiceError.badParameter(name: "analysis", reason: "'\(analysis)' is not one of \(analyses.joined(separator: ", "))")
        }
        let rows = try store.execute(.analysisRunsList, [analysis, String(limit), String(offset)]).rows
        let runs = try rows.map { try AnalysisRun(analysis: $0[0]!, row: Array($0.dropFirst())) }
        // Past the last page the window count is absent: count again without the page.
        let total = try rows.first.map { Int($0[8]!)! } ?? (offset == 0 ? 0 : list(analysis: analysis, limit: 1, offset: 0, in: store).total)
        return (runs, total)
    }

    /// One section's documents in rank order, as stored JSON text.
    public func section(_ name: String, in store: Store) throws -> [(subject: String?, json: String)] {
        try store.execute(.analysisResultsSection, [String(id), name]).rows.map { ($0[0], $0[1]!) }
    }

    public func section(_ name: CollusionDocuments.Section, in store: Store) throws -> [(subject: String?, json: String)] {
        try section(name.rawValue, in: store)
    }

    /// The run's header, in every output: which run, when, with what.
    public var header: RunHeader {
        RunHeader(run: id, startedAt: startedAt, period: ReportPeriod(from: periodFrom, to: periodTo), parameters: .raw(parametersJSON))
    }

    /// One section's documents in rank order, read back as their type.
    public func documents<Document: Decodable>(_ name: String, as type: Document.Type, in store: Store) throws -> [Document] {
        try section(name, in: store).map { try StoredDocument.decode(Document.self, from: $0.json) }
    }

    /// A report of this run listing `items` under their kind's key.
    public func report<Item: RunReportItem>(_ items: [Item]) -> RunReport<Item> { RunReport(header: header, items: items) }
}

extension AnalysisRun {
    /// `id, started_at, seconds, period_from, period_to, parameters, summary`.
    fileprivate init(analysis: String, row: [String?]) throws {
        guard let id = row[0].flatMap({ Int($0) }), let started = row[1], let parameters = row[5], let summary = row[6] else {
            throw ServiceError.malformedRow(query: "analysis_runs")
        }
        self.init(
            analysis: analysis, id: id, startedAt: started, seconds: row[2].flatMap(Double.init), periodFrom: row[3], periodTo: row[4],
            parametersJSON: parameters, summaryJSON: summary)
    }
}

/// One stored run as `GET /runs` and `trama runs` list it: which analysis, when, over which
/// period, with what parameters, and its summary (what the scan counted and found).
public struct RunSummary: Answer, Hashable {
    public var analysis: String
    public var run: Int
    public var startedAt: String
    public var seconds: Double?
    public var period: ReportPeriod
    public var parameters: JSONValue
    public var summary: JSONValue

    enum CodingKeys: String, CodingKey { case analysis, run, startedAt = "started_at", seconds, period, parameters, summary }

    public init(_ r: AnalysisRun) {
        analysis = r.analysis
        run = r.id
        startedAt = r.startedAt
        seconds = r.seconds
        period = ReportPeriod(from: r.periodFrom, to: r.periodTo)
        parameters = .raw(r.parametersJSON)
        summary = .raw(r.summaryJSON)
    }
}

/// A page of stored runs, newest first.
public struct RunList: Answer {
    public var page: Page
    public var runs: [RunSummary]

    public init(page: Page, runs: [RunSummary]) {
        self.page = page
        self.runs = runs
    }
}
