import Foundation
import TramaGraph
public import TramaStore

/// One analysis run ready to store: its parameters and summary, its documents section by
/// section in rank order, and the flags that point at them.
struct AnalysisRecord: Sendable {
    var analysis: String
    var parametersJSON: String
    /// The run's summary document (`analysis_runs.summary`).
    var summary: JSONValue
    var sections: [(name: String, items: [(subject: String?, body: JSONValue)])]
    var flags: [(subject: String, indicator: String, value: Double?, evidence: JSONValue)]

    /// Stores the run, its documents and flags in one transaction; returns the run id.
    func store(in store: Store, period: Validity?, seconds: Double) throws -> Int {
        try store.transaction { conn in
            let id = try conn.execute(.analysisRunInsert, [
                analysis, String(seconds), period.flatMap { $0.from == .distantPast ? nil : $0.from.iso },
                period.flatMap { $0.to == .distantFuture ? nil : $0.to.iso }, parametersJSON, summary.compact,
            ]).scalar.flatMap { Int($0) }!
            try conn.copyIn(.analysisResultsCopy) { w in
                for section in sections {
                    for (i, item) in section.items.enumerated() {
                        try w.row([String(id), section.name, String(i), item.subject, item.body.compact])
                    }
                }
            }
            try conn.copyIn(.flagsCopy) { w in
                for flag in flags {
                    try w.row([String(id), flag.subject, flag.indicator, flag.value.map { String($0) }, flag.evidence.compact])
                }
            }
            return id
        }
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

    /// The latest run of `analysis`, or nil when none has been stored.
    public static func latest(_ analysis: String, in store: Store) throws -> AnalysisRun? {
        let r = try store.execute(.analysisRunLatest, [analysis])
        guard let row = r.rows.first else { return nil }
        return AnalysisRun(
            analysis: analysis, id: Int(row[0]!)!, startedAt: row[1]!, seconds: row[2].flatMap(Double.init), periodFrom: row[3], periodTo: row[4],
            parametersJSON: row[5]!, summaryJSON: row[6]!)
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
